import { INGEST_FN_CONTRACT, acceptedKeys, loadWorkloadEnv, type SecretReader } from '@lakehouse/contracts';
import { secretReaderFor } from '@lakehouse/oci';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';

/** Every variable the function reads, for `.env.example` and the docs (the contract in @lakehouse/contracts). */
export const INGEST_ENV_KEYS: readonly string[] = acceptedKeys(INGEST_FN_CONTRACT);

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
 * Reads the function's configuration with its contract (INGEST_FN_CONTRACT). In OCI Functions the database
 * password comes from the Vault secret MYSQL_PASSWORD_SECRET_OCID, read with the function's resource principal, so
 * no password sits in the function's configuration.
 */
export async function loadConfig(
  env: Env = process.env,
  readSecret: SecretReader = secretReaderFor(env),
): Promise<IngestConfig> {
  const raw = await loadWorkloadEnv(INGEST_FN_CONTRACT, env, readSecret);
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    sql: loadSqlConfig({ ...env, MYSQL_PASSWORD: raw.MYSQL_PASSWORD }),
    maxMessageBytes: raw.INGEST_MAX_MESSAGE_BYTES,
    maxFutureSkewMs: raw.INGEST_MAX_FUTURE_SKEW_MS,
    modelRefreshMs: raw.MODEL_REFRESH_MS,
    writePath: raw.INGEST_WRITE_PATH,
  });
}
