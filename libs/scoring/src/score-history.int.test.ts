import { generateHistory } from '@lakehouse/domain';
import { HOUR_MS, upsertReadings } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './feature-vector.js';
import { serializeArtifact } from './model-artifact.js';
import { activateModel, loadScorer, registerModel } from './model-registry.js';
import { scoreHistory, type ScoreHistoryProgress } from './score-history.js';
import { stumpArtifact } from './testing/stump-artifact.js';

const START_MS = Date.UTC(2025, 5, 1);

describe('scoreHistory (MariaDB)', () => {
  let db: TestDatabase;
  let modelId: number;
  let olderModelId: number;
  const history = [
    ...generateHistory({ seed: 9, rows: 2_000, assets: 7, startMs: START_MS, intervalMs: 60_000 }),
  ];

  beforeAll(async () => {
    // One connection: the one scoreHistory borrows is the one the checks below run on.
    db = await openTestDatabase({ poolSize: 1 });
    // The demo's schema defaults to utf8mb4_unicode_ci while the tables are created with utf8mb4's own default: the
    // scratch table must compare with readings whatever the schema's default (it failed the demo once).
    await db.pool.query(`ALTER DATABASE \`${db.connection.database}\` COLLATE utf8mb4_unicode_ci`);
    const model = {
      name: 'history-it',
      algorithm: 'gbdt-logistic',
      parameters: {},
      features: [...FEATURE_NAMES],
      trainingFingerprint: 'b'.repeat(64),
      metrics: {},
      decisionThreshold: 0.5,
      artifact: serializeArtifact(stumpArtifact()),
    };
    olderModelId = (await registerModel(db.pool, model)).modelId;
    modelId = (await registerModel(db.pool, model)).modelId;
    await activateModel(db.pool, modelId);
    // The bulk history unscored; then the first 100 readings as if an older model had scored them, and the last
    // 100 as if the active one had (with a marker probability that must stay).
    await upsertReadings(
      db.pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
    await upsertReadings(
      db.pool,
      history.slice(0, 100).map((reading) => ({
        reading,
        source: 'bulk' as const,
        failureProbability: 0.123,
        modelId: olderModelId,
      })),
    );
    await upsertReadings(
      db.pool,
      history.slice(-100).map((reading) => ({
        reading,
        source: 'stream' as const,
        failureProbability: 0.456,
        modelId,
      })),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives every reading the active model has not scored its probability and model id, slice by slice', async () => {
    const scorer = await loadScorer(db.pool, modelId);
    const progress: ScoreHistoryProgress[] = [];
    const result = await scoreHistory(db.pool, scorer, {
      sliceRows: 333,
      onProgress: (p) => progress.push(p),
    });
    expect(result.scored).toBe(1_900);
    expect(result.slices).toBe(6);
    expect(progress.at(0)).toEqual({ scored: 333, toScore: 1_900 });
    expect(progress.at(-1)).toEqual({ scored: 1_900, toScore: 1_900 });

    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT asset_id, recorded_at, failure_probability, model_id FROM readings ORDER BY asset_id, recorded_at',
    );
    expect(rows).toHaveLength(2_000);
    const byKey = new Map(
      rows.map((r) => [`${String(r['asset_id'])}@${(r['recorded_at'] as Date).getTime()}`, r]),
    );
    const kept = new Set(history.slice(-100).map((r) => `${r.assetId}@${r.recordedAt}`));
    for (const reading of history) {
      const row = byKey.get(`${reading.assetId}@${reading.recordedAt}`);
      expect(row?.['model_id']).toBe(modelId);
      const expected = kept.has(`${reading.assetId}@${reading.recordedAt}`)
        ? 0.456
        : scorer.probability(reading);
      expect(Number(row?.['failure_probability'])).toBeCloseTo(expected, 12);
    }
    // The hours it changed: every hour of the history but those holding only the readings it kept.
    const changed = new Set(
      history
        .filter((r) => !kept.has(`${r.assetId}@${r.recordedAt}`))
        .map((r) => Math.floor(r.recordedAt / HOUR_MS) * HOUR_MS),
    );
    expect(result.hourStartsMs).toEqual([...changed].sort((a, b) => a - b));
  });

  it('leaves no scratch table on the connection it gives back, and finds nothing to do on a second run', async () => {
    await expect(db.pool.query('SELECT COUNT(*) FROM history_scores')).rejects.toMatchObject({ errno: 1146 });
    const scorer = await loadScorer(db.pool, modelId);
    expect(await scoreHistory(db.pool, scorer)).toEqual({
      scored: 0,
      horizonScored: 0,
      slices: 0,
      hourStartsMs: [],
    });
  });

  it('refuses a slice size outside 1..20000', async () => {
    const scorer = await loadScorer(db.pool, modelId);
    await expect(scoreHistory(db.pool, scorer, { sliceRows: 0 })).rejects.toThrow(/sliceRows must be/);
  });
});
