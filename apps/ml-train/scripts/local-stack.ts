/**
 * Entry of the Nx targets: runs the CLI against the MySQL named by MYSQL_* variables, or, when MYSQL_HOST is unset,
 * against the local stack's database (`npm run stack -- up` writes its settings to .local/stack.json).
 */
import { localStackSqlEnv } from '@lakehouse/testing';
import { runCli } from '../src/cli.js';

runCli(process.argv.slice(2), localStackSqlEnv(process.env)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ml-train: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
