import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The dashboard is a static bundle that the API serves from `web/dist` (@fastify/static). During development
 * `vite` proxies `/api` to a running API (`DASHBOARD_API_URL`, default http://127.0.0.1:3000).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  cacheDir: '../../../node_modules/.vite/apps/api/web',
  // Workspace libs are bundled from their TypeScript sources (no prior build); the dashboard imports only their
  // browser-safe entries, such as `@lakehouse/domain/browser`.
  resolve: { conditions: ['@lakehouse/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Chart.js is the bulk of the bundle; one chunk keeps the page to three requests.
    chunkSizeWarningLimit: 400,
    // Frozen constants of the libs' browser entries (`Object.freeze({...})`) are dropped when nothing uses them.
    rolldownOptions: { treeshake: { manualPureFunctions: ['Object.freeze'] } },
  },
  server: {
    proxy: { '/api': process.env['DASHBOARD_API_URL'] ?? 'http://127.0.0.1:3000' },
  },
});
