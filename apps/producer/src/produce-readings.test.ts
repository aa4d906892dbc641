import type { Reading } from '@lakehouse/domain';
import type { OutgoingMessage, Publisher } from '@lakehouse/streaming';
import { describe, expect, it } from 'vitest';
import { packAssetReadings, produceReadings } from './produce-readings.js';
import type { RecordToPublish } from './records-to-publish.js';

const reading = (assetId: string, recordedAt: number): Reading => ({
  recordedAt,
  assetId,
  assetType: 'L',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 0,
});

/** Records what would be published; the Kafka path itself is covered by ingest-fn's end-to-end test. */
function recordingPublisher(): Publisher & { sent: OutgoingMessage[]; flushes: number } {
  const sent: OutgoingMessage[] = [];
  const p = {
    sent,
    flushes: 0,
    publish: async (m: OutgoingMessage) => void sent.push(m),
    flush: async () => void (p.flushes += 1),
    stats: () => ({ acknowledged: sent.length, bytes: 0, sends: 0, pending: 0 }),
    close: async () => undefined,
  };
  return p;
}

describe('packAssetReadings', () => {
  it('packs up to N readings of an asset per message, a lone reading as an object', () => {
    const list = [1, 2, 3].map((t) => reading('A', t));
    const messages = packAssetReadings('A', list, 2);
    expect(messages.map((m) => m.key)).toEqual(['A', 'A']);
    expect(JSON.parse(messages[0]?.value.toString() ?? '')).toEqual([list[0], list[1]]);
    expect(JSON.parse(messages[1]?.value.toString() ?? '')).toEqual(list[2]);
  });
});

describe('produceReadings', () => {
  it('publishes every reading once, keyed by asset, in per-asset order, and stops at the count', async () => {
    const records: RecordToPublish[] = [];
    for (let t = 0; t < 50; t += 1)
      for (const a of ['A', 'B', 'C']) records.push({ kind: 'reading', reading: reading(a, t), dueMs: 0 });
    const publisher = recordingPublisher();
    const totals = await produceReadings(records, publisher, { perMessage: 7, count: 120 });
    expect(totals.readings).toBe(120);
    expect(publisher.flushes).toBe(1);
    const byAsset = new Map<string, number[]>();
    for (const m of publisher.sent) {
      const body = JSON.parse(m.value.toString()) as Reading | Reading[];
      for (const r of Array.isArray(body) ? body : [body]) {
        expect(r.assetId).toBe(m.key);
        byAsset.set(m.key, [...(byAsset.get(m.key) ?? []), r.recordedAt]);
      }
    }
    expect([...byAsset.values()].flat()).toHaveLength(120);
    for (const times of byAsset.values()) expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('waits for a record until it is due and sends raw lines as they are', async () => {
    let clock = 1_000;
    const publisher = recordingPublisher();
    const records: RecordToPublish[] = [
      { kind: 'raw', key: 'k', value: Buffer.from('{bad'), dueMs: 1_000 },
      { kind: 'raw', key: 'k', value: Buffer.from('{"x":1}'), dueMs: 1_030 },
    ];
    const totals = await produceReadings(records, publisher, {
      perMessage: 10,
      now: () => (clock += 5),
    });
    expect(totals.readings).toBe(2);
    expect(publisher.sent.map((m) => m.value.toString())).toEqual(['{bad', '{"x":1}']);
  });

  it('stops at the duration', async () => {
    let clock = 0;
    const endless = (function* () {
      for (let t = 0; ; t += 1) yield { kind: 'reading' as const, reading: reading('A', t), dueMs: 0 };
    })();
    const totals = await produceReadings(endless, recordingPublisher(), {
      perMessage: 10,
      durationMs: 1_000,
      now: () => (clock += 1),
    });
    expect(totals.readings).toBeGreaterThan(100);
    expect(totals.readings).toBeLessThan(1_000);
  });
});
