import { ConfigError, parseConfig } from '@lakehouse/runtime';
import { SqlEnvSchema, loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { Type } from '@sinclair/typebox';
import { fileURLToPath } from 'node:url';

/** Environment of the API process, besides the MYSQL_* connection (libs/sql). */
export const ApiEnvSchema = Type.Object({
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  API_HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  API_PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 8080 }),
  /** Comma-separated origins allowed by CORS; empty allows none (the dashboard is served same-origin). */
  API_CORS_ORIGINS: Type.String({ default: '' }),
  /** Requests per window and client (API key, else IP). The benchmark raises it. */
  API_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1_200 }),
  API_RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 60_000 }),
  /** Above this event-loop delay the API answers 503 (under-pressure) instead of queueing more work. */
  API_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1_000 }),
  API_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1_024, maximum: 16_777_216, default: 1_048_576 }),
  /** HS256 secret for JWT bearer tokens (from OCI Vault in the cloud); JWTs are refused when unset. */
  API_JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** Required `iss` claim of JWTs, when set. */
  API_JWT_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  /** How often the in-memory API key map is reloaded from `api_keys` (new and revoked keys). */
  API_KEY_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 30_000 }),
  /** How often the registry is checked for a newly activated model (predict uses the cached scorer). */
  MODEL_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 10_000 }),
  /** An asset counts as operating when its latest reading is at most this old. */
  API_OPERATING_WINDOW_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 300_000 }),
  /** Default alert threshold on the failure probability. */
  API_ALERT_THRESHOLD: Type.Number({ minimum: 0, maximum: 1, default: 0.6 }),
  /** How far back alerts look for readings above the threshold besides each asset's latest one. */
  API_ALERT_LOOKBACK_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 120_000 }),
  /** How often the live feed polls `assets` for new readings (once for all SSE clients). */
  API_LIVE_POLL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 1_000 }),
  /** Dashboard build output served at `/`; default apps/api/web/dist. */
  API_WEB_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** How long shutdown waits for in-flight requests and the pool. */
  API_SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
});

/** Every variable the API reads, for `.env.example` and the docs. */
export const API_ENV_KEYS: readonly string[] = [
  ...Object.keys(SqlEnvSchema.properties),
  ...Object.keys(ApiEnvSchema.properties),
];

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
  readonly webDir: string;
  readonly shutdownTimeoutMs: number;
}

/** Where the dashboard build lands (apps/api/web/dist), resolved from this file so it works from src and dist. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the API's configuration; throws one CONFIG_INVALID naming every bad key. */
export function loadConfig(env: Env = process.env): ApiConfig {
  const raw = parseConfig(ApiEnvSchema, env);
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
    sql: loadSqlConfig(env),
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
    webDir: raw.API_WEB_DIR ?? DEFAULT_WEB_DIR,
    shutdownTimeoutMs: raw.API_SHUTDOWN_TIMEOUT_MS,
  });
}
