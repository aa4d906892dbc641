import type { SQL_FROM_INFRA } from '@lakehouse/contracts';
import type { EnvironmentConfig } from '../environments/environment-config.js';

/** Where a workload finds MySQL: the private FQDN and the Vault secret of the app user's password. */
export interface MysqlEndpoint {
  readonly fqdn: string;
  readonly port: number;
  readonly passwordSecretId: string;
}

/**
 * The MySQL settings infra gives every workload that connects as the app user (the SQL_FROM_INFRA keys of
 * @lakehouse/contracts, plus the CA bundle when the environment names one). The password is not here: the
 * workload reads the Vault secret MYSQL_PASSWORD_SECRET_OCID names with its resource principal at start.
 */
export function mysqlClientSettings(
  env: EnvironmentConfig,
  mysql: MysqlEndpoint,
): Record<(typeof SQL_FROM_INFRA)[number], string> & { MYSQL_TLS_CA_FILE?: string } {
  return {
    MYSQL_HOST: mysql.fqdn,
    MYSQL_PORT: String(mysql.port),
    MYSQL_USER: env.database.appUsername,
    MYSQL_DATABASE: env.database.appSchemaName,
    MYSQL_TLS_MODE: 'verify-identity',
    MYSQL_PASSWORD_SECRET_OCID: mysql.passwordSecretId,
    ...(env.database.tlsCaFile === undefined ? {} : { MYSQL_TLS_CA_FILE: env.database.tlsCaFile }),
  };
}
