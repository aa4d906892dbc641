// Bundles the API's own code and the workspace libraries into bundle/main.js (and bundle/cli.js), the way it ships in a container:
// third-party packages stay in node_modules (several find their assets relative to their own files). Running the
// bundle with plain `node` avoids the per-function overhead of running TypeScript sources through tsx.
import { build } from 'esbuild';
import { mkdirSync, rmSync, statSync } from 'node:fs';

// One level below apps/api, as src/ is: the default dashboard folder (../web/dist) resolves the same from both.
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
  // The benchmark's bare Fastify route is bundled too, so that both servers of the benchmark run the same way.
  entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts', 'bench-trivial-server': 'bench/trivial-server.ts' },
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
const sizeKb = Math.round(statSync(`${outDir}/main.js`).size / 1024);
process.stdout.write(
  `api bundled: ${outDir}/main.js (${sizeKb} KB) in ${Math.round(performance.now() - startedAt)} ms\n`,
);
