import {
  WINDOW_FEATURE_COUNT,
  WINDOW_FEATURE_NAMES,
  advanceWindow,
  createWindowState,
  generateHistory,
  type LabelledReading,
} from '@lakehouse/domain';
import { upsertReadings } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './feature-vector.js';
import { compileHorizonPart, type HorizonPartJson } from './horizon-scorer.js';
import { serializeArtifact } from './model-artifact.js';
import { activateModel, loadScorer, registerModel } from './model-registry.js';
import { scoreHistory } from './score-history.js';
import { stumpArtifact } from './testing/stump-artifact.js';

const START_MS = Date.UTC(2025, 5, 1);
const OVERSTRAIN_MEAN15 = WINDOW_FEATURE_NAMES.indexOf('overstrainRatioMean15');

/** A horizon part with known answers: the 120-minute risk is high when the 15-reading overstrain mean is. */
const HORIZON: HorizonPartJson = {
  features: [...WINDOW_FEATURE_NAMES],
  alertMinutes: 120,
  horizons: [
    { minutes: 30, given: 120, ensemble: { baseScore: 0, trees: [] } },
    {
      minutes: 120,
      given: null,
      ensemble: {
        baseScore: -2,
        trees: [
          {
            feature: [OVERSTRAIN_MEAN15, -1, -1],
            threshold: [0.5, 0, 0],
            left: [1, -1, -1],
            right: [2, -1, -1],
            value: [0, -2, 4],
          },
        ],
      },
    },
  ],
};

describe('scoreHistory with a horizon part (MariaDB)', () => {
  let db: TestDatabase;
  let modelId: number;
  const history = [
    ...generateHistory({
      seed: 4,
      rows: 3_000,
      assets: 3,
      startMs: START_MS,
      intervalMs: 60_000,
      mode: 'in-time',
    }),
  ];

  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 1 });
    modelId = (
      await registerModel(db.pool, {
        name: 'history-horizon-it',
        algorithm: 'gbdt-logistic',
        parameters: {},
        features: [...FEATURE_NAMES],
        trainingFingerprint: 'c'.repeat(64),
        metrics: {},
        decisionThreshold: 0.5,
        artifact: serializeArtifact({ ...stumpArtifact(), horizon: HORIZON }),
      })
    ).modelId;
    await activateModel(db.pool, modelId);
    await upsertReadings(
      db.pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores a horizon risk per reading from the window features in time order, and each asset’s final state', async () => {
    const scorer = await loadScorer(db.pool, modelId);
    if (scorer === null) throw new Error('the registered model did not load');
    expect(scorer.horizon).not.toBeNull();
    const result = await scoreHistory(db.pool, scorer, { sliceRows: 700 });
    expect(result.scored).toBe(3_000);
    expect(result.horizonScored).toBe(3_000);

    // The same features and risks computed here, asset by asset in time order.
    const expected = compileHorizonPart(HORIZON);
    const byAsset = new Map<string, LabelledReading[]>();
    for (const r of history) byAsset.set(r.assetId, [...(byAsset.get(r.assetId) ?? []), r]);
    const features = new Float64Array(WINDOW_FEATURE_COUNT);
    const [stored] = await db.pool.query<RowDataPacket[]>(
      'SELECT asset_id, recorded_at, risk, horizon_minutes, model_id FROM horizon_risks ORDER BY asset_id, recorded_at',
    );
    expect(stored).toHaveLength(3_000);
    let i = 0;
    for (const [assetId, readings] of [...byAsset].sort(([a], [b]) => a.localeCompare(b))) {
      const state = createWindowState();
      for (const reading of readings.sort((a, b) => a.recordedAt - b.recordedAt)) {
        advanceWindow(state, reading, features, 0);
        const row = stored[i] as RowDataPacket;
        expect([row['asset_id'], (row['recorded_at'] as Date).getTime()]).toEqual([
          assetId,
          reading.recordedAt,
        ]);
        expect(row['risk']).toBeCloseTo(expected.score(features, 0).risk, 12);
        i += 1;
      }
      const [states] = await db.pool.query<RowDataPacket[]>(
        'SELECT last_recorded_at FROM asset_window_states WHERE asset_id = ?',
        [assetId],
      );
      expect((states[0]?.['last_recorded_at'] as Date).getTime()).toBe(readings.at(-1)?.recordedAt);
    }
    expect(new Set(stored.map((r) => r['horizon_minutes']))).toEqual(new Set([120]));
    expect(new Set(stored.map((r) => r['model_id']))).toEqual(new Set([modelId]));
    // Some readings are above the stump's overstrain cut and some below: the risks are not all one value.
    expect(new Set(stored.map((r) => Number(r['risk']).toFixed(6))).size).toBe(2);
  });
});
