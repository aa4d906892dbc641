import type { Reading } from './reading.js';
import type { ValidateReadingOptions } from './check-recorded-at.js';
import type { ReadingProblem } from './reading-problem.js';
import { validateReading } from './validate-reading.js';

/** Stream (Kafka topic) the fleet's readings are published to. */
export const READINGS_TOPIC = 'telemetry.readings.v1';

/** Largest decoded message value accepted: OCI Streaming's own per-message limit (1 MiB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;

/**
 * One stream message as Connector Hub hands it to a function: the shape of Streaming's GetMessages result, with key
 * and value base64 encoded. The exact shape is UNCONFIRMED (heatwave-reference.md §F), so
 * {@link decodeStreamDelivery} accepts variations: a single object instead of an array, a numeric partition, a
 * string offset, a missing key.
 */
export interface StreamMessage {
  readonly stream: string;
  readonly partition: string;
  readonly key: string | null;
  readonly value: string;
  readonly offset: number;
  /** ISO 8601 instant the broker appended the message. */
  readonly timestamp: string;
}

/** Builds the delivery entry for one consumed message, as the local Connector Hub runner sends it. */
export function toStreamMessage(message: {
  readonly stream: string;
  readonly partition: number;
  readonly offset: string | number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestampMs: number;
}): StreamMessage {
  return {
    stream: message.stream,
    partition: String(message.partition),
    key: message.key === null ? null : message.key.toString('base64'),
    value: (message.value ?? Buffer.alloc(0)).toString('base64'),
    offset: Number(message.offset),
    timestamp: new Date(message.timestampMs).toISOString(),
  };
}

/** Why a delivered record was rejected before (or besides) reading validation. */
export const DELIVERY_PROBLEM_REASONS = [
  'malformed_delivery',
  'invalid_envelope',
  'invalid_base64',
  'empty',
  'too_large',
  'invalid_encoding',
  'malformed_json',
  'conflicting_duplicate',
] as const;
/** One of {@link DELIVERY_PROBLEM_REASONS}. */
export type DeliveryProblemReason = (typeof DELIVERY_PROBLEM_REASONS)[number];

/** A problem with a delivered record: a delivery-level reason or a reading-validation problem. */
export interface DeliveryProblem {
  readonly path: string;
  readonly reason: DeliveryProblemReason | ReadingProblem['reason'];
  readonly message: string;
}

/** Where a record came from: its stream message, and its position when the message held an array of readings. */
export interface RecordOrigin {
  readonly stream?: string;
  readonly partition?: number;
  readonly offset?: number;
  /** Position of the message in the delivery. */
  readonly messageIndex: number;
  /** Position of the reading inside its message when the value was a JSON array. */
  readonly recordIndex?: number;
}

/** A record that cannot be stored, with the bytes to keep and every reason. */
export interface RejectedRecord {
  readonly origin: RecordOrigin;
  /** The record as received: the message value bytes, or the re-serialised array element. */
  readonly raw: Buffer;
  readonly problems: readonly DeliveryProblem[];
}

/** A valid reading with its origin. */
export interface AcceptedReading {
  readonly origin: RecordOrigin;
  readonly reading: Reading;
}

/** Result of {@link decodeStreamDelivery}. */
export interface DecodedDelivery {
  /** Stream messages in the delivery (entries of the array), whether usable or not. */
  readonly messages: number;
  /** Valid readings, one per (assetId, recordedAt), in delivery order. */
  readonly accepted: AcceptedReading[];
  readonly rejected: RejectedRecord[];
  /** Exact repeats of a reading already in this delivery: absorbed, since storing them again changes nothing. */
  readonly duplicates: number;
}

/** Options of {@link decodeStreamDelivery}. */
export interface DecodeDeliveryOptions {
  /** The current instant (epoch ms) for timestamp checks. */
  readonly nowMs: number;
  /** @default DEFAULT_MAX_MESSAGE_BYTES */
  readonly maxMessageBytes?: number;
  /** @default DEFAULT_MAX_FUTURE_SKEW_MS of validateReading */
  readonly maxFutureSkewMs?: number;
}

// Canonical base64: alphabet, then at most two '=' of padding, in groups of four (checked with the length).
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(reason: DeliveryProblemReason, message: string, path = ''): DeliveryProblem {
  return { path, reason, message };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

interface Envelope {
  readonly origin: RecordOrigin;
  readonly value: string;
}

/**
 * The JSON text of a parsed value, or `whole` (the bytes that hold it) when the value is nested too deep for
 * JSON.stringify's recursion: a record of arrays 12,000 deep threw a RangeError out of the decoder and failed the
 * whole delivery, good records with it (found by the stream fuzz of #20). Parsed JSON has no cycles and no BigInt,
 * so a RangeError is the only way serialising it can fail.
 */
function jsonBytes(value: unknown, whole: Buffer): Buffer {
  try {
    return Buffer.from(JSON.stringify(value) ?? String(value), 'utf8');
  } catch (err: unknown) {
    if (err instanceof RangeError) return whole;
    throw err;
  }
}

function readEnvelope(entry: unknown, messageIndex: number, body: Buffer): Envelope | RejectedRecord {
  const raw = (): Buffer => jsonBytes(entry, body);
  if (!isRecord(entry)) {
    return {
      origin: { messageIndex },
      raw: raw(),
      problems: [problem('invalid_envelope', `a stream message must be a JSON object, got ${typeof entry}`)],
    };
  }
  const problems: DeliveryProblem[] = [];
  const partition = entry.partition === undefined ? undefined : toInteger(entry.partition);
  if (entry.partition !== undefined && partition === undefined) {
    problems.push(problem('invalid_envelope', 'partition is not a non-negative integer', '/partition'));
  }
  const offset = entry.offset === undefined ? undefined : toInteger(entry.offset);
  if (entry.offset !== undefined && offset === undefined) {
    problems.push(problem('invalid_envelope', 'offset is not a non-negative integer', '/offset'));
  }
  const stream = typeof entry.stream === 'string' ? entry.stream : undefined;
  const origin: RecordOrigin = {
    messageIndex,
    ...(stream === undefined ? {} : { stream }),
    ...(partition === undefined ? {} : { partition }),
    ...(offset === undefined ? {} : { offset }),
  };
  if (typeof entry.value !== 'string') {
    problems.push(
      problem(
        'invalid_envelope',
        entry.value === undefined ? 'the message has no value' : 'value is not a base64 string',
        '/value',
      ),
    );
  }
  if (problems.length > 0 || typeof entry.value !== 'string') return { origin, raw: raw(), problems };
  return { origin, value: entry.value };
}

function decodeValue(
  envelope: Envelope,
  options: DecodeDeliveryOptions,
): { readonly records: unknown[]; readonly isArray: boolean; readonly bytes: Buffer } | RejectedRecord {
  const { origin } = envelope;
  let bytes = Buffer.from(envelope.value, 'base64');
  // Canonical base64 (what Connector Hub and toStreamMessage write) re-encodes to itself: one native pass each way
  // instead of two regular expressions over every value. Anything else takes the lenient check below.
  if (bytes.toString('base64') !== envelope.value) {
    const text = envelope.value.replace(/\s+/g, '');
    if (text.length % 4 !== 0 || !BASE64.test(text)) {
      return {
        origin,
        raw: Buffer.from(envelope.value, 'utf8'),
        problems: [problem('invalid_base64', 'the message value is not valid base64', '/value')],
      };
    }
    bytes = Buffer.from(text, 'base64');
  }
  const reject = (p: DeliveryProblem): RejectedRecord => ({ origin, raw: bytes, problems: [p] });
  if (bytes.length === 0) return reject(problem('empty', 'the message value is empty'));
  const limit = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (bytes.length > limit) {
    return reject(problem('too_large', `the message value has ${bytes.length} bytes, more than ${limit}`));
  }
  const json = decodeUtf8(bytes);
  if (json === undefined || json.includes('\u0000')) {
    return reject(
      problem(
        'invalid_encoding',
        json === undefined ? 'the message value is not UTF-8' : 'the message value contains NUL characters',
      ),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return reject(problem('malformed_json', `the message value is not JSON: ${(error as Error).message}`));
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return reject(problem('empty', 'the message value is an empty JSON array'));
    return { records: parsed, isArray: true, bytes };
  }
  return { records: [parsed], isArray: false, bytes };
}

/** The bytes of a rejected record: the message value, or the element's JSON text when the value is an array. */
function recordBytes(
  decoded: { readonly isArray: boolean; readonly bytes: Buffer },
  record: unknown,
): Buffer {
  return decoded.isArray ? jsonBytes(record, decoded.bytes) : decoded.bytes;
}

function sameReading(a: Reading, b: Reading): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Decodes and validates one Connector Hub delivery (the function's request body). Never throws on bad data: every
 * record is either accepted or rejected with its bytes, its origin and every problem, so nothing is lost. A body that
 * is not a JSON delivery at all becomes one rejected record holding the whole body.
 */
export function decodeStreamDelivery(body: Buffer, options: DecodeDeliveryOptions): DecodedDelivery {
  const accepted: AcceptedReading[] = [];
  const rejected: RejectedRecord[] = [];
  let duplicates = 0;
  const text = decodeUtf8(body);
  let parsed: unknown;
  try {
    parsed = text === undefined ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (!Array.isArray(parsed) && !isRecord(parsed))) {
    rejected.push({
      origin: { messageIndex: 0 },
      raw: body,
      problems: [
        problem(
          'malformed_delivery',
          body.length === 0
            ? 'the delivery is empty'
            : 'the delivery is not a JSON array of stream messages (nor one message object)',
        ),
      ],
    });
    return { messages: 0, accepted, rejected, duplicates };
  }
  const entries: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const byKey = new Map<string, Reading>();
  // Once per delivery, not per record: this loop runs for every reading on the ingest hot path.
  const validation: ValidateReadingOptions =
    options.maxFutureSkewMs === undefined
      ? { nowMs: options.nowMs }
      : { nowMs: options.nowMs, maxFutureSkewMs: options.maxFutureSkewMs };
  for (let messageIndex = 0; messageIndex < entries.length; messageIndex += 1) {
    const envelope = readEnvelope(entries[messageIndex], messageIndex, body);
    if ('problems' in envelope) {
      rejected.push(envelope);
      continue;
    }
    const decoded = decodeValue(envelope, options);
    if ('problems' in decoded) {
      rejected.push(decoded);
      continue;
    }
    const { records } = decoded;
    for (let recordIndex = 0; recordIndex < records.length; recordIndex += 1) {
      const record = records[recordIndex];
      const origin: RecordOrigin = decoded.isArray ? { ...envelope.origin, recordIndex } : envelope.origin;
      const outcome = validateReading(record, validation);
      if (!outcome.ok) {
        rejected.push({ origin, raw: recordBytes(decoded, record), problems: outcome.problems });
        continue;
      }
      const key = `${outcome.reading.assetId}\u0000${outcome.reading.recordedAt}`;
      const earlier = byKey.get(key);
      if (earlier === undefined) {
        byKey.set(key, outcome.reading);
        accepted.push({ origin, reading: outcome.reading });
      } else if (sameReading(earlier, outcome.reading)) {
        duplicates += 1;
      } else {
        rejected.push({
          origin,
          raw: recordBytes(decoded, record),
          problems: [
            problem(
              'conflicting_duplicate',
              `another reading of ${outcome.reading.assetId} at ${new Date(outcome.reading.recordedAt).toISOString()} in this delivery has different values`,
            ),
          ],
        });
      }
    }
  }
  return { messages: entries.length, accepted, rejected, duplicates };
}
