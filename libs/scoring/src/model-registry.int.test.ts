import { generateHistory } from '@lakehouse/domain';
import { upsertReadings } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './feature-vector.js';
import { serializeArtifact } from './model-artifact.js';
import {
  activateModel,
  activeModelId,
  getModel,
  listModels,
  loadActiveScorer,
  loadScorer,
  registerModel,
  type ModelRegistration,
} from './model-registry.js';
import { scoreReadingsTable } from './score-readings-table.js';
import { readLabelledReadings } from './read-labelled-readings.js';
import { openTestDatabase } from '@lakehouse/sql/testing';
import { stumpArtifact } from './testing/stump-artifact.js';

const registration: ModelRegistration = {
  name: 'it-model',
  algorithm: 'gbdt-logistic',
  parameters: { trees: 2, seed: 1 },
  features: [...FEATURE_NAMES],
  trainingFingerprint: 'a'.repeat(64),
  metrics: { validation: { f1: 0.9 } },
  decisionThreshold: 0.5,
  artifact: serializeArtifact(stumpArtifact()),
};

describe('model registry and batch scoring (MariaDB)', () => {
  let db: { pool: Pool; close(): Promise<void> };

  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 3 });
  });
  afterAll(async () => {
    await db.close();
  });

  it('has no active model in an empty registry', async () => {
    expect(await activeModelId(db.pool)).toBeNull();
    expect(await loadActiveScorer(db.pool)).toBeNull();
  });

  it('numbers versions per name and keeps exactly one model active', async () => {
    const first = await registerModel(db.pool, registration);
    const second = await registerModel(db.pool, { ...registration, decisionThreshold: 0.4 });
    const other = await registerModel(db.pool, { ...registration, name: 'other' });
    expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);

    await activateModel(db.pool, first.modelId);
    expect(await activeModelId(db.pool)).toBe(first.modelId);
    await activateModel(db.pool, second.modelId);
    expect(await activeModelId(db.pool)).toBe(second.modelId);
    const active = (await listModels(db.pool)).filter((m) => m.isActive);
    expect(active.map((m) => m.modelId)).toEqual([second.modelId]);

    const scorer = await loadActiveScorer(db.pool);
    expect(scorer).toMatchObject({ modelId: second.modelId, name: 'it-model', version: 2, threshold: 0.4 });
    const stored = await getModel(db.pool, second.modelId);
    expect(stored).toMatchObject({
      parameters: registration.parameters,
      features: [...FEATURE_NAMES],
      metrics: registration.metrics,
      hasArtifact: true,
    });
  });

  it('refuses to activate a model that does not exist and keeps the active one', async () => {
    const before = await activeModelId(db.pool);
    await expect(activateModel(db.pool, 999_999)).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(await activeModelId(db.pool)).toBe(before);
  });

  it('says clearly that a HeatWave-only model cannot be scored in-process', async () => {
    const { modelId } = await registerModel(db.pool, {
      ...registration,
      name: 'automl',
      algorithm: 'heatwave-automl',
      artifact: null,
      heatwaveModelHandle: 'h1',
    });
    await expect(loadScorer(db.pool, modelId)).rejects.toMatchObject({ code: 'MODEL_UNSUPPORTED' });
  });

  it('scores every reading into predictions and copies the probability onto the readings', async () => {
    const readings = [
      ...generateHistory({ seed: 5, rows: 1_234, startMs: Date.UTC(2024, 0, 1), intervalMs: 60_000 }),
    ];
    await upsertReadings(
      db.pool,
      readings.map((reading) => ({ reading, source: 'bulk' as const })),
    );
    const scorer = await loadActiveScorer(db.pool);
    const progress: number[] = [];
    const result = await scoreReadingsTable(db.pool, scorer!, {
      batchSize: 500,
      onProgress: (n) => progress.push(n),
    });
    expect(result.scored).toBe(1_234);
    expect(progress).toEqual([500, 1_000, 1_234]);

    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n, SUM(predicted_failure) AS failures FROM predictions WHERE model_id = ?',
      [scorer!.modelId],
    );
    expect(Number(rows[0]!['n'])).toBe(1_234);
    expect(Number(rows[0]!['failures'])).toBe(result.predictedFailures);
    // The stump model flags exactly the low-power readings: compare with the probability computed in-process.
    const expected = readings.filter((r) => scorer!.probability(r) >= scorer!.threshold).length;
    expect(result.predictedFailures).toBe(expected);

    const [lowPower] = await db.pool.query<RowDataPacket[]>(
      "SELECT p.predicted_modes, p.explanation, r.failure_probability, r.model_id FROM predictions p JOIN readings r USING (asset_id, recorded_at) WHERE p.predicted_failure = 1 AND p.predicted_modes = 'PWF' LIMIT 1",
    );
    expect(expected).toBeGreaterThan(0);
    expect(lowPower[0]!['model_id']).toBe(scorer!.modelId);
    expect(lowPower[0]!['failure_probability']).toBeGreaterThanOrEqual(0.5);
    const raw = lowPower[0]!['explanation'] as unknown;
    const explanation = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      drivers: { feature: string }[];
    };
    expect(explanation.drivers[0]!.feature).toBe('powerW');
    const [unscored] = await db.pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM readings WHERE failure_probability IS NULL',
    );
    expect(Number(unscored[0]!['n'])).toBe(0);

    // Scoring again replaces, never duplicates.
    await scoreReadingsTable(db.pool, scorer!, { batchSize: 2_000 });
    const [again] = await db.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM predictions');
    expect(Number(again[0]!['n'])).toBe(1_234);
  });

  it('reads the labelled history back as LabelledReadings', async () => {
    const readings = await readLabelledReadings(db.pool, { batchSize: 400 });
    expect(readings).toHaveLength(1_234);
    expect(readings[0]!.labels).toBeDefined();
    expect(readings.filter((r) => r.labels.machineFailure).length).toBeGreaterThan(0);
  });

  it('reads only about the newest N labelled readings when asked, still paged in key order', async () => {
    const all = await readLabelledReadings(db.pool, { batchSize: 400 });
    const newest = await readLabelledReadings(db.pool, { batchSize: 97, newest: 300 });
    const cutoff = [...all.map((r) => r.recordedAt)].sort((a, b) => b - a)[299] ?? 0;
    const expected = all.filter((r) => r.recordedAt >= cutoff);
    expect(newest.length).toBeGreaterThanOrEqual(300);
    expect(newest.map((r) => `${r.assetId}@${String(r.recordedAt)}`)).toEqual(
      expected.map((r) => `${r.assetId}@${String(r.recordedAt)}`),
    );
  });
});
