import { describe, expect, it } from 'vitest';
import { decodeStreamDelivery, toStreamMessage, type StreamMessage } from './stream-delivery.js';

const NOW_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const reading = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  recordedAt: NOW_MS - 60_000,
  assetId: 'S01-L01-M0001',
  assetType: 'M',
  airTemperatureK: 298.1,
  processTemperatureK: 308.6,
  rotationalSpeedRpm: 1551,
  torqueNm: 42.8,
  toolWearMin: 3,
  ...overrides,
});

function message(value: Buffer | string, offset = 0, partition = 0): StreamMessage {
  return toStreamMessage({
    stream: 'telemetry.readings.v1',
    partition,
    offset: String(offset),
    key: Buffer.from('S01-L01-M0001'),
    value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
    timestampMs: NOW_MS,
  });
}
const body = (entries: unknown): Buffer => Buffer.from(JSON.stringify(entries), 'utf8');
const decode = (entries: unknown, maxMessageBytes?: number) =>
  decodeStreamDelivery(body(entries), {
    nowMs: NOW_MS,
    ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }),
  });
const reasons = (entries: unknown): string[] =>
  decode(entries).rejected.flatMap((r) => r.problems.map((p) => p.reason));

describe('toStreamMessage', () => {
  it('builds the GetMessages-shaped entry with base64 key and value', () => {
    expect(message('{"a":1}', 42, 3)).toEqual({
      stream: 'telemetry.readings.v1',
      partition: '3',
      key: Buffer.from('S01-L01-M0001').toString('base64'),
      value: Buffer.from('{"a":1}').toString('base64'),
      offset: 42,
      timestamp: new Date(NOW_MS).toISOString(),
    });
  });

  it('keeps a null key and turns a null value into an empty one', () => {
    const entry = toStreamMessage({
      stream: 's',
      partition: 0,
      offset: 1,
      key: null,
      value: null,
      timestampMs: 0,
    });
    expect(entry.key).toBeNull();
    expect(entry.value).toBe('');
  });
});

describe('decodeStreamDelivery', () => {
  it('accepts readings with their stream, partition and offset', () => {
    const decoded = decode([message(JSON.stringify(reading()), 7, 2)]);
    expect(decoded.messages).toBe(1);
    expect(decoded.rejected).toEqual([]);
    expect(decoded.accepted).toEqual([
      {
        origin: { messageIndex: 0, stream: 'telemetry.readings.v1', partition: 2, offset: 7 },
        reading: reading(),
      },
    ]);
  });

  it('accepts one message object instead of an array, a numeric partition and a string offset', () => {
    const entry = { ...message(JSON.stringify(reading())), partition: 5, offset: '19' };
    const decoded = decode(entry);
    expect(decoded.accepted[0]?.origin).toMatchObject({ partition: 5, offset: 19 });
  });

  it('splits a message holding a JSON array into records with their index', () => {
    const second = reading({ recordedAt: NOW_MS - 30_000 });
    const bad = reading({ torqueNm: -1 });
    const decoded = decode([message(JSON.stringify([reading(), second, bad]), 9)]);
    expect(decoded.accepted.map((a) => a.origin.recordIndex)).toEqual([0, 1]);
    expect(decoded.rejected).toHaveLength(1);
    expect(decoded.rejected[0]?.origin).toMatchObject({ offset: 9, recordIndex: 2 });
    expect(JSON.parse(decoded.rejected[0]?.raw.toString('utf8') ?? '')).toEqual(bad);
    expect(decoded.rejected[0]?.problems.map((p) => [p.path, p.reason])).toEqual([
      ['/torqueNm', 'out_of_range'],
    ]);
  });

  it('keeps the exact bytes of a rejected single-reading message', () => {
    const raw = Buffer.from('{"assetId": 17}', 'utf8');
    const decoded = decode([message(raw)]);
    expect(decoded.rejected[0]?.raw.equals(raw)).toBe(true);
  });

  it.each([
    ['not JSON', 'hello', 'malformed_json'],
    ['truncated JSON', '{"assetId":"S01-L01-M0001",', 'malformed_json'],
    ['an empty value', '', 'empty'],
    ['an empty array', '[]', 'empty'],
    ['Latin-1 bytes', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), 'invalid_encoding'],
    ['UTF-16 text', Buffer.from('{"a":1}', 'utf16le'), 'invalid_encoding'],
  ])('rejects a message value that is %s', (_label, value, reason) => {
    expect(reasons([message(value)])).toEqual([reason]);
  });

  it('rejects a value above the size limit without parsing it', () => {
    expect(reasons([message(JSON.stringify(reading()))]).length).toBe(0);
    const decoded = decode([message(JSON.stringify(reading()))], 64);
    expect(decoded.rejected[0]?.problems[0]?.reason).toBe('too_large');
  });

  it('rejects a value that is not base64, keeping the text received', () => {
    const entry = { ...message('x'), value: 'not base64!' };
    const decoded = decode([entry]);
    expect(decoded.rejected[0]?.problems[0]?.reason).toBe('invalid_base64');
    expect(decoded.rejected[0]?.raw.toString('utf8')).toBe('not base64!');
  });

  it.each([
    ['a string', 'just a string'],
    ['a message without value', { stream: 's', partition: '0', offset: 1 }],
    ['a value that is a number', { stream: 's', partition: '0', offset: 1, value: 12 }],
    ['a negative offset', { stream: 's', partition: '0', offset: -1, value: 'e30=' }],
    ['a non-numeric partition', { stream: 's', partition: 'zero', offset: 1, value: 'e30=' }],
  ])('rejects an envelope that is %s, keeping the entry', (_label, entry) => {
    const decoded = decode([entry, message(JSON.stringify(reading()))]);
    expect(decoded.rejected.map((r) => r.problems[0]?.reason)).toEqual(['invalid_envelope']);
    expect(decoded.rejected[0]?.raw.toString('utf8')).toBe(JSON.stringify(entry));
    expect(decoded.accepted).toHaveLength(1);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['not JSON', Buffer.from('<xml/>')],
    ['a JSON number', Buffer.from('42')],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00])],
  ])('keeps a whole delivery that is %s as one rejected record', (_label, raw) => {
    const decoded = decodeStreamDelivery(raw, { nowMs: NOW_MS });
    expect(decoded.messages).toBe(0);
    expect(decoded.rejected).toHaveLength(1);
    expect(decoded.rejected[0]?.raw.equals(raw)).toBe(true);
    expect(decoded.rejected[0]?.problems[0]?.reason).toBe('malformed_delivery');
  });

  it('rejects records and entries nested deeper than JSON.stringify can go, keeping the bytes that hold them', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const value = Buffer.from(`[${JSON.stringify(reading())},${deep}]`);
    const inValue = decodeStreamDelivery(body([message(value, 7)]), { nowMs: NOW_MS });
    expect(inValue.accepted).toHaveLength(1);
    expect(inValue.rejected).toHaveLength(1);
    expect(inValue.rejected[0]?.origin).toMatchObject({ offset: 7, recordIndex: 1 });
    expect(inValue.rejected[0]?.raw).toEqual(value);

    const delivery = Buffer.from(`[${JSON.stringify(message(JSON.stringify(reading()), 8))},${deep}]`);
    const asEntry = decodeStreamDelivery(delivery, { nowMs: NOW_MS });
    expect(asEntry.accepted).toHaveLength(1);
    expect(asEntry.rejected[0]?.problems[0]?.reason).toBe('invalid_envelope');
    expect(asEntry.rejected[0]?.raw).toEqual(delivery);
  });

  it('absorbs an exact repeat and rejects a conflicting one', () => {
    const same = JSON.stringify(reading());
    const conflicting = JSON.stringify(reading({ torqueNm: 50 }));
    const decoded = decode([message(same, 1), message(same, 2), message(conflicting, 3)]);
    expect(decoded.accepted).toHaveLength(1);
    expect(decoded.duplicates).toBe(1);
    expect(decoded.rejected.map((r) => [r.origin.offset, r.problems[0]?.reason])).toEqual([
      [3, 'conflicting_duplicate'],
    ]);
  });

  it('passes the clock to reading validation (future timestamps)', () => {
    const future = JSON.stringify(reading({ recordedAt: NOW_MS + 3_600_000 }));
    expect(reasons([message(future)])).toEqual(['future_timestamp']);
  });

  it('accepts base64 with line breaks', () => {
    const entry = message(JSON.stringify(reading()));
    const wrapped = { ...entry, value: entry.value.replace(/(.{20})/g, '$1\n') };
    expect(decode([wrapped]).accepted).toHaveLength(1);
  });

  it('rejects base64 variants that Node would decode leniently: url-safe alphabet, missing padding, stray bytes', () => {
    // '?>?' encodes to 'Pz4/', whose url-safe form is 'Pz4_'; Node's decoder takes both.
    const json = JSON.stringify({ ...reading(), assetId: 'A?>?' });
    const entry = message(json);
    expect(entry.value).toMatch(/[+/]/);
    const variants = [
      entry.value.replaceAll('+', '-').replaceAll('/', '_'),
      `${entry.value}$`,
      `${entry.value.slice(0, 8)}*${entry.value.slice(8)}`,
      `${entry.value.slice(0, 8)}=${entry.value.slice(8)}`,
    ];
    const unpadded = Buffer.from(`${json} `).toString('base64');
    if (unpadded.endsWith('=')) variants.push(unpadded.replace(/=+$/, ''));
    for (const value of variants) {
      expect(decode([{ ...entry, value }]).rejected[0]?.problems[0]?.reason, value).toBe('invalid_base64');
    }
  });
});
