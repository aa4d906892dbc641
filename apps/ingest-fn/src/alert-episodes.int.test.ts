import { toStreamMessage, type EpisodeSettings, type Reading } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestConfig } from './config.js';
import { createIngestHandler, type ModelRegistry } from './create-ingest-handler.js';
import type { ActiveModel } from './ingest-delivery.js';
import { readingJson } from './testing/bad-inputs.js';

/*
 * The alert-episode state machine through the real function handler and the real tables: each delivery is stored,
 * scored and folded in one transaction. The test model reads the failure probability off the tool wear
 * (toolWearMin / 100), so each reading says which probability it gets.
 */

const NOW_MS = Date.now();
const SECOND = 1_000;
const logger = createLogger({ name: 'alert-episodes-test', level: 'silent' });
const SETTINGS: EpisodeSettings = {
  openThreshold: 0.6,
  resolveThreshold: 0.5,
  hold: { unit: 'readings', readings: 3 },
  resolveAfterMs: 5 * SECOND,
};

const model: ActiveModel = {
  modelId: 41,
  probability: (r: Reading) => r.toolWearMin / 100,
  explain: (r: Reading) => ({
    modes: r.toolWearMin >= 90 ? ['TWF'] : [],
    modeProbabilities: { TWF: r.toolWearMin / 100 },
    drivers: [{ feature: 'toolWearMin', value: r.toolWearMin, contribution: 1 }],
    baseLogOdds: -3,
  }),
};
const registry: ModelRegistry = {
  activeModelId: async () => model.modelId,
  loadActiveModel: async () => model,
};

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** A new function instance (a cold start): nothing of the episodes is kept in memory between two of these. */
function newInstance() {
  return createIngestHandler({
    config: {
      modelRefreshMs: 60_000,
      writePath: 'load-data',
      maxMessageBytes: 65_536,
      maxFutureSkewMs: 300_000,
      episodes: SETTINGS,
    } as IngestConfig,
    pool: db.pool,
    logger,
    registry,
    now: () => NOW_MS,
  });
}

let nextOffset = 0;
/** One delivery: a reading per second per probability, starting `startS` seconds after the asset's first. */
function delivery(assetId: string, startS: number, probabilities: readonly number[]): Buffer {
  const base = NOW_MS - 3_600_000;
  return Buffer.from(
    JSON.stringify(
      probabilities.map((p, i) =>
        toStreamMessage({
          stream: 'telemetry.readings.v1',
          partition: 0,
          offset: (nextOffset += 1),
          key: Buffer.from(assetId),
          value: Buffer.from(
            JSON.stringify(readingJson(NOW_MS, { assetId, toolWearMin: Math.round(p * 100) }, 0)).replace(
              /"recordedAt":\d+/,
              `"recordedAt":${String(base + (startS + i) * SECOND)}`,
            ),
          ),
          timestampMs: NOW_MS,
        }),
      ),
    ),
  );
}

async function episodes(assetId: string): Promise<RowDataPacket[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT episode_id, state, band, opened_at, first_high_at, last_high_at, escalated_at, peak_probability, peak_at,
       peak_modes, peak_explanation, resolved_at, peak_model_id
     FROM alert_episodes WHERE asset_id = ? ORDER BY opened_at`,
    [assetId],
  );
  return rows;
}

async function notifications(assetId: string): Promise<RowDataPacket[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT n.event, n.dedup_key, n.attempts, n.delivered_at FROM alert_notifications n
     JOIN alert_episodes e ON e.episode_id = n.episode_id WHERE e.asset_id = ? ORDER BY n.notification_id`,
    [assetId],
  );
  return rows;
}

async function tables(): Promise<unknown> {
  const read = async (sql: string) => (await db.pool.query<RowDataPacket[]>(sql))[0];
  return {
    episodes: await read('SELECT * FROM alert_episodes ORDER BY episode_id'),
    states: await read('SELECT * FROM alert_asset_states ORDER BY asset_id'),
    notifications: await read('SELECT * FROM alert_notifications ORDER BY notification_id'),
  };
}

describe('alert episodes folded by the ingest function', () => {
  it('opens no episode on a single spike', async () => {
    const handler = newInstance();
    await handler(delivery('EP-SPIKE', 0, [0.2, 0.97, 0.3, 0.2]));
    expect(await episodes('EP-SPIKE')).toEqual([]);
    expect(await notifications('EP-SPIKE')).toEqual([]);
  });

  it('opens one episode after the hold, across batches, with its peak explained, and queues one notification', async () => {
    const handler = newInstance();
    await handler(delivery('EP-OPEN', 0, [0.3, 0.72]));
    expect(await episodes('EP-OPEN')).toEqual([]);
    const result = await handler(delivery('EP-OPEN', 2, [0.65, 0.61, 0.7, 0.66]));
    expect(result.episodesOpened).toBe(1);
    const [episode, ...others] = await episodes('EP-OPEN');
    expect(others).toEqual([]);
    const t = (s: number) => NOW_MS - 3_600_000 + s * SECOND;
    expect(episode).toMatchObject({
      state: 'open',
      band: 'elevated',
      peak_probability: 0.72,
      peak_model_id: 41,
    });
    expect((episode?.['opened_at'] as Date).getTime()).toBe(t(3));
    expect((episode?.['first_high_at'] as Date).getTime()).toBe(t(1));
    expect((episode?.['last_high_at'] as Date).getTime()).toBe(t(5));
    // The peak came from the first batch: the fold read it back to explain it.
    expect((episode?.['peak_at'] as Date).getTime()).toBe(t(1));
    const explanation = episode?.['peak_explanation'] as unknown;
    expect(typeof explanation === 'string' ? JSON.parse(explanation) : explanation).toMatchObject({
      baseLogOdds: -3,
    });
    expect(await notifications('EP-OPEN')).toEqual([
      {
        event: 'open',
        dedup_key: `alert-episode/EP-OPEN~${String(t(3))}/open`,
        attempts: 0,
        delivered_at: null,
      },
    ]);
  });

  it('escalates elevated -> high once and stays one episode, then resolves after the hysteresis time', async () => {
    const handler = newInstance();
    await handler(delivery('EP-ESC', 0, [0.7, 0.7, 0.7, 0.93]));
    const escalated = await handler(delivery('EP-ESC', 4, [0.95, 0.91, 0.99, 0.8]));
    expect(escalated.episodesEscalated).toBe(1);
    const all = await episodes('EP-ESC');
    expect(all).toHaveLength(1);
    let episode = all[0];
    expect(episode).toMatchObject({ state: 'open', band: 'high', peak_probability: 0.99, peak_modes: 'TWF' });
    expect((await notifications('EP-ESC')).map((n) => n['event'])).toEqual(['open', 'escalate']);

    // Below 0.5 for less than 5 s, then a reading between the thresholds: still open.
    await handler(delivery('EP-ESC', 8, [0.3, 0.3, 0.3, 0.55, 0.3, 0.2]));
    [episode] = await episodes('EP-ESC');
    expect(episode?.['state']).toBe('open');
    const resolved = await handler(delivery('EP-ESC', 14, [0.2, 0.2, 0.1, 0.1, 0.1]));
    expect(resolved.episodesResolved).toBe(1);
    [episode] = await episodes('EP-ESC');
    expect(episode?.['state']).toBe('resolved');
    expect((episode?.['resolved_at'] as Date).getTime()).toBe(NOW_MS - 3_600_000 + 17 * SECOND);
    expect(await notifications('EP-ESC')).toHaveLength(2);
  });

  it('carries on from the state in MySQL when a new instance takes over in the middle of a hold and an episode', async () => {
    await newInstance()(delivery('EP-RESTART', 0, [0.8, 0.8]));
    // A cold start: the hold continues where the first instance left it.
    const second = await newInstance()(delivery('EP-RESTART', 2, [0.8]));
    expect(second.episodesOpened).toBe(1);
    // Another one, in the middle of the episode: still one episode, and it resolves as usual.
    await newInstance()(delivery('EP-RESTART', 3, [0.9, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]));
    const rows = await episodes('EP-RESTART');
    expect(rows.map((r) => r['state'])).toEqual(['resolved']);
    expect(rows[0]?.['peak_probability']).toBe(0.9);
  });

  it('changes nothing when a batch is delivered again, or when older readings arrive late', async () => {
    const handler = newInstance();
    const batch = delivery('EP-REDELIVER', 0, [0.7, 0.7, 0.7, 0.95]);
    await handler(batch);
    const before = await tables();
    const again = await handler(batch);
    expect(again).toMatchObject({ episodesOpened: 0, episodesEscalated: 0, episodesResolved: 0 });
    // Readings older than the last folded one (out of order) do not move the state either.
    await newInstance()(delivery('EP-REDELIVER', -10, [0.99, 0.99, 0.99, 0.99]));
    expect(await tables()).toEqual(before);
  });
});
