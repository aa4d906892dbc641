// esbuild settings of the function's `build` target (@nx/esbuild, options in package.json): one CommonJS
// file with every package inlined, the way it ships in its container image (see Dockerfile): dist/func/func.js plus
// func.yaml and certs/ (the target's assets). Workspace libraries are taken from their TypeScript sources.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outDir = join(import.meta.dirname, 'dist', 'func');

export default {
  // As in tools/esbuild/app.config.mjs (the other apps' config; not imported: apps never import tools/).
  conditions: ['@lakehouse/source'],
  logLevel: 'warning',
  legalComments: 'linked',
  // func.js, not the executor's default func.cjs: the Dockerfile, func.yaml and the local runner start that file.
  outExtension: { '.js': '.js' },
  plugins: [
    {
      name: 'function-folder',
      setup(build) {
        build.onEnd(() => {
          // The bundle is CommonJS; this keeps Node from reading it as ESM under the workspace's "type": "module".
          writeFileSync(
            join(outDir, 'package.json'),
            `${JSON.stringify({ type: 'commonjs', private: true })}\n`,
          );
          // certs/ holds the DB system's CA bundle when certs/mysql-ca.pem exists (see certs/README.md); the folder
          // always exists so that the Dockerfile can copy it unconditionally.
          mkdirSync(join(outDir, 'certs'), { recursive: true });
        });
      },
    },
  ],
};
