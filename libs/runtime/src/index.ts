export {
  AppError,
  ConfigError,
  ERROR_CODES,
  UpstreamError,
  ValidationError,
  hasErrorCode,
  type AppErrorOptions,
  type ErrorCode,
} from './app-error.js';
export { checkSchemaValues, parseConfig, type SchemaCheck, type SchemaProblem } from './config.js';
export { REDACTED_PATHS, createLogger, loggerOptions, type Logger, type LoggerSettings } from './logger.js';
export {
  backoffDelayMs,
  isRetryableError,
  withRetry,
  type BackoffPolicy,
  type RetryPolicy,
} from './with-retry.js';
export { onShutdown, type ShutdownStep, type SignalSource } from './graceful-shutdown.js';
export { writeJsonFile } from './write-json-file.js';
export { formatClock, formatCount, formatSeconds } from './format-progress.js';
