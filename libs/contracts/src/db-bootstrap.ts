import { Type } from '@sinclair/typebox';
import { LogLevelSchema, OciAccessSchema } from './oci-access.js';
import { SQL_FROM_INFRA, SqlEnvSchema } from './sql-connection.js';
import { defineWorkloadContract } from './workload-contract.js';

/**
 * Settings of the one-shot DB bootstrap (apps/db-bootstrap). The MYSQL_* keys are the ADMIN connection: MYSQL_USER
 * is the DB system's admin user, MYSQL_PASSWORD its password (a secret) and MYSQL_DATABASE the application schema,
 * which the bootstrap creates when it is missing and migrates. The DB_BOOTSTRAP_APP_* keys describe the account the
 * applications log in with.
 */
export const DbBootstrapEnvSchema = Type.Object({
  ...SqlEnvSchema.properties,
  ...OciAccessSchema.properties,
  LOG_LEVEL: LogLevelSchema,
  /**
   * MySQL user name of the applications. At most 32 characters (MySQL's limit) and no period: HeatWave AutoML
   * refuses to train for a user name with a period in it.
   */
  DB_BOOTSTRAP_APP_USER: Type.String({ pattern: '^[A-Za-z0-9_]{1,32}$' }),
  /** Host part of the application account (`'user'@'host'`): `%`, a name, or an address pattern such as `10.20.1.%`. */
  DB_BOOTSTRAP_APP_HOST: Type.String({ pattern: '^[A-Za-z0-9.%_:/-]{1,255}$', default: '%' }),
  /** The application user's password (a secret: DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID in the cloud). */
  DB_BOOTSTRAP_APP_PASSWORD: Type.String({ minLength: 1 }),
  /**
   * Also grant what HeatWave AutoML needs (ML_SCHEMA_<user>, `sys` routines, performance_schema rpd tables, DDL on
   * the schema for AutoML's own tables). Only applied on a HeatWave server; skipped with a warning elsewhere.
   */
  DB_BOOTSTRAP_AUTOML_GRANTS: Type.Boolean({ default: false }),
});

/** The DB bootstrap container (apps/db-bootstrap), deployed by infra's bootstrap stack as a one-shot container. */
export const DB_BOOTSTRAP_CONTRACT = defineWorkloadContract({
  workload: 'db-bootstrap',
  host: 'container-instance',
  schema: DbBootstrapEnvSchema,
  secrets: ['MYSQL_PASSWORD', 'DB_BOOTSTRAP_APP_PASSWORD'],
  fromInfra: [
    ...SQL_FROM_INFRA,
    'DB_BOOTSTRAP_APP_USER',
    'DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID',
    'DB_BOOTSTRAP_AUTOML_GRANTS',
    'OCI_AUTH',
    'LOG_LEVEL',
  ],
});
