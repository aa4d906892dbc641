import { API_CONTRACT, acceptedKeys, loadWorkloadEnv, type SecretReader } from '@lakehouse/contracts';
import { RESOURCE_PRINCIPAL_VERSION_ENV, secretReaderFor, type OciAuthSettings } from '@lakehouse/oci';
import { ConfigError } from '@lakehouse/runtime';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { JwtSettings } from './auth/jwt.js';

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
  /** Proxies trusted to name the client in X-Forwarded-For (addresses or CIDRs); empty: the TCP peer is the client. */
  readonly trustProxy: readonly string[];
  /** Failed-authentication lockout per client address (ADR 0049). */
  readonly authFailures: {
    readonly maxFailures: number;
    readonly windowMs: number;
    readonly lockoutMs: number;
  };
  readonly maxEventLoopDelayMs: number;
  readonly bodyLimitBytes: number;
  /** How bearer JWTs are checked (HS256 shared secret and/or RS256 with the identity domain's key set). */
  readonly jwt: JwtSettings;
  readonly apiKeyRefreshMs: number;
  readonly modelRefreshMs: number;
  readonly operatingWindowMs: number;
  readonly livePollMs: number;
  /** Tool wear at which a tool is replaced (remaining tool life), min. */
  readonly toolReplacementWearMin: number;
  /** Weeks the spare-part forecast covers by default (1..26). */
  readonly sparePartsHorizonWeeks: number;
  /** Hours a machine operates per week, for the spare-part forecast. */
  readonly operatingHoursPerWeek: number;
  readonly webDir: string;
  readonly shutdownTimeoutMs: number;
  readonly notifications: NotificationSettings;
  /** The tool-life planner (ADR 0045): round interval, and the horizon within which a due tool gets a work order. */
  readonly workOrders: { readonly planIntervalMs: number; readonly toolHorizonMs: number };
}

/** Where alert-episode notifications go, and how the dispatcher retries. */
export interface NotificationSettings {
  /** null: no channel configured; notifications stay pending in the outbox. */
  readonly channel:
    | { readonly kind: 'webhook'; readonly url: string }
    | {
        readonly kind: 'ons';
        readonly topicOcid: string;
        readonly auth: OciAuthSettings;
        /** What the SDK's credential check reads (the resource principal marker), captured here. */
        readonly env: Readonly<Record<string, string | undefined>>;
      }
    | null;
  readonly pollMs: number;
  /** Attempts per minute at most (rows claimed per round = this x pollMs / 60 s, at least 1). */
  readonly maxPerMinute: number;
  readonly timeoutMs: number;
  readonly retry: { readonly initialDelayMs: number; readonly maxDelayMs: number };
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
  const trustProxy = raw.API_TRUST_PROXY.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const badProxy = trustProxy.find((p) => !isAddressOrCidr(p));
  if (badProxy !== undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: API_TRUST_PROXY: ${JSON.stringify(badProxy)} is not an IP address or CIDR like 10.0.0.0/24`,
      { context: { keys: ['API_TRUST_PROXY'] } },
    );
  }
  if (
    raw.API_JWT_JWKS_URL !== undefined &&
    (raw.API_JWT_ISSUER === undefined || raw.API_JWT_AUDIENCE === undefined)
  ) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'invalid configuration: API_JWT_JWKS_URL needs API_JWT_ISSUER and API_JWT_AUDIENCE (tokens of an identity domain are checked for both)',
      { context: { keys: ['API_JWT_JWKS_URL', 'API_JWT_ISSUER', 'API_JWT_AUDIENCE'] } },
    );
  }
  if (raw.ALERT_WEBHOOK_URL !== undefined && raw.ALERT_NOTIFICATIONS_TOPIC_OCID !== undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'invalid configuration: set ALERT_WEBHOOK_URL or ALERT_NOTIFICATIONS_TOPIC_OCID, not both (one channel)',
      { context: { keys: ['ALERT_WEBHOOK_URL', 'ALERT_NOTIFICATIONS_TOPIC_OCID'] } },
    );
  }
  const channel: NotificationSettings['channel'] =
    raw.ALERT_WEBHOOK_URL !== undefined
      ? { kind: 'webhook', url: raw.ALERT_WEBHOOK_URL }
      : raw.ALERT_NOTIFICATIONS_TOPIC_OCID !== undefined
        ? {
            kind: 'ons',
            topicOcid: raw.ALERT_NOTIFICATIONS_TOPIC_OCID,
            auth: {
              kind: raw.OCI_AUTH,
              ...(raw.OCI_CONFIG_FILE === undefined ? {} : { configFile: raw.OCI_CONFIG_FILE }),
              ...(raw.OCI_CONFIG_PROFILE === undefined ? {} : { profile: raw.OCI_CONFIG_PROFILE }),
            },
            env: { [RESOURCE_PRINCIPAL_VERSION_ENV]: env[RESOURCE_PRINCIPAL_VERSION_ENV] },
          }
        : null;
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    host: raw.API_HOST,
    port: raw.API_PORT,
    sql: loadSqlConfig({ ...env, MYSQL_PASSWORD: raw.MYSQL_PASSWORD }),
    corsOrigins: Object.freeze(corsOrigins),
    rateLimitMax: raw.API_RATE_LIMIT_MAX,
    rateLimitWindowMs: raw.API_RATE_LIMIT_WINDOW_MS,
    trustProxy: Object.freeze(trustProxy),
    authFailures: Object.freeze({
      maxFailures: raw.API_AUTH_FAIL_MAX,
      windowMs: raw.API_AUTH_FAIL_WINDOW_MS,
      lockoutMs: raw.API_AUTH_LOCKOUT_MS,
    }),
    maxEventLoopDelayMs: raw.API_MAX_EVENT_LOOP_DELAY_MS,
    bodyLimitBytes: raw.API_BODY_LIMIT_BYTES,
    jwt: Object.freeze({
      secret: raw.API_JWT_SECRET ?? null,
      jwksUrl: raw.API_JWT_JWKS_URL ?? null,
      issuer: raw.API_JWT_ISSUER ?? null,
      audience: raw.API_JWT_AUDIENCE ?? null,
      clockToleranceS: raw.API_JWT_CLOCK_TOLERANCE_S,
    }),
    apiKeyRefreshMs: raw.API_KEY_REFRESH_MS,
    modelRefreshMs: raw.MODEL_REFRESH_MS,
    operatingWindowMs: raw.API_OPERATING_WINDOW_MS,
    livePollMs: raw.API_LIVE_POLL_MS,
    toolReplacementWearMin: raw.API_TOOL_REPLACEMENT_WEAR_MIN,
    sparePartsHorizonWeeks: raw.API_SPARE_PARTS_HORIZON_WEEKS,
    operatingHoursPerWeek: raw.API_OPERATING_HOURS_PER_WEEK,
    webDir: raw.API_WEB_DIR ?? DEFAULT_WEB_DIR,
    shutdownTimeoutMs: raw.API_SHUTDOWN_TIMEOUT_MS,
    notifications: Object.freeze({
      channel,
      pollMs: raw.ALERT_NOTIFY_POLL_MS,
      maxPerMinute: raw.ALERT_NOTIFY_MAX_PER_MINUTE,
      timeoutMs: raw.ALERT_NOTIFY_TIMEOUT_MS,
      retry: { initialDelayMs: raw.ALERT_NOTIFY_RETRY_INITIAL_MS, maxDelayMs: raw.ALERT_NOTIFY_RETRY_MAX_MS },
    }),
    workOrders: Object.freeze({
      planIntervalMs: raw.WORK_ORDER_PLAN_INTERVAL_MS,
      toolHorizonMs: raw.WORK_ORDER_TOOL_HORIZON_MS,
    }),
  });
}

/** `10.0.0.5`, `10.0.0.0/24`, `fd00::/8`: what Fastify's trustProxy (proxy-addr) accepts. */
function isAddressOrCidr(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
