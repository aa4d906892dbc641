import type { Logger } from '@lakehouse/runtime';
import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/** Field names kafkajs or its callers could attach that may hold credentials; dropped from every entry. */
const SECRET_KEYS = new Set(['sasl', 'password', 'authToken', 'ssl']);
const REDACTED = '[redacted]';
const MAX_DEPTH = 4;

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') {
    return secrets.reduce(
      (text, secret) => (secret === '' ? text : text.split(secret).join(REDACTED)),
      value,
    );
  }
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => scrub(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!SECRET_KEYS.has(key)) out[key] = scrub(item, secrets, depth + 1);
  }
  return out;
}

/**
 * The kafkajs level matching the most verbose level `logger` writes, so kafkajs does not build entries that pino
 * would drop anyway.
 */
export function kafkaLogLevel(logger: Pick<Logger, 'isLevelEnabled'>): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return logLevel.INFO;
  return logLevel.WARN;
}

/**
 * Routes kafkajs log entries to a pino child logger (`{ module: 'kafkajs', namespace }`). Fields that may carry
 * credentials are dropped, and every occurrence of a string in `secrets` (the OCI auth token) is replaced.
 * kafkajs logs ERROR for failures it is still retrying (coordinator not available, connection refused while a
 * broker starts); the caller sees a thrown error when retries run out, so those entries are written as `warn`.
 */
export function kafkaLogCreator(logger: Logger, secrets: readonly string[] = []): logCreator {
  const base = logger.child({ module: 'kafkajs' });
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      // pino stamps its own time; kafkajs' timestamp would only duplicate it.
      const fields: Record<string, unknown> = { ...log };
      delete fields['timestamp'];
      delete fields['message'];
      const entry = { namespace, ...(scrub(fields, secrets, 0) as Record<string, unknown>) };
      const message = log.message;
      const text = scrub(message, secrets, 0) as string;
      switch (level) {
        case logLevel.ERROR:
        case logLevel.WARN:
          base.warn(entry, text);
          break;
        case logLevel.INFO:
          base.info(entry, text);
          break;
        default:
          base.debug(entry, text);
      }
    };
}
