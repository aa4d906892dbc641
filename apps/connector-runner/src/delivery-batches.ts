import { toStreamMessage, type StreamMessage } from '@lakehouse/domain';
import type { ConsumedMessage } from '@lakehouse/streaming';

/** Connector Hub's target batching: by count or by size (never both), within a time window. */
export interface BatchLimits {
  readonly maxMessages?: number;
  readonly maxBytes?: number;
}

// Envelope around each value in the JSON payload: field names, partition, offset, timestamp (~150 bytes).
const ENVELOPE_BYTES = 150;

/** Size of one message in the delivery payload: base64 grows key and value by a third. */
export function deliveredSize(message: ConsumedMessage): number {
  const raw = (message.value?.length ?? 0) + (message.key?.length ?? 0);
  return Math.ceil(raw / 3) * 4 + ENVELOPE_BYTES;
}

/**
 * Splits fetched messages into deliveries within the limits, in offset order. A message larger than the byte
 * limit travels alone (the function rejects it as too large and keeps it as a dead letter).
 */
export function splitIntoDeliveries(
  messages: readonly ConsumedMessage[],
  limits: BatchLimits,
): ConsumedMessage[][] {
  const maxMessages = limits.maxMessages ?? Number.POSITIVE_INFINITY;
  const maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
  const deliveries: ConsumedMessage[][] = [];
  let current: ConsumedMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = deliveredSize(message);
    if (current.length > 0 && (current.length >= maxMessages || bytes + size > maxBytes)) {
      deliveries.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) deliveries.push(current);
  return deliveries;
}

/** The request body Connector Hub sends to the function: a JSON array of stream messages. */
export function deliveryBody(
  stream: string,
  partition: number,
  messages: readonly ConsumedMessage[],
): Buffer {
  const entries: StreamMessage[] = messages.map((m) =>
    toStreamMessage({
      stream,
      partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
      timestampMs: m.timestampMs,
    }),
  );
  return Buffer.from(JSON.stringify(entries), 'utf8');
}
