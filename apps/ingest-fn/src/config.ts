import { OCI_AUTH_KINDS, vaultSecretReader, type OciAuthKind } from '@lakehouse/oci';
import { ConfigError, parseConfig } from '@lakehouse/runtime';
import { SqlEnvSchema, loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { Type } from '@sinclair/typebox';

/** Environment of the function (Fn application + function configuration), besides the MYSQL_* connection. */
export const IngestEnvSchema = Type.Object({
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Largest decoded message value accepted; OCI Streaming's own limit is 1 MiB. */
  INGEST_MAX_MESSAGE_BYTES: Type.Integer({ minimum: 1_024, maximum: 6_291_456, default: 1_048_576 }),
  /** How far in the future a reading's timestamp may lie (device clock skew). */
  INGEST_MAX_FUTURE_SKEW_MS: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 300_000 }),
  /** How often a warm instance checks the registry for a newly activated model. */
  MODEL_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 30_000 }),
  /**
   * How readings are written: `load-data` tries `LOAD DATA LOCAL INFILE ... IGNORE` for batches of new readings (about
   * three times cheaper for the server) and falls back to the upsert for redeliveries, and for good if the server
   * refuses LOCAL INFILE; `upsert` always uses the multi-row upsert.
   */
  INGEST_WRITE_PATH: Type.Union([Type.Literal('load-data'), Type.Literal('upsert')], {
    default: 'load-data',
  }),
  /** OCID of the Vault secret holding the database password (instead of MYSQL_PASSWORD). */
  MYSQL_PASSWORD_SECRET_ID: Type.Optional(Type.String({ pattern: '^ocid1\\.vaultsecret\\.' })),
  /** How the function authenticates to Vault. */
  OCI_AUTH: Type.Union(
    OCI_AUTH_KINDS.map((k) => Type.Literal(k)),
    { default: 'resource_principal' },
  ),
  OCI_CONFIG_FILE: Type.Optional(Type.String({ minLength: 1 })),
  OCI_CONFIG_PROFILE: Type.Optional(Type.String({ minLength: 1 })),
});

/** Every variable the function reads, for `.env.example` and the docs. */
export const INGEST_ENV_KEYS: readonly string[] = [
  ...Object.keys(SqlEnvSchema.properties),
  ...Object.keys(IngestEnvSchema.properties),
];

/** The function's settings. */
export interface IngestConfig {
  readonly logLevel: string;
  readonly sql: SqlConfig;
  readonly maxMessageBytes: number;
  readonly maxFutureSkewMs: number;
  readonly modelRefreshMs: number;
  readonly writePath: 'load-data' | 'upsert';
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the function's configuration. With MYSQL_PASSWORD_SECRET_ID the database password is read from OCI Vault
 * (resource principal inside OCI Functions), so no password sits in the function's configuration.
 */
export async function loadConfig(
  env: Env = process.env,
  readSecret: (secretId: string, auth: OciAuthKind) => Promise<string> = vaultSecretReader(env),
): Promise<IngestConfig> {
  const raw = parseConfig(IngestEnvSchema, env);
  const secretId = raw.MYSQL_PASSWORD_SECRET_ID;
  if (secretId !== undefined && (env.MYSQL_PASSWORD ?? '') !== '') {
    throw new ConfigError(
      'CONFIG_INVALID',
      'invalid configuration: set MYSQL_PASSWORD or MYSQL_PASSWORD_SECRET_ID, not both',
      { context: { keys: ['MYSQL_PASSWORD', 'MYSQL_PASSWORD_SECRET_ID'] } },
    );
  }
  const password = secretId === undefined ? env.MYSQL_PASSWORD : await readSecret(secretId, raw.OCI_AUTH);
  const sql = loadSqlConfig({ ...env, MYSQL_PASSWORD: password });
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    sql,
    maxMessageBytes: raw.INGEST_MAX_MESSAGE_BYTES,
    maxFutureSkewMs: raw.INGEST_MAX_FUTURE_SKEW_MS,
    modelRefreshMs: raw.MODEL_REFRESH_MS,
    writePath: raw.INGEST_WRITE_PATH,
  });
}
