import type { Reading } from '@lakehouse/domain';
import type { OutgoingMessage, Publisher } from '@lakehouse/streaming';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordToPublish } from './records-to-publish.js';

/** Totals of a producer run. */
export interface ProduceTotals {
  readonly readings: number;
  readonly messages: number;
  readonly bytes: number;
  /** When publishing started (the clock of `now`, epoch ms by default): after connecting, before the first send. */
  readonly startedAtMs: number;
  readonly elapsedMs: number;
  readonly readingsPerSec: number;
}

/** Settings of {@link produceReadings}. */
export interface ProduceSettings {
  /** Most readings of one asset per message. */
  readonly perMessage: number;
  /** Readings are grouped per asset for at most this long before they are handed to the publisher. @default 20 */
  readonly groupWindowMs?: number;
  readonly count?: number;
  readonly durationMs?: number;
  readonly signal?: AbortSignal;
  /** Called about once per second with the running totals. */
  readonly onProgress?: (totals: ProduceTotals) => void;
  readonly now?: () => number;
}

/** The messages for the readings of one asset, in order: up to `perMessage` per message, a lone one as an object. */
export function packAssetReadings(
  assetId: string,
  readings: readonly Reading[],
  perMessage: number,
): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  for (let i = 0; i < readings.length; i += perMessage) {
    const chunk = readings.slice(i, i + perMessage);
    const body = chunk.length === 1 ? JSON.stringify(chunk[0]) : JSON.stringify(chunk);
    messages.push({ key: assetId, value: Buffer.from(body, 'utf8') });
  }
  return messages;
}

/**
 * Publishes records as they fall due. Readings are grouped per asset for a short window and packed into
 * messages keyed by asset id (one asset's messages stay in one partition, in order); the publisher's bounded
 * in-flight window is the back-pressure, so a slow stream slows the producer instead of filling memory.
 */
export async function produceReadings(
  source: Iterable<RecordToPublish> | AsyncIterable<RecordToPublish>,
  publisher: Publisher,
  settings: ProduceSettings,
): Promise<ProduceTotals> {
  const now = settings.now ?? Date.now;
  const windowMs = settings.groupWindowMs ?? 20;
  const startedAt = now();
  const deadline =
    settings.durationMs === undefined ? Number.POSITIVE_INFINITY : startedAt + settings.durationMs;
  let readings = 0;
  let messages = 0;
  let bytes = 0;
  let groups = new Map<string, Reading[]>();
  let groupStartedAt = now();
  let reportedAt = startedAt;

  const totals = (): ProduceTotals => {
    const elapsedMs = Math.max(1, now() - startedAt);
    return {
      readings,
      messages,
      bytes,
      startedAtMs: startedAt,
      elapsedMs,
      readingsPerSec: Math.round((readings * 1_000) / elapsedMs),
    };
  };
  const send = async (message: OutgoingMessage): Promise<void> => {
    await publisher.publish(message);
    messages += 1;
    bytes += message.value.length;
  };
  const flushGroups = async (): Promise<void> => {
    const pending = groups;
    groups = new Map();
    groupStartedAt = now();
    for (const [assetId, list] of pending) {
      for (const message of packAssetReadings(assetId, list, settings.perMessage)) await send(message);
    }
  };

  for await (const record of source) {
    if (settings.signal?.aborted === true) break;
    if (settings.count !== undefined && readings >= settings.count) break;
    const t = now();
    if (t >= deadline) break;
    if (record.dueMs > t) {
      await flushGroups();
      await sleep(Math.min(record.dueMs - t, deadline - t));
      if (now() >= deadline) break;
    }
    if (record.kind === 'raw') {
      await send({ key: record.key, value: record.value });
    } else {
      const list = groups.get(record.reading.assetId);
      if (list === undefined) groups.set(record.reading.assetId, [record.reading]);
      else list.push(record.reading);
    }
    readings += 1;
    if (now() - groupStartedAt >= windowMs) await flushGroups();
    if (settings.onProgress !== undefined && now() - reportedAt >= 1_000) {
      reportedAt = now();
      settings.onProgress(totals());
    }
  }
  await flushGroups();
  await publisher.flush();
  return totals();
}
