/**
 * Every error code the platform raises. `<AREA>_<WHAT>`; the union type below is derived from this list, so a
 * new code is added here and nowhere else.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'VALIDATION_FAILED',
  'CLI_USAGE_INVALID',
  'SQL_CONNECT_FAILED',
  'SQL_WRITE_FAILED',
  'SQL_READ_FAILED',
  'SQL_MIGRATION_CHANGED',
  'SQL_MIGRATION_FAILED',
  'SQL_ROW_INVALID',
  'HEATWAVE_VERSION_UNSUPPORTED',
  'KAFKA_CONNECT_FAILED',
  'KAFKA_PRODUCE_FAILED',
  'KAFKA_CONSUME_FAILED',
  'KAFKA_ADMIN_FAILED',
  'FUNCTION_INVOKE_FAILED',
  'STACK_PREREQUISITE_MISSING',
  'STACK_START_FAILED',
  'DATASET_INVALID',
  'MODEL_ARTIFACT_INVALID',
  'MODEL_NOT_FOUND',
  'MODEL_UNSUPPORTED',
  'RETRY_EXHAUSTED',
  'OPERATION_ABORTED',
  'BULK_FILE_INVALID',
  'BULK_PARAMETER_MISSING',
  'SPARK_JOB_FAILED',
  'OCI_CREDENTIALS_MISSING',
  'OCI_REQUEST_FAILED',
  'DATAFLOW_RUN_FAILED',
  'DATAFLOW_PACKAGE_FAILED',
  'ALERT_DELIVERY_FAILED',
] as const;

/** A platform error code such as `SQL_WRITE_FAILED`. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Options of {@link AppError}: the cause, whether a retry may help, and the facts needed to act. */
export interface AppErrorOptions {
  readonly cause?: unknown;
  /** Whether repeating the same operation may succeed (network blips, deadlocks). @default false */
  readonly retryable?: boolean;
  /** Facts for whoever acts on the error: table, topic, partition, offset, assetId, ... */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** Base class of every error the platform throws on purpose. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = Object.freeze({ ...options.context });
  }
}

/** A configuration value is missing or malformed; never retryable. */
export class ConfigError extends AppError {}

/** Input data broke a rule; `problems` lists every broken rule, never just "invalid". */
export class ValidationError extends AppError {
  readonly problems: readonly { readonly path: string; readonly reason: string; readonly message: string }[];

  constructor(
    message: string,
    problems: readonly { readonly path: string; readonly reason: string; readonly message: string }[],
    options: Omit<AppErrorOptions, 'retryable'> & { readonly code?: ErrorCode } = {},
  ) {
    super(options.code ?? 'VALIDATION_FAILED', message, { ...options, retryable: false });
    this.problems = problems;
  }
}

/** A service we depend on (MySQL, Kafka, OCI) failed or is unreachable. */
export class UpstreamError extends AppError {}

/** True when `err` is an {@link AppError} carrying `code`. */
export function hasErrorCode(err: unknown, code: ErrorCode): err is AppError {
  return err instanceof AppError && err.code === code;
}
