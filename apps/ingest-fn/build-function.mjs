// Bundles the function into one CommonJS file, the way it ships in its container image (see Dockerfile):
// dist/func/func.js plus func.yaml. Workspace libraries are taken from their TypeScript sources.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';

const outDir = 'dist/func';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const startedAt = performance.now();
await build({
  entryPoints: ['src/main.ts'],
  outfile: `${outDir}/func.js`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  conditions: ['@lakehouse/source'],
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync('func.yaml', `${outDir}/func.yaml`);
// The DB system's CA bundle (the repository's certs/mysql-ca.pem, see certs/README.md) when present; the folder
// always exists so that the Dockerfile can copy it unconditionally.
mkdirSync(`${outDir}/certs`);
if (existsSync('../../certs/mysql-ca.pem'))
  copyFileSync('../../certs/mysql-ca.pem', `${outDir}/certs/mysql-ca.pem`);
// The bundle is CommonJS; this keeps Node from reading it as ESM under the workspace's "type": "module".
writeFileSync(`${outDir}/package.json`, `${JSON.stringify({ type: 'commonjs', private: true })}\n`);
const sizeKb = Math.round(statSync(`${outDir}/func.js`).size / 1024);
process.stdout.write(
  `ingest-fn bundled: ${outDir}/func.js (${sizeKb} KB) in ${Math.round(performance.now() - startedAt)} ms\n`,
);
