import { API_CONTRACT, acceptedKeys, loadWorkloadEnv, type SecretReader } from '@lakehouse/contracts';
import { secretReaderFor } from '@lakehouse/oci';
import { ConfigError } from '@lakehouse/runtime';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { fileURLToPath } from 'node:url';

/** Every variable the API reads, for `.env.example` and the docs (the contract in @lakehouse/contracts). */
export const API_ENV_KEYS: readonly string[] = acceptedKeys(API_CONTRACT);

/** The API's settings. */
export interface ApiConfig {
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly sql: SqlConfig;
  readonly corsOrigins: readonly string[];
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  readonly maxEventLoopDelayMs: number;
  readonly bodyLimitBytes: number;
  readonly jwtSecret: string | null;
  readonly jwtIssuer: string | null;
  readonly apiKeyRefreshMs: number;
  readonly modelRefreshMs: number;
  readonly operatingWindowMs: number;
  readonly alertThreshold: number;
  readonly alertLookbackMs: number;
  readonly livePollMs: number;
  /** Tool wear at which a tool is replaced (remaining tool life), min. */
  readonly toolReplacementWearMin: number;
  readonly webDir: string;
  readonly shutdownTimeoutMs: number;
}

/** Where the dashboard build lands (apps/api/web/dist), resolved from this file so it works from src and dist. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the API's configuration with its contract (API_CONTRACT); throws one CONFIG_INVALID naming every bad key.
 * In the cloud the database password (and the JWT secret, when used) come from Vault through their
 * `<NAME>_SECRET_OCID`, read with the container instance's resource principal.
 */
export async function loadConfig(
  env: Env = process.env,
  readSecret: SecretReader = secretReaderFor(env),
): Promise<ApiConfig> {
  const raw = await loadWorkloadEnv(API_CONTRACT, env, readSecret);
  const corsOrigins = raw.API_CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const badOrigin = corsOrigins.find((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (badOrigin !== undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: API_CORS_ORIGINS: ${JSON.stringify(badOrigin)} is not an origin like https://host:port`,
      { context: { keys: ['API_CORS_ORIGINS'] } },
    );
  }
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    host: raw.API_HOST,
    port: raw.API_PORT,
    sql: loadSqlConfig({ ...env, MYSQL_PASSWORD: raw.MYSQL_PASSWORD }),
    corsOrigins: Object.freeze(corsOrigins),
    rateLimitMax: raw.API_RATE_LIMIT_MAX,
    rateLimitWindowMs: raw.API_RATE_LIMIT_WINDOW_MS,
    maxEventLoopDelayMs: raw.API_MAX_EVENT_LOOP_DELAY_MS,
    bodyLimitBytes: raw.API_BODY_LIMIT_BYTES,
    jwtSecret: raw.API_JWT_SECRET ?? null,
    jwtIssuer: raw.API_JWT_ISSUER ?? null,
    apiKeyRefreshMs: raw.API_KEY_REFRESH_MS,
    modelRefreshMs: raw.MODEL_REFRESH_MS,
    operatingWindowMs: raw.API_OPERATING_WINDOW_MS,
    alertThreshold: raw.API_ALERT_THRESHOLD,
    alertLookbackMs: raw.API_ALERT_LOOKBACK_MS,
    livePollMs: raw.API_LIVE_POLL_MS,
    toolReplacementWearMin: raw.API_TOOL_REPLACEMENT_WEAR_MIN,
    webDir: raw.API_WEB_DIR ?? DEFAULT_WEB_DIR,
    shutdownTimeoutMs: raw.API_SHUTDOWN_TIMEOUT_MS,
  });
}
