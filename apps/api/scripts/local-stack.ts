/**
 * Entry of the Nx targets: runs the CLI against the MySQL named by MYSQL_* variables, or, when MYSQL_HOST is unset,
 * against the local stack's database (`npm run stack -- up` writes its settings to .local/stack.json).
 */
import { readStackSettings, stackDir } from '@lakehouse/testing';
import { runCli } from '../src/cli.js';

function localEnv(): Record<string, string | undefined> {
  if (process.env['MYSQL_HOST']) return process.env;
  const { mariadb } = readStackSettings(stackDir(process.env));
  return {
    ...process.env,
    MYSQL_HOST: mariadb.host,
    MYSQL_PORT: String(mariadb.port),
    MYSQL_USER: mariadb.user,
    MYSQL_PASSWORD: mariadb.password,
    MYSQL_DATABASE: mariadb.database,
    MYSQL_TLS_MODE: 'disabled',
  };
}

runCli(process.argv.slice(2), localEnv()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`api: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
