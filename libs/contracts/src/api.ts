import {
  DEFAULT_FORECAST_HORIZON_WEEKS,
  DEFAULT_OPERATING_HOURS_PER_WEEK,
  DEFAULT_TOOL_REPLACEMENT_WEAR_MIN,
  HOURS_PER_WEEK,
  MAX_FORECAST_HORIZON_WEEKS,
} from '@lakehouse/domain';
import { Type } from '@sinclair/typebox';
import { LogLevelSchema, OciAccessSchema } from './oci-access.js';
import { SQL_FROM_INFRA, SQL_SECRETS, SqlEnvSchema } from './sql-connection.js';
import { defineWorkloadContract } from './workload-contract.js';

/** Settings of the API process, MySQL connection included. */
export const ApiEnvSchema = Type.Object({
  ...SqlEnvSchema.properties,
  ...OciAccessSchema.properties,
  LOG_LEVEL: LogLevelSchema,
  /** Listen address: loopback by default, so a developer's API is not reachable from the network; infra sets 0.0.0.0. */
  API_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  API_PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 8080 }),
  /** Comma-separated origins allowed by CORS; empty allows none (the dashboard is served same-origin). */
  API_CORS_ORIGINS: Type.String({ default: '' }),
  /** Requests per window and client (API key, else IP). The benchmark raises it. */
  API_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1_200 }),
  API_RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 60_000 }),
  /**
   * Proxies trusted to name the client in X-Forwarded-For: comma-separated addresses or CIDRs (infra: the API
   * gateway's subnet). Empty trusts none: the client is the TCP peer. Rate limits and the lockout count per client.
   */
  API_TRUST_PROXY: Type.String({ default: '' }),
  /** Failed authentications per window and client address before the address is locked out (ADR 0049). */
  API_AUTH_FAIL_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20 }),
  API_AUTH_FAIL_WINDOW_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 60_000 }),
  /** How long a locked-out address gets 429 on authenticated routes, even with a valid credential. */
  API_AUTH_LOCKOUT_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 300_000 }),
  /** Above this event-loop delay the API answers 503 (under-pressure) instead of queueing more work. */
  API_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1_000 }),
  API_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1_024, maximum: 16_777_216, default: 1_048_576 }),
  /** HS256 secret for JWT bearer tokens, for local use (a secret: API_JWT_SECRET_SECRET_OCID in the cloud). */
  API_JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /**
   * Key set (JWKS) of the token issuer for RS256 JWTs, e.g. an OCI IAM identity domain's
   * `https://idcs-<id>.identity.oraclecloud.com/admin/v1/SigningCert/jwk`; cached, fetched again for an unknown key
   * id (rotation). Needs API_JWT_ISSUER and API_JWT_AUDIENCE. JWTs are refused when neither it nor the secret is set.
   */
  API_JWT_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  /** Required `iss` claim of JWTs, when set (e.g. `https://identity.oraclecloud.com/`). */
  API_JWT_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  /** Required `aud` claim of JWTs, when set: the API's audience in the identity domain. */
  API_JWT_AUDIENCE: Type.Optional(Type.String({ minLength: 1 })),
  /** Clock skew, in seconds, accepted on a JWT's `exp` and `nbf`. */
  API_JWT_CLOCK_TOLERANCE_S: Type.Integer({ minimum: 0, maximum: 300, default: 30 }),
  /** How often the in-memory API key map is reloaded from `api_keys` (new and revoked keys). */
  API_KEY_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 30_000 }),
  /** How often the registry is checked for a newly activated model (predict uses the cached scorer). */
  MODEL_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 10_000 }),
  /** An asset counts as operating when its latest reading is at most this old. */
  API_OPERATING_WINDOW_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 300_000 }),
  /** How often the live feed polls `assets` for new readings (once for all SSE clients). */
  API_LIVE_POLL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 1_000 }),
  /**
   * Tool wear (min) at which a tool is replaced, for remaining tool life: default the start of AI4I's tool wear
   * failure window (200 min), so a tool is changed before it can fail.
   */
  API_TOOL_REPLACEMENT_WEAR_MIN: Type.Number({
    minimum: 1,
    maximum: 1_000,
    default: DEFAULT_TOOL_REPLACEMENT_WEAR_MIN,
  }),
  /**
   * Weeks the spare-part forecast covers when a request names none (ADR 0046); a request may ask for 1 to
   * MAX_FORECAST_HORIZON_WEEKS (26).
   */
  API_SPARE_PARTS_HORIZON_WEEKS: Type.Integer({
    minimum: 1,
    maximum: MAX_FORECAST_HORIZON_WEEKS,
    default: DEFAULT_FORECAST_HORIZON_WEEKS,
  }),
  /**
   * Hours a machine operates per week, for the spare-part forecast's tool changes: default two 8-hour shifts on five
   * days (80); 168 = around the clock.
   */
  API_OPERATING_HOURS_PER_WEEK: Type.Number({
    minimum: 1,
    maximum: HOURS_PER_WEEK,
    default: DEFAULT_OPERATING_HOURS_PER_WEEK,
  }),
  /** Dashboard build output served at `/`; default apps/api/web/dist. */
  API_WEB_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Alert-episode notifications (ADR 0041) go to at most one channel: a webhook (HTTP POST of JSON, e.g. a local
   * receiver) or an OCI Notifications topic. With neither, the outbox keeps them pending (visible in the summary).
   */
  ALERT_WEBHOOK_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  /** OCI Notifications topic the API publishes episode events to (the OCI_AUTH principal needs ONS_TOPIC_PUBLISH: `use ons-topics`). */
  ALERT_NOTIFICATIONS_TOPIC_OCID: Type.Optional(Type.String({ pattern: '^ocid1\\.onstopic\\.' })),
  /** How often the dispatcher looks for due notifications. */
  ALERT_NOTIFY_POLL_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 2_000 }),
  /**
   * Most delivery attempts per minute and API instance; the default is ONS's limit of 60 messages a minute per
   * topic. Rows beyond it wait for the next rounds.
   */
  ALERT_NOTIFY_MAX_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 60_000, default: 60 }),
  /** Longest one delivery attempt may take. */
  ALERT_NOTIFY_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  /** Backoff after a failed delivery: first delay, doubling up to the ceiling (attempts never stop). */
  ALERT_NOTIFY_RETRY_INITIAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 5_000 }),
  ALERT_NOTIFY_RETRY_MAX_MS: Type.Integer({ minimum: 10, maximum: 86_400_000, default: 600_000 }),
  /** How often the tool-life planner looks for tools due within the horizon (ADR 0045). */
  WORK_ORDER_PLAN_INTERVAL_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 60_000 }),
  /** A tool due within this much from now gets a replace_tool work order; default one 8-hour shift. */
  WORK_ORDER_TOOL_HORIZON_MS: Type.Integer({ minimum: 60_000, maximum: 2_592_000_000, default: 28_800_000 }),
  /** How long shutdown waits for in-flight requests and the pool. */
  API_SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
});

/** The API container (apps/api), deployed by infra's api stack behind the API gateway. */
export const API_CONTRACT = defineWorkloadContract({
  workload: 'api',
  host: 'container-instance',
  schema: ApiEnvSchema,
  secrets: [...SQL_SECRETS, 'API_JWT_SECRET'],
  fromInfra: [...SQL_FROM_INFRA, 'API_HOST', 'API_PORT', 'API_TRUST_PROXY', 'OCI_AUTH', 'LOG_LEVEL'],
});
