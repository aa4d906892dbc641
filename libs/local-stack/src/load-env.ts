/**
 * Preload of every Nx target that runs an app against the local stack, e.g.
 * `tsx --import @lakehouse/local-stack/load-env --conditions=@lakehouse/source src/main.ts`: adds the variables of
 * `<stack dir>/stack.env` (written by `npm run stack -- up`) to `process.env` before the app's own entry runs, so
 * the app starts as in production (its config.ts reads the environment; its main.ts handles the signals).
 */
import { localStackEnv } from './stack-env.js';

try {
  // This preload's one job is the environment, before any config.ts reads it.
  // eslint-disable-next-line no-restricted-properties
  Object.assign(process.env, localStackEnv(process.env));
} catch (err: unknown) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
