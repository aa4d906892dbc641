import { INGEST_FN_CONTRACT, acceptedKeys, loadWorkloadEnv, type SecretReader } from '@lakehouse/contracts';
import { secretReaderFor } from '@lakehouse/oci';
import { episodeSettingsProblems, type EpisodeSettings } from '@lakehouse/domain';
import { ConfigError } from '@lakehouse/runtime';
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
  /** How stored readings are folded into alert episodes (libs/domain foldAlertEpisodes). */
  readonly episodes: EpisodeSettings;
}

/** Default hold when neither ALERT_HOLD_READINGS nor ALERT_HOLD_SECONDS is set. */
const DEFAULT_HOLD_READINGS = 3;

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
  if (raw.ALERT_HOLD_READINGS !== undefined && raw.ALERT_HOLD_SECONDS !== undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'invalid configuration: set ALERT_HOLD_READINGS or ALERT_HOLD_SECONDS, not both',
      { context: { keys: ['ALERT_HOLD_READINGS', 'ALERT_HOLD_SECONDS'] } },
    );
  }
  const episodes: EpisodeSettings = Object.freeze({
    openThreshold: raw.ALERT_OPEN_THRESHOLD,
    resolveThreshold: raw.ALERT_RESOLVE_THRESHOLD,
    hold: Object.freeze(
      raw.ALERT_HOLD_SECONDS === undefined
        ? { unit: 'readings' as const, readings: raw.ALERT_HOLD_READINGS ?? DEFAULT_HOLD_READINGS }
        : { unit: 'seconds' as const, seconds: raw.ALERT_HOLD_SECONDS },
    ),
    resolveAfterMs: raw.ALERT_RESOLVE_AFTER_MS,
  });
  const problems = episodeSettingsProblems(episodes);
  if (problems.length > 0) {
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: ALERT_*: ${problems.join('; ')}`, {
      context: { keys: ['ALERT_OPEN_THRESHOLD', 'ALERT_RESOLVE_THRESHOLD'] },
    });
  }
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    sql: loadSqlConfig({ ...env, MYSQL_PASSWORD: raw.MYSQL_PASSWORD }),
    maxMessageBytes: raw.INGEST_MAX_MESSAGE_BYTES,
    maxFutureSkewMs: raw.INGEST_MAX_FUTURE_SKEW_MS,
    modelRefreshMs: raw.MODEL_REFRESH_MS,
    writePath: raw.INGEST_WRITE_PATH,
    episodes,
  });
}
