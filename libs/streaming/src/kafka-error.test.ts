import { UpstreamError } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { kafkaError } from './kafka-error.js';

function named(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('boom'), { name }, extra);
}

describe('kafkaError', () => {
  it('wraps the cause with code and context', () => {
    const cause = named('KafkaJSProtocolError', { retriable: false });
    const err = kafkaError('KAFKA_PRODUCE_FAILED', 'cannot produce to t', cause, { topic: 't' });
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({
      code: 'KAFKA_PRODUCE_FAILED',
      message: 'cannot produce to t: boom',
      retryable: false,
      context: { topic: 't' },
    });
    expect(err.cause).toBe(cause);
  });

  it('finds a connection failure behind the non-retriable error kafkajs throws once its retries are spent', () => {
    const refused = named('KafkaJSNonRetriableError', {
      retriable: false,
      cause: named('KafkaJSConnectionError'),
    });
    expect(kafkaError('KAFKA_PRODUCE_FAILED', 'x', refused, {}).retryable).toBe(true);
    const rejected = named('KafkaJSNonRetriableError', {
      retriable: false,
      cause: named('KafkaJSProtocolError'),
    });
    expect(kafkaError('KAFKA_PRODUCE_FAILED', 'x', rejected, {}).retryable).toBe(false);
  });

  it('treats connection failures and kafkajs retriable errors as retryable', () => {
    expect(kafkaError('KAFKA_CONNECT_FAILED', 'x', named('KafkaJSConnectionError'), {}).retryable).toBe(true);
    expect(
      kafkaError(
        'KAFKA_CONNECT_FAILED',
        'x',
        named('KafkaJSNumberOfRetriesExceeded', { retriable: false }),
        {},
      ).retryable,
    ).toBe(true);
    expect(
      kafkaError('KAFKA_ADMIN_FAILED', 'x', named('KafkaJSProtocolError', { retriable: true }), {}).retryable,
    ).toBe(true);
    expect(kafkaError('KAFKA_ADMIN_FAILED', 'x', new TypeError('bug'), {}).retryable).toBe(false);
  });
});
