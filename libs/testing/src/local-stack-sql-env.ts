import { readStackSettings, stackDir } from './stack-settings.js';

/**
 * `env` as it is when MYSQL_HOST is set; otherwise `env` plus the MYSQL_* variables of the local stack's database
 * (written by `npm run stack -- up`). For the Nx targets that run an app's CLI against whichever database is meant.
 */
export function localStackSqlEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  if (env['MYSQL_HOST']) return { ...env };
  const { mariadb } = readStackSettings(stackDir(env));
  return {
    ...env,
    MYSQL_HOST: mariadb.host,
    MYSQL_PORT: String(mariadb.port),
    MYSQL_USER: mariadb.user,
    MYSQL_PASSWORD: mariadb.password,
    MYSQL_DATABASE: mariadb.database,
    MYSQL_TLS_MODE: 'disabled',
  };
}
