import type { EnvironmentConfig } from '../environments/environment-config.js';

/** Where a workload finds MySQL: the private FQDN and the Vault secret of the app user's password. */
export interface MysqlEndpoint {
  readonly fqdn: string;
  readonly port: number;
  readonly passwordSecretId: string;
}

/**
 * Environment variables every workload (function, API, Data Flow) gets to reach MySQL, in the names of
 * libs/sql's loadSqlConfig. The password itself is not here: the workload reads the secret named by
 * MYSQL_PASSWORD_SECRET_OCID from Vault with its resource principal.
 */
export function mysqlClientSettings(env: EnvironmentConfig, mysql: MysqlEndpoint): Record<string, string> {
  return {
    MYSQL_HOST: mysql.fqdn,
    MYSQL_PORT: String(mysql.port),
    MYSQL_USER: env.database.appUsername,
    MYSQL_DATABASE: env.database.appSchemaName,
    MYSQL_TLS_MODE: 'verify-identity',
    MYSQL_PASSWORD_SECRET_OCID: mysql.passwordSecretId,
  };
}
