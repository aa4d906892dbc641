import { UpstreamError, type ErrorCode } from '@lakehouse/runtime';

/** kafkajs errors that mean "broker unreachable or slow"; a later attempt may succeed even after kafkajs gave up. */
const TRANSIENT_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
]);

/**
 * Whether a later attempt may succeed: kafkajs' own `retriable` flag, or a connection-level failure anywhere in
 * the cause chain (kafkajs wraps a refused connection in a non-retriable error once its own retries are spent, yet
 * the broker may be back a few seconds later).
 */
function isRetriable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth += 1) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if ('retriable' in e && e.retriable === true) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Wraps a kafkajs failure at the port boundary with its cause and the facts needed to act (topic, brokers). */
export function kafkaError(
  code: ErrorCode,
  action: string,
  err: unknown,
  context: Readonly<Record<string, unknown>>,
): UpstreamError {
  const reason = err instanceof Error ? err.message : String(err);
  return new UpstreamError(code, `${action}: ${reason}`, {
    cause: err,
    retryable: isRetriable(err),
    context,
  });
}
