import type { ConsumedMessage } from '@lakehouse/streaming';
import { describe, expect, it } from 'vitest';
import { deliveredSize, deliveryBody, splitIntoDeliveries } from './delivery-batches.js';

const message = (offset: number, valueBytes = 30): ConsumedMessage => ({
  offset: String(offset),
  key: Buffer.from('S01-L01-M0001'),
  value: Buffer.alloc(valueBytes, 0x61),
  timestampMs: Date.UTC(2025, 0, 1),
});

describe('splitIntoDeliveries', () => {
  it('splits by count, in offset order', () => {
    const batches = splitIntoDeliveries(
      [1, 2, 3, 4, 5].map((o) => message(o)),
      { maxMessages: 2 },
    );
    expect(batches.map((b) => b.map((m) => m.offset))).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('splits by delivered size, counting base64 and the envelope', () => {
    const size = deliveredSize(message(1, 300));
    expect(size).toBe(Math.ceil((300 + 13) / 3) * 4 + 150);
    const batches = splitIntoDeliveries(
      [1, 2, 3].map((o) => message(o, 300)),
      { maxBytes: size * 2 },
    );
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
  });

  it('sends a message larger than the limit on its own', () => {
    const batches = splitIntoDeliveries([message(1), message(2, 10_000), message(3)], { maxBytes: 1_000 });
    expect(batches.map((b) => b.map((m) => m.offset))).toEqual([['1'], ['2'], ['3']]);
  });

  it('keeps everything in one delivery without limits and returns none for no messages', () => {
    expect(splitIntoDeliveries([message(1), message(2)], {})).toHaveLength(1);
    expect(splitIntoDeliveries([], { maxMessages: 10 })).toEqual([]);
  });
});

describe('deliveryBody', () => {
  it('is the JSON array of stream messages the function receives', () => {
    const body = JSON.parse(
      deliveryBody('telemetry.readings.v1', 4, [message(17, 3)]).toString('utf8'),
    ) as unknown;
    expect(body).toEqual([
      {
        stream: 'telemetry.readings.v1',
        partition: '4',
        key: Buffer.from('S01-L01-M0001').toString('base64'),
        value: Buffer.from('aaa').toString('base64'),
        offset: 17,
        timestamp: '2025-01-01T00:00:00.000Z',
      },
    ]);
  });
});
