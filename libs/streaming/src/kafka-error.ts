import { UpstreamError, type ErrorCode } from '@lakehouse/runtime';

/** kafkajs errors that mean "broker unreachable or slow"; a later attempt may succeed even after kafkajs gave up. */
const TRANSIENT_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
]);

/** Whether a later attempt may succeed: kafkajs' own `retriable` flag, or a connection-level failure. */
function isRetriable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const name = (err as { name?: unknown }).name;
  if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
  return 'retriable' in err && err.retriable === true;
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
