import type { SqlConfig } from '@lakehouse/sql';
import type { StackSettings } from '@lakehouse/local-stack';

/** Connection settings for the local stack's app user, in the shape libs/sql takes. */
export function stackSqlConfig(settings: StackSettings, database = settings.mariadb.database): SqlConfig {
  return {
    host: settings.mariadb.host,
    port: settings.mariadb.port,
    user: settings.mariadb.user,
    password: settings.mariadb.password,
    database,
    tlsMode: 'disabled',
    poolSize: 4,
    connectTimeoutMs: 10_000,
  };
}
