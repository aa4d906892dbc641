import { OciAccessSchema, SqlEnvSchema, VAULT_SECRET_OCID_PATTERN } from '@lakehouse/contracts';
import { parseConfig } from '@lakehouse/runtime';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { Type, type Static } from '@sinclair/typebox';

/**
 * Valid rows per LOAD DATA statement of the fast loader (one commit, one checkpoint). Measured on 10,000,000 rows
 * and two connections: 250,000-row statements cost the server about 4 % more CPU than 1,000,000-row ones; a killed
 * load redoes at most one statement per file.
 */
export const DEFAULT_CHUNK_ROWS = 1_000_000;

/** Environment of the bulk-load app besides the MySQL connection (documented in README.md and .env.example). */
export const BulkLoadEnvSchema = Type.Object({
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Folder of reject files and the checkpoint of the fast loader. */
  BULK_LOAD_OUT_DIR: Type.String({ minLength: 1, default: 'bulk-load-out' }),
  BULK_LOAD_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 32, default: 2 }),
  BULK_LOAD_CHUNK_ROWS: Type.Integer({ minimum: 1, maximum: 10_000_000, default: DEFAULT_CHUNK_ROWS }),
  /** Folder of the Spark jars (filled by `npx nx run tools:spark-jars`). */
  SPARK_JARS_DIR: Type.String({ minLength: 1, default: '.local/spark/lib' }),
  /** Scratch folder of local Spark runs (Derby metastore, warehouse, shuffle files). */
  SPARK_WORK_DIR: Type.String({ minLength: 1, default: '.local/spark/work' }),
  SPARK_MASTER: Type.String({ pattern: '^local(\\[(\\d+|\\*)\\])?$', default: 'local[2]' }),
  SPARK_DRIVER_MEMORY_MB: Type.Integer({ minimum: 256, maximum: 65_536, default: 2_048 }),
  SPARK_SHUFFLE_PARTITIONS: Type.Integer({ minimum: 1, maximum: 10_000, default: 4 }),
  /** java binary for local Spark (javac beside it compiles the JDBC connection provider). */
  JAVA_BIN: Type.String({ minLength: 1, default: 'java' }),
  /** Maven, which `dataflow package` fetches the archive's jars from Maven Central with. */
  MVN_BIN: Type.String({ minLength: 1, default: 'mvn' }),
  /** OCI SDK config file and profile (API key auth); absent file = no credentials. */
  OCI_CONFIG_FILE: Type.String({ minLength: 1, default: '~/.oci/config' }),
  OCI_PROFILE: Type.String({ minLength: 1, default: 'DEFAULT' }),
  OCI_COMPARTMENT_ID: Type.Optional(Type.String({ pattern: '^ocid1\\.' })),
  OCI_NAMESPACE: Type.Optional(Type.String({ minLength: 1 })),
  /** Bucket for the script and raw inputs uploaded by `dataflow run`. */
  DATAFLOW_BUCKET: Type.Optional(Type.String({ minLength: 1 })),
  /** `oci://bucket@namespace/prefix/` of the Data Flow run logs. */
  DATAFLOW_LOGS_BUCKET_URI: Type.Optional(Type.String({ pattern: '^oci://' })),
  /** `oci://...archive.zip` from `bulk-load dataflow package` (Connector/J and the JDBC provider); required to run. */
  DATAFLOW_ARCHIVE_URI: Type.Optional(Type.String({ pattern: '^oci://' })),
  /** Vault secret OCID of the MySQL user's password, resolved inside the run; required to run (never the password). */
  DATAFLOW_JDBC_CREDENTIAL_OCID: Type.Optional(Type.String({ pattern: VAULT_SECRET_OCID_PATTERN })),
  DATAFLOW_PRIVATE_ENDPOINT_ID: Type.Optional(Type.String({ pattern: '^ocid1\\.' })),
  DATAFLOW_DRIVER_SHAPE: Type.String({ minLength: 1, default: 'VM.Standard.E4.Flex' }),
  DATAFLOW_EXECUTOR_SHAPE: Type.String({ minLength: 1, default: 'VM.Standard.E4.Flex' }),
  /** Size of a Flex driver / executor shape (Data Flow refuses a Flex shape without it); ignored for fixed shapes. */
  DATAFLOW_DRIVER_OCPUS: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
  DATAFLOW_DRIVER_MEMORY_GB: Type.Integer({ minimum: 1, maximum: 1_024, default: 16 }),
  DATAFLOW_EXECUTOR_OCPUS: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
  DATAFLOW_EXECUTOR_MEMORY_GB: Type.Integer({ minimum: 1, maximum: 1_024, default: 16 }),
  DATAFLOW_NUM_EXECUTORS: Type.Integer({ minimum: 1, maximum: 1000, default: 2 }),
  DATAFLOW_SPARK_VERSION: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$', default: '3.5.0' }),
  DATAFLOW_POLL_INTERVAL_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 15_000 }),
  /**
   * Vault stand-in file (JSON of secret OCID -> value) of the local rehearsal of a deploy: `spark run --parameters`
   * resolves `jdbc_credential` through it (the same setting the workloads read, see @lakehouse/contracts).
   */
  OCI_VAULT_STAND_IN_FILE: OciAccessSchema.properties.OCI_VAULT_STAND_IN_FILE,
  /** Silver layer in Object Storage, for the Lakehouse external tables: `oci://bucket@namespace/prefix/`. */
  HEATWAVE_SILVER_URI: Type.Optional(Type.String({ pattern: '^oci://[^@/]+@[^/]+/' })),
  /** OCI region of the silver bucket: required when the Lakehouse file entries take the bucket form (below 9.3.1). */
  HEATWAVE_SILVER_REGION: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Lakehouse file entry form: `auto` = `{"uri": "oci://..."}` when the server (SELECT VERSION()) is 9.3.1 or newer,
   * else bucket/namespace/region/prefix; `uri` / `bucket` force one (the 9.3.1 boundary is from the docs only).
   */
  HEATWAVE_LAKEHOUSE_FILE_FORM: Type.Union(
    [Type.Literal('auto'), Type.Literal('uri'), Type.Literal('bucket')],
    {
      default: 'auto',
    },
  ),
  /** Local folder of silver files (what the Spark job wrote) for the MariaDB path of `heatwave load`. */
  HEATWAVE_SILVER_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** `auto` = Auto Parallel Load, `tables` = per-table SECONDARY_ENGINE + SECONDARY_LOAD. */
  HEATWAVE_LOAD_MODE: Type.Union([Type.Literal('auto'), Type.Literal('tables')], { default: 'auto' }),
});

/** The app's settings (MySQL settings are loaded separately, by commands that connect). */
export type BulkLoadConfig = Readonly<Static<typeof BulkLoadEnvSchema>>;

/** Reads the app's settings; throws CONFIG_INVALID naming every bad key. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): BulkLoadConfig {
  return parseConfig(BulkLoadEnvSchema, env);
}

/** Where a Data Flow run writes: host, port, schema and user, without the password (which stays in Vault). */
export const DataflowTargetSchema = Type.Pick(SqlEnvSchema, [
  'MYSQL_HOST',
  'MYSQL_PORT',
  'MYSQL_USER',
  'MYSQL_DATABASE',
]);

/** MySQL host, port, schema and user of a Data Flow run. */
export type DataflowTarget = Readonly<Static<typeof DataflowTargetSchema>>;

/** Reads {@link DataflowTargetSchema}; `dataflow run` needs no MYSQL_PASSWORD. */
export function loadDataflowTarget(
  env: Readonly<Record<string, string | undefined>> = process.env,
): DataflowTarget {
  return parseConfig(DataflowTargetSchema, env);
}

/** Reads the MySQL connection settings (MYSQL_*, see libs/sql); only commands that connect call it. */
export function loadDatabaseConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SqlConfig {
  return loadSqlConfig(env);
}
