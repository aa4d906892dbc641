import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Paths pino masks in every log line: secrets never reach logs (STYLE section 5). */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  '*.*.password',
  'authToken',
  '*.authToken',
  'sasl.password',
  '*.sasl.password',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
];

/** Options for {@link createLogger}. */
export interface LoggerSettings {
  /** Service name written on every line. */
  readonly name: string;
  /** pino level. @default 'info' */
  readonly level?: string;
}

/** The pino options every process uses; Fastify receives the same object. */
export function loggerOptions(settings: LoggerSettings): LoggerOptions {
  return {
    name: settings.name,
    level: settings.level ?? 'info',
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/** Builds the root logger of a process; modules take child loggers of it. */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  return destination === undefined
    ? pino(loggerOptions(settings))
    : pino(loggerOptions(settings), destination);
}
