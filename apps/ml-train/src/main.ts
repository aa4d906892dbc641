import { runCli } from './cli.js';

// Process entry: `ml-train <command>`; config.ts reads MYSQL_* and ML_* from the environment (see README.md).
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ml-train: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
