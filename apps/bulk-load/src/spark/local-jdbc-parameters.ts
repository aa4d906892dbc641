import {
  DATAFLOW_JDBC_DRIVER_CLASS,
  dataflowJdbcUrl,
  redactionSafe,
  type DataflowParameters,
} from '@lakehouse/contracts';
import type { SqlConfig } from '@lakehouse/sql';
import type { LocalVault } from './run-local-spark.js';

/**
 * The secret OCID that stands for the database password in local runs given a plain password (`bulk-load spark run`
 * with MYSQL_PASSWORD, the tests, the bench): it names the password in the run's own Vault stand-in file.
 */
export const LOCAL_JDBC_CREDENTIAL_OCID = 'ocid1.vaultsecret.local.stand-in.bulk-load-mysql-app';

/** The JDBC parameters of a local run, and the Vault stand-in that resolves their credential. */
export interface LocalJdbcParameters {
  readonly parameters: Pick<
    DataflowParameters,
    'jdbc_connection' | 'jdbc_driver' | 'jdbc_user' | 'jdbc_credential'
  >;
  readonly vault: LocalVault;
}

/**
 * The JDBC half of a local run's parameters from a MySQL connection: the contract's URL with the connection's TLS
 * mode, MySQL Connector/J, the user, and as credential {@link LOCAL_JDBC_CREDENTIAL_OCID} (redaction-safe, as in Data
 * Flow), whose value (the password) goes into the run's stand-in file, never into a parameter.
 */
export function localJdbcParameters(
  db: Pick<SqlConfig, 'host' | 'port' | 'database' | 'user' | 'password' | 'tlsMode'>,
): LocalJdbcParameters {
  return {
    parameters: {
      jdbc_connection: dataflowJdbcUrl({
        host: db.host,
        port: db.port,
        database: db.database,
        tls: db.tlsMode,
      }),
      jdbc_driver: DATAFLOW_JDBC_DRIVER_CLASS,
      jdbc_user: db.user,
      jdbc_credential: redactionSafe(LOCAL_JDBC_CREDENTIAL_OCID),
    },
    vault: { secrets: { [LOCAL_JDBC_CREDENTIAL_OCID]: db.password } },
  };
}
