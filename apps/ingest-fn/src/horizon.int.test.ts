import {
  WINDOW_FEATURE_COUNT,
  WINDOW_FEATURE_NAMES,
  advanceWindow,
  createWindowState,
  toStreamMessage,
  windowStateToJson,
  type EpisodeSettings,
  type Reading,
} from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestConfig } from './config.js';
import { createIngestHandler, type ModelRegistry } from './create-ingest-handler.js';
import { ingestDelivery, type ActiveModel } from './ingest-delivery.js';
import { readingJson } from './testing/bad-inputs.js';

/*
 * The horizon model through the real function handler and the real tables (ADR 0050). The test's horizon part reads
 * its risk off the reading's overstrain ratio and always expects a failure 30 machine-minutes on, and it records
 * every feature vector it is given, so the test can compare them with one continuous run of libs/domain's window
 * features over the same readings. The per-reading probability is a constant 0.01: an episode can only open on the
 * horizon risk.
 */

const NOW_MS = Date.now();
/** The accelerated demo's pace: one reading (one machine-minute) per asset every 100 ms. */
const INTERVAL_MS = 100;
const BASE_MS = NOW_MS - 3_600_000;
const EXPECTED_MINUTES = 30;
const logger = createLogger({ name: 'horizon-test', level: 'silent' });
const SETTINGS: EpisodeSettings = {
  openThreshold: 0.6,
  resolveThreshold: 0.5,
  hold: { unit: 'readings', readings: 3 },
  resolveAfterMs: 5_000,
};
const OVERSTRAIN = WINDOW_FEATURE_NAMES.indexOf('overstrainRatio');

/** Feature vectors the horizon part was given, in the order it was asked. */
const seen: number[][] = [];
const horizonModel: ActiveModel = {
  modelId: 51,
  probability: () => 0.01,
  horizon: {
    horizonMinutes: 60,
    score(features, offset) {
      seen.push(Array.from(features.subarray(offset, offset + WINDOW_FEATURE_COUNT)));
      return {
        risk: Math.min(1, features[offset + OVERSTRAIN] ?? 0),
        expectedMinutesToFailure: EXPECTED_MINUTES,
      };
    },
  },
};
const registry: ModelRegistry = {
  activeModelId: async () => horizonModel.modelId,
  loadActiveModel: async () => horizonModel,
};

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** A new function instance (a cold start or a restart): nothing but MySQL carries over. */
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

/**
 * Reading `i` of an asset, every 100 ms: torque and wear vary (a tool change at 70), and the machine stops for 3 s
 * after reading 40. The overstrain ratio stays below 0.4, so no episode opens unless `measures` say otherwise.
 */
function reading(
  assetId: string,
  i: number,
  measures: { readonly torqueNm?: number; readonly toolWearMin?: number } = {},
): Reading {
  const json = readingJson(NOW_MS, {
    assetId,
    recordedAt: BASE_MS + i * INTERVAL_MS + (i > 40 ? 3_000 : 0),
    torqueNm: measures.torqueNm ?? 30 + 10 * Math.sin(i / 5),
    toolWearMin: measures.toolWearMin ?? (i < 70 ? 100 + i : i - 70),
  });
  return json as unknown as Reading;
}

/** Overstrain ratio 200 × 45 / 12000 = 0.75 (variant M): a horizon risk above the open threshold. */
const HIGH = { torqueNm: 45, toolWearMin: 200 } as const;
/** Overstrain ratio 3 × 45 / 12000, about 0.01. */
const LOW = { torqueNm: 45, toolWearMin: 3 } as const;

let nextOffset = 0;
function delivery(readings: readonly Reading[]): Buffer {
  return Buffer.from(
    JSON.stringify(
      readings.map((r) =>
        toStreamMessage({
          stream: 'telemetry.readings.v1',
          partition: 0,
          offset: (nextOffset += 1),
          key: Buffer.from(r.assetId),
          value: Buffer.from(JSON.stringify(r)),
          timestampMs: NOW_MS,
        }),
      ),
    ),
  );
}

/** The features and final state of one continuous in-memory run over `readings`. */
function continuousRun(readings: readonly Reading[]) {
  const state = createWindowState();
  const out = new Float64Array(WINDOW_FEATURE_COUNT);
  const features = readings.map((r) => {
    advanceWindow(state, r, out, 0);
    return Array.from(out);
  });
  return { state, features };
}

async function query(sql: string, params: unknown[] = []): Promise<RowDataPacket[]> {
  return (await db.pool.query<RowDataPacket[]>(sql, params))[0];
}

const storedState = async (assetId: string) =>
  (await query('SELECT * FROM asset_window_states WHERE asset_id = ?', [assetId]))[0];
const storedRisks = (assetId: string) =>
  query('SELECT * FROM horizon_risks WHERE asset_id = ? ORDER BY recorded_at', [assetId]);
const stateJson = (row: RowDataPacket | undefined): unknown => {
  const state = row?.['state'] as unknown;
  return typeof state === 'string' ? JSON.parse(state) : state;
};

/**
 * A pool whose statements are counted: each `query` and `execute`, on the pool and on the connections it hands
 * out (transaction control is not a statement of the batch and is not counted).
 */
function countingPool(pool: Pool): { pool: Pool; count: () => number } {
  let statements = 0;
  const counted = <T extends object>(target: T, extra: Record<PropertyKey, unknown> = {}): T =>
    new Proxy(target, {
      get(t, property) {
        if (property in extra) return extra[property];
        const value = Reflect.get(t, property) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'query' || property === 'execute') {
          return (...args: unknown[]) => {
            statements += 1;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(t);
      },
    });
  const wrapped = counted(pool, {
    getConnection: async (): Promise<PoolConnection> => counted(await pool.getConnection()),
  });
  return { pool: wrapped, count: () => statements };
}

describe('the horizon model in the ingest function', () => {
  it('gives the features of one continuous run across deliveries, instances and restarts', async () => {
    const readings = Array.from({ length: 120 }, (_, i) => reading('HZ-RUN', i));
    const expected = continuousRun(readings);
    seen.length = 0;
    // Three deliveries, each on a new instance; the middle one arrives out of order inside itself.
    await newInstance()(delivery(readings.slice(0, 45)));
    await newInstance()(delivery(readings.slice(45, 90).reverse()));
    const last = await newInstance()(delivery(readings.slice(90)));
    expect(last.horizonScored).toBe(30);
    expect(seen).toEqual(expected.features);

    const row = await storedState('HZ-RUN');
    expect((row?.['last_recorded_at'] as Date).getTime()).toBe(readings.at(-1)?.recordedAt);
    expect(row?.['state_version']).toBe(1);
    expect(stateJson(row)).toEqual(JSON.parse(windowStateToJson(expected.state)));
    const risks = await storedRisks('HZ-RUN');
    expect(risks).toHaveLength(120);
    expect(risks.map((r) => r['risk'])).toEqual(
      expected.features.map((f) => Math.min(1, f[OVERSTRAIN] ?? 0)),
    );
    expect(risks[0]).toMatchObject({ model_id: 51, horizon_minutes: 60, expected_minutes_to_failure: 30 });
  });

  it('neither advances a state twice nor duplicates risks when a delivery comes again', async () => {
    const readings = Array.from({ length: 60 }, (_, i) => reading('HZ-AGAIN', i));
    const handler = newInstance();
    await handler(delivery(readings.slice(0, 30)));
    const batch = delivery(readings.slice(30));
    await handler(batch);
    const before = { state: await storedState('HZ-AGAIN'), risks: await storedRisks('HZ-AGAIN') };
    const again = await newInstance()(batch);
    expect(again).toMatchObject({ stored: 30, horizonScored: 30, episodesOpened: 0 });
    expect(await storedState('HZ-AGAIN')).toEqual(before.state);
    expect(await storedRisks('HZ-AGAIN')).toEqual(before.risks);
    expect(stateJson(before.state)).toEqual(JSON.parse(windowStateToJson(continuousRun(readings).state)));
    // The next delivery carries on as if the batch had come once.
    seen.length = 0;
    const next = Array.from({ length: 5 }, (_, i) => reading('HZ-AGAIN', 60 + i));
    await handler(delivery(next));
    expect(seen).toEqual(continuousRun([...readings, ...next]).features.slice(60));
  });

  it('leaves the state and the risks as they were when the delivery rolls back', async () => {
    await newInstance()(delivery(Array.from({ length: 5 }, (_, i) => reading('HZ-RB', i))));
    const before = { state: await storedState('HZ-RB'), risks: await storedRisks('HZ-RB') };
    // The fold, after states and risks are written, fails: explaining the new episode's peak throws.
    const broken: ActiveModel = {
      ...horizonModel,
      explain: () => {
        throw new Error('explainer broke');
      },
    };
    const failed = await ingestDelivery(
      delivery(Array.from({ length: 5 }, (_, i) => reading('HZ-RB', 5 + i, HIGH))),
      {
        pool: db.pool,
        logger,
        now: () => NOW_MS,
        activeModel: async () => broken,
        episodes: { settings: SETTINGS, knownStates: new Set() },
      },
    ).catch((e: unknown) => e);
    expect(failed).toMatchObject({ cause: { message: 'explainer broke' } });
    expect(await storedState('HZ-RB')).toEqual(before.state);
    expect(await storedRisks('HZ-RB')).toEqual(before.risks);
  });

  it('opens an episode on the horizon risk, with score kind horizon and the expected failure time', async () => {
    const readings = [LOW, LOW, HIGH, HIGH, HIGH, HIGH, LOW].map((m, i) => reading('HZ-EPISODE', i, m));
    const result = await newInstance()(delivery(readings));
    expect(result.episodesOpened).toBe(1);
    const [episode, ...others] = await query('SELECT * FROM alert_episodes WHERE asset_id = ?', [
      'HZ-EPISODE',
    ]);
    expect(others).toEqual([]);
    const risks = await storedRisks('HZ-EPISODE');
    const peak = Math.max(...risks.map((r) => Number(r['risk'])));
    expect(peak).toBe(0.75);
    expect(episode).toMatchObject({ state: 'open', score_kind: 'horizon', peak_probability: peak });
    const lastHighAt = readings[5]?.recordedAt ?? NaN;
    expect((episode?.['last_high_at'] as Date).getTime()).toBe(lastHighAt);
    // 30 machine-minutes at this asset's pace of one reading every 100 ms: 3 s after the last high reading.
    expect((episode?.['expected_failure_at'] as Date).getTime()).toBe(
      lastHighAt + EXPECTED_MINUTES * INTERVAL_MS,
    );
    // Its work order is due when the failure is expected (as of the batch that opened the episode), not now.
    const [order] = await query('SELECT due_at, reason FROM work_orders WHERE episode_id = ?', [
      episode?.['episode_id'],
    ]);
    expect((order?.['due_at'] as Date).getTime()).toBe((episode?.['expected_failure_at'] as Date).getTime());
    expect(String(order?.['reason'])).toContain('failure expected');
    // The per-reading probability (0.01) alone would have opened nothing.
    const [probabilities] = await db.pool.query<RowDataPacket[]>(
      'SELECT MAX(failure_probability) AS p FROM readings WHERE asset_id = ?',
      ['HZ-EPISODE'],
    );
    expect(probabilities[0]?.['p']).toBe(0.01);
  });

  it('costs three statements per delivery with a horizon part and none without, nor any state row', async () => {
    const withoutHorizon: ActiveModel = { modelId: 52, probability: () => 0.01 };
    const run = async (model: ActiveModel, assetId: string): Promise<number> => {
      const counting = countingPool(db.pool);
      await ingestDelivery(delivery(Array.from({ length: 20 }, (_, i) => reading(assetId, i))), {
        pool: counting.pool,
        logger,
        now: () => NOW_MS,
        activeModel: async () => model,
        episodes: { settings: SETTINGS, knownStates: new Set() },
      });
      return counting.count();
    };
    const plain = await run(withoutHorizon, 'HZ-COST-PLAIN');
    const horizon = await run(horizonModel, 'HZ-COST-HORIZON');
    // Read the states, store the risks, store the states.
    expect(horizon - plain).toBe(3);
    expect(await storedState('HZ-COST-PLAIN')).toBeUndefined();
    expect(await storedRisks('HZ-COST-PLAIN')).toEqual([]);
    expect(await storedState('HZ-COST-HORIZON')).toBeDefined();
  });
});
