// Bundles an app's own code and the workspace libraries into <app>/bundle/<name>.js, the way it ships in a
// container: third-party packages stay in node_modules (several find their assets relative to their own files).
// Running the bundle with plain `node` avoids running TypeScript sources through tsx, whose name-keeping wraps every
// function it creates. Usage (from the app's folder): node ../../tools/bundle/bundle-app.mjs name=src/file.ts ...
import { build } from 'esbuild';
import { mkdirSync, rmSync, statSync } from 'node:fs';

const entries = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=')));
if (Object.keys(entries).length === 0) throw new Error('usage: bundle-app.mjs name=src/file.ts ...');
// One level below the app, as src/ is: paths an app resolves from its own file (../web/dist) stay valid.
const outDir = 'bundle';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const startedAt = performance.now();
/** Every bare import outside the workspace stays external. */
const thirdPartyExternal = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@lakehouse/') ? undefined : { path: args.path, external: true },
    );
  },
};
await build({
  entryPoints: entries,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['@lakehouse/source'],
  plugins: [thirdPartyExternal],
  sourcemap: 'linked',
  logLevel: 'warning',
});
const names = Object.keys(entries).map(
  (n) => `${outDir}/${n}.js (${Math.round(statSync(`${outDir}/${n}.js`).size / 1024)} KB)`,
);
process.stdout.write(`bundled ${names.join(', ')} in ${Math.round(performance.now() - startedAt)} ms\n`);
