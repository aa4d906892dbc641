import { READINGS_TOPIC } from '@lakehouse/domain';
import { ConfigError, parseConfig } from '@lakehouse/runtime';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { Type } from '@sinclair/typebox';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Environment of the local Connector Hub runner. Batching mirrors Connector Hub's Functions target
 * (`batchSizeInNum` or `batchSizeInKbs`, and `batchTimeInSec`); MYSQL_* is the runner's own connection (for
 * dead-lettering poison batches) and, with every INGEST_* / MODEL_* / LOG_LEVEL key, the function's configuration.
 */
export const RunnerEnvSchema = Type.Object({
  KAFKA_BROKERS: Type.String({ minLength: 1, description: 'Comma separated host:port list' }),
  STREAM_NAME: Type.String({ minLength: 1, default: READINGS_TOPIC }),
  CONSUMER_GROUP: Type.String({ minLength: 1, default: 'connector-runner.ingest-fn' }),
  /** Where a new consumer group starts: the oldest retained message, or only messages produced from now on. */
  READ_POSITION: Type.Union([Type.Literal('TRIM_HORIZON'), Type.Literal('LATEST')], {
    default: 'TRIM_HORIZON',
  }),
  BATCH_SIZE_NUM: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  BATCH_SIZE_KBS: Type.Optional(Type.Integer({ minimum: 1, maximum: 6_144 })),
  /** Longest wait for a batch to fill. Connector Hub takes whole seconds; locally fractions are allowed. */
  BATCH_TIME_SEC: Type.Number({ minimum: 0.01, maximum: 600, default: 1 }),
  FUNCTION_FILE: Type.String({
    minLength: 1,
    default: fileURLToPath(new URL('../../ingest-fn/dist/func/func.js', import.meta.url)),
  }),
  /**
   * NODE_OPTIONS of the function processes: the same as the function image's Dockerfile sets (a test checks it), so
   * an instance runs here as it runs in Fn.
   */
  FUNCTION_NODE_OPTIONS: Type.String({ default: '--enable-source-maps --max-semi-space-size=16' }),
  /** Function instances invoked in parallel (Fn scales containers; one invocation per instance at a time). */
  FUNCTION_INSTANCES: Type.Integer({ minimum: 1, maximum: 32, default: 2 }),
  FUNCTION_TIMEOUT_SEC: Type.Integer({ minimum: 1, maximum: 300, default: 120 }),
  MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  RETRY_INITIAL_MS: Type.Integer({ minimum: 1, maximum: 60_000, default: 200 }),
  RETRY_MAX_MS: Type.Integer({ minimum: 1, maximum: 300_000, default: 5_000 }),
  /**
   * JSON object of the function's configuration exactly as Fn would pass it (the Functions application's and the
   * function's `config` maps). When set, it replaces the MYSQL_/INGEST_/MODEL_/OCI_ keys taken from the runner's
   * own environment: the deploy rehearsal runs the function with what Terraform gives it.
   */
  FUNCTION_CONFIG_FILE: Type.Optional(Type.String({ minLength: 1 })),
  STATE_DIR: Type.String({ minLength: 1, default: '.local/connector-runner' }),
  STATUS_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

/** Settings of the runner. */
export interface RunnerConfig {
  readonly brokers: readonly string[];
  readonly stream: string;
  readonly groupId: string;
  readonly fromBeginning: boolean;
  readonly batch: { readonly maxMessages?: number; readonly maxBytes?: number; readonly timeMs: number };
  readonly functionFile: string;
  readonly functionInstances: number;
  readonly functionTimeoutMs: number;
  readonly functionEnv: Readonly<Record<string, string>>;
  readonly retry: {
    readonly maxAttempts: number;
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
  };
  readonly stateDir: string;
  readonly statusIntervalMs: number;
  readonly logLevel: string;
  readonly sql: SqlConfig;
}

/**
 * The runner's variables an instance gets: the prefixes of the ingest function's contract (libs/contracts
 * IngestEnvSchema: MYSQL_*, INGEST_*, MODEL_*, ALERT_*, OCI_*, LOG_LEVEL) and the process basics. ALERT_* was
 * missing until issue #18: the demo's episode settings for the horizon risk never reached the function.
 */
const FUNCTION_ENV = /^(MYSQL_|INGEST_|MODEL_|ALERT_|OCI_|LOG_LEVEL$|PATH$|HOME$)/;

function readFunctionConfig(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err: unknown) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: FUNCTION_CONFIG_FILE ${file} is not readable JSON`,
      {
        cause: err,
        context: { keys: ['FUNCTION_CONFIG_FILE'] },
      },
    );
  }
  const entries = parsed !== null && typeof parsed === 'object' ? Object.entries(parsed) : [];
  if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'string')) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: FUNCTION_CONFIG_FILE ${file} must hold a non-empty object of string values`,
      { context: { keys: ['FUNCTION_CONFIG_FILE'] } },
    );
  }
  return Object.fromEntries(entries);
}

/** Reads the runner's settings; throws CONFIG_INVALID naming every bad key. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): RunnerConfig {
  const raw = parseConfig(RunnerEnvSchema, env);
  if (raw.BATCH_SIZE_NUM !== undefined && raw.BATCH_SIZE_KBS !== undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'invalid configuration: set BATCH_SIZE_NUM or BATCH_SIZE_KBS, not both (as in Connector Hub)',
      { context: { keys: ['BATCH_SIZE_NUM', 'BATCH_SIZE_KBS'] } },
    );
  }
  const sql = loadSqlConfig({ ...env, MYSQL_POOL_SIZE: '1' });
  const functionEnv: Record<string, string> =
    raw.FUNCTION_CONFIG_FILE === undefined ? {} : readFunctionConfig(raw.FUNCTION_CONFIG_FILE);
  for (const [key, value] of Object.entries(env)) {
    const fromRunner = raw.FUNCTION_CONFIG_FILE === undefined || /^(PATH|HOME)$/.test(key);
    if (value !== undefined && fromRunner && FUNCTION_ENV.test(key)) functionEnv[key] = value;
  }
  // One connection per instance: an instance handles one invocation at a time.
  functionEnv.MYSQL_POOL_SIZE ??= '1';
  functionEnv.NODE_OPTIONS = raw.FUNCTION_NODE_OPTIONS;
  return Object.freeze({
    brokers: raw.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter((b) => b !== ''),
    stream: raw.STREAM_NAME,
    groupId: raw.CONSUMER_GROUP,
    fromBeginning: raw.READ_POSITION === 'TRIM_HORIZON',
    batch: {
      ...(raw.BATCH_SIZE_NUM === undefined ? {} : { maxMessages: raw.BATCH_SIZE_NUM }),
      ...(raw.BATCH_SIZE_KBS === undefined && raw.BATCH_SIZE_NUM === undefined
        ? { maxBytes: 4_096 * 1_024 }
        : raw.BATCH_SIZE_KBS === undefined
          ? {}
          : { maxBytes: raw.BATCH_SIZE_KBS * 1_024 }),
      timeMs: Math.round(raw.BATCH_TIME_SEC * 1_000),
    },
    functionFile: raw.FUNCTION_FILE,
    functionInstances: raw.FUNCTION_INSTANCES,
    functionTimeoutMs: raw.FUNCTION_TIMEOUT_SEC * 1_000,
    functionEnv: Object.freeze(functionEnv),
    retry: {
      maxAttempts: raw.MAX_ATTEMPTS,
      initialDelayMs: raw.RETRY_INITIAL_MS,
      maxDelayMs: raw.RETRY_MAX_MS,
    },
    stateDir: raw.STATE_DIR,
    statusIntervalMs: raw.STATUS_INTERVAL_MS,
    logLevel: raw.LOG_LEVEL,
    sql,
  });
}
