/**
 * Process entry of `api <command>` (src/cli.ts) for the Nx targets `create-key` and `explain-heatwave`. The
 * environment is the process's own; the targets preload @lakehouse/local-stack/load-env, which adds the local
 * stack's MYSQL_* (from .local/stack.env) unless MYSQL_HOST names another database.
 */
import { runCli } from '../src/cli.js';

runCli(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`api: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
