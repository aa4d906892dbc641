// Property-based Connector Hub deliveries for the stream fuzz (#20): what each message is and how it must end.
import { toStreamMessage } from '@lakehouse/domain';
import fc from 'fast-check';
import { readingJson } from './bad-inputs.js';

/** How one stream message of a generated delivery is built. */
export type MessageSpec =
  | { readonly kind: 'valid'; readonly arrayOf: number | null }
  | { readonly kind: 'mixed'; readonly elements: readonly boolean[] }
  | { readonly kind: 'invalid-reading'; readonly field: string; readonly value: unknown }
  | { readonly kind: 'deep'; readonly depth: number; readonly inArray: boolean }
  | { readonly kind: 'truncated'; readonly keep: number }
  | { readonly kind: 'mutated'; readonly flips: readonly (readonly [number, number])[] }
  | { readonly kind: 'duplicate-key'; readonly isLastValid: boolean }
  | { readonly kind: 'not-object'; readonly json: string; readonly letters: number }
  | { readonly kind: 'bad-base64'; readonly text: string }
  | { readonly kind: 'non-utf8'; readonly bytes: readonly number[] }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'bad-envelope';
      readonly how: 'no-value' | 'value-number' | 'partition' | 'offset' | 'entry' | 'deep';
    };

/** How a message must end: exact counts of stored readings and dead letters, or exactly one of the two. */
export type Outcome =
  { readonly stored: number; readonly letters: number } | { readonly exactlyOneRecord: true };

/** The expected end of a message: nothing is lost, nothing is stored twice. */
export function outcomeOf(spec: MessageSpec): Outcome {
  switch (spec.kind) {
    case 'valid':
      return { stored: spec.arrayOf ?? 1, letters: 0 };
    case 'mixed':
      return {
        stored: spec.elements.filter(Boolean).length,
        letters: spec.elements.filter((e) => !e).length,
      };
    case 'duplicate-key':
      return spec.isLastValid ? { stored: 1, letters: 0 } : { stored: 0, letters: 1 };
    case 'not-object':
      return { stored: 0, letters: spec.letters };
    case 'mutated':
      // Flipped bytes may still make a valid reading: either way one record, stored or dead-lettered.
      return { exactlyOneRecord: true };
    case 'deep':
      return { stored: 0, letters: 1 };
    default:
      return { stored: 0, letters: 1 };
  }
}

/** Field values that certainly fail reading validation. */
const READING_BREAKS: readonly (readonly [string, unknown])[] = [
  ['torqueNm', '42.8'],
  ['torqueNm', -5],
  ['torqueNm', null],
  ['torqueNm', undefined],
  ['assetType', 'Q'],
  ['recordedAt', 'yesterday'],
  ['recordedAt', 1.5],
  ['airTemperatureK', 5_000],
  ['rotationalSpeedRpm', { rpm: 1 }],
  ['toolWearMin', [3]],
  ['labels', 'none'],
  ['processTemperatureK', undefined],
];

/** One message spec: mostly valid readings, and every kind of damage. */
export const messageSpec: fc.Arbitrary<MessageSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      arrayOf: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('mixed' as const),
      elements: fc.array(fc.boolean(), { minLength: 2, maxLength: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...READING_BREAKS)
      .map(([field, value]) => ({ kind: 'invalid-reading' as const, field, value })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      depth: fc.integer({ min: 2_000, max: 20_000 }),
      inArray: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('truncated' as const),
      keep: fc.double({ min: 0, max: 0.999, noNaN: true }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      flips: fc.array(
        fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 255 })),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('duplicate-key' as const), isLastValid: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        ['1', 1],
        ['"text"', 1],
        ['null', 1],
        ['true', 1],
        ['[]', 1],
        ['[1,"x",null]', 3],
        ['{}', 1],
      )
      .map(([json, letters]) => ({
        kind: 'not-object' as const,
        json: String(json),
        letters: Number(letters),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('!!', '#', 'abc', '====', 'a b\u0000c')
      .map((text) => ({ kind: 'bad-base64' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom([0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])
      .map((bytes) => ({ kind: 'non-utf8' as const, bytes })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'too-large' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('no-value', 'value-number', 'partition', 'offset', 'entry', 'deep')
      .map((how) => ({ kind: 'bad-envelope' as const, how: how as 'no-value' })),
  },
);

/** A message of a delivery as sent, and what identifies it in the tables afterwards. */
export interface BuiltMessage {
  readonly spec: MessageSpec;
  readonly offset: number;
  /** In the raw payload of a dead letter without a stream offset (an envelope whose offset is broken). */
  readonly marker: string;
  /** Position in the delivery. */
  readonly messageIndex: number;
  /** The entry's JSON text (an entry nested thousands deep cannot go through JSON.stringify). */
  readonly entryText: string;
}

/** The delivery body of built messages. */
export function deliveryBody(messages: readonly BuiltMessage[]): Buffer {
  return Buffer.from(`[${messages.map((m) => m.entryText).join(',')}]`);
}

/** Builds the messages with fresh offsets from `nextOffset` (each reading of a run has its own asset id). */
export function buildMessages(
  specs: readonly MessageSpec[],
  options: { readonly nowMs: number; readonly maxMessageBytes: number; readonly nextOffset: () => number },
): BuiltMessage[] {
  return specs.map((spec, messageIndex) => {
    const offset = options.nextOffset();
    const marker = `FZ${offset}`;
    // The asset id first (its own per message and element), so a truncated or mutated value keeps its marker.
    const reading = (i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> => {
      const base = readingJson(options.nowMs, {}, 600_000 + (offset % 100_000) * 10 + i);
      const body: Record<string, unknown> = { assetId: '', ...base, ...overrides };
      for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete body[k];
      body['assetId'] = `${marker}-${i}`;
      return body;
    };
    const text = (value: unknown) => JSON.stringify(value);
    let value: Buffer | string;
    switch (spec.kind) {
      case 'valid':
        value = text(
          spec.arrayOf === null ? reading(0) : Array.from({ length: spec.arrayOf }, (_, i) => reading(i)),
        );
        break;
      case 'mixed':
        value = text(spec.elements.map((ok, i) => (ok ? reading(i) : reading(i, { torqueNm: -1 - i }))));
        break;
      case 'invalid-reading':
        value = text(reading(0, { [spec.field]: spec.value }));
        break;
      case 'deep': {
        const deep = `${'['.repeat(spec.depth)}${']'.repeat(spec.depth)}`;
        const object = text(reading(0)).replace(/"torqueNm":[^,}]+/, `"torqueNm":${deep}`);
        value = spec.inArray ? `[${deep}]` : object;
        break;
      }
      case 'truncated': {
        const full = text(reading(0));
        const minimum = `{"assetId":"${marker}-0"`.length;
        value = full.slice(0, minimum + Math.floor(spec.keep * (full.length - 1 - minimum)));
        break;
      }
      case 'mutated': {
        const bytes = Buffer.from(text(reading(0)));
        const start = `{"assetId":"${marker}-0"`.length;
        for (const [at, byte] of spec.flips) bytes[start + Math.floor(at * (bytes.length - start))] = byte;
        value = bytes;
        break;
      }
      case 'duplicate-key': {
        const good = text(reading(0));
        const torque = spec.isLastValid ? '"torqueNm":"x","torqueNm":42.8' : '"torqueNm":42.8,"torqueNm":-5';
        value = good.replace(/"torqueNm":[^,}]+/, torque);
        break;
      }
      case 'not-object':
        value = spec.json;
        break;
      case 'non-utf8':
        value = Buffer.concat([
          Buffer.from(`{"assetId":"${marker}-0","x":"`),
          Buffer.from(spec.bytes),
          Buffer.from('"}'),
        ]);
        break;
      case 'too-large':
        value = text({ ...reading(0), siteId: 'S'.repeat(options.maxMessageBytes) });
        break;
      case 'empty':
        value = '';
        break;
      default:
        value = text(reading(0));
    }
    const message = toStreamMessage({
      stream: 'telemetry.readings.v1',
      partition: 0,
      offset,
      key: null,
      value: typeof value === 'string' ? Buffer.from(value) : value,
      timestampMs: options.nowMs,
    });
    let entry: unknown = message;
    if (spec.kind === 'bad-base64') entry = { ...message, value: `${marker}${spec.text}` };
    if (spec.kind === 'bad-envelope') {
      const withMarker = { ...message, marker };
      if (spec.how === 'no-value') entry = { ...withMarker, value: undefined };
      if (spec.how === 'value-number') entry = { ...withMarker, value: 12 };
      if (spec.how === 'partition') entry = { ...withMarker, partition: 'p-zero' };
      if (spec.how === 'offset') entry = { ...withMarker, offset: -1 };
      if (spec.how === 'entry') entry = `${marker} is not a message`;
    }
    const entryText =
      spec.kind === 'bad-envelope' && spec.how === 'deep'
        ? `${'['.repeat(12_000)}"${marker}"${']'.repeat(12_000)}`
        : JSON.stringify(entry);
    return { spec, offset, marker, messageIndex, entryText };
  });
}

/** Ways a whole delivery body can be damaged (each must become one `malformed_delivery` dead letter). */
export const brokenBody: fc.Arbitrary<(body: Buffer, marker: string) => Buffer> = fc.oneof(
  fc
    .double({ min: 0.01, max: 0.99, noNaN: true })
    .map(
      (keep) => (body: Buffer, marker: string) =>
        Buffer.concat([
          Buffer.from(`[{"marker":"${marker}",`),
          body.subarray(1, Math.max(2, Math.floor(body.length * keep))),
        ]),
    ),
  fc
    .constantFrom([0xff], [0xfe, 0xff], [0xc3])
    .map(
      (bytes) => (body: Buffer, marker: string) =>
        Buffer.concat([Buffer.from(`["${marker}`), Buffer.from(bytes), body]),
    ),
  fc
    .constantFrom('1', '"a"', 'null', 'true')
    .map(
      (json) => (_body: Buffer, marker: string) =>
        Buffer.from(json === '"a"' ? `"${marker}"` : `${json} ${marker}`),
    ),
);
