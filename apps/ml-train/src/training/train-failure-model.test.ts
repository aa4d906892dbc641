import { generateHistory } from '@lakehouse/domain';
import { createScorer, parseArtifact, serializeArtifact } from '@lakehouse/scoring';
import { describe, expect, it } from 'vitest';
import { buildDataset, datasetFingerprint } from './labelled-dataset.js';
import {
  crossValidate,
  DEFAULT_TRAINING_PARAMS,
  scoreDataset,
  trainFailureModel,
  type TrainingEvent,
} from './train-failure-model.js';
import { classificationMetrics } from '../evaluation/metrics.js';

const history = (seed: number, rows: number) => [
  ...generateHistory({ seed, rows, startMs: Date.UTC(2024, 0, 1), intervalMs: 60_000 }),
];
// Smaller ensembles keep the unit test fast; the bench measures the defaults at full size.
const params = {
  ...DEFAULT_TRAINING_PARAMS,
  failure: { ...DEFAULT_TRAINING_PARAMS.failure, trees: 25 },
  mode: { ...DEFAULT_TRAINING_PARAMS.mode, trees: 10 },
};

describe('trainFailureModel', () => {
  const train = buildDataset(history(101, 15_000));
  const events: TrainingEvent[] = [];
  const model = trainFailureModel(train, params, (e) => events.push(e));

  it('separates failures on a fresh generated set (F1 ≥ 0.85 even with small ensembles)', () => {
    const test = buildDataset(history(202, 10_000));
    const metrics = classificationMetrics(
      scoreDataset(model.artifact.failure, test),
      test.labels,
      test.modes,
      model.threshold,
    );
    expect(metrics.f1).toBeGreaterThanOrEqual(0.85);
    expect(metrics.modeRecall.PWF).toBeGreaterThan(0.9);
    expect(metrics.modeRecall.OSF).toBeGreaterThan(0.9);
    expect(metrics.modeRecall.HDF).toBeGreaterThan(0.9);
  });

  it('trains one model per learnable mode, chooses a threshold and reports progress', () => {
    expect(Object.keys(model.artifact.modes).sort()).toEqual(['HDF', 'OSF', 'PWF', 'TWF']);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(events.filter((e) => e.kind === 'tree' && e.model === 'failure')).toHaveLength(25);
    expect(events.at(-1)).toMatchObject({ kind: 'threshold' });
    // Positives and negatives are each rounded to 20 %, so the validation part is 3 000 rows ± 1.
    expect(Math.abs(model.validation.rows - 3_000)).toBeLessThanOrEqual(1);
  });

  it('explains generated failures by their labelled mode', () => {
    const scorer = createScorer(
      { modelId: 0, name: 't', version: 1, threshold: model.threshold },
      parseArtifact(serializeArtifact(model.artifact)),
    );
    const failures = history(303, 5_000).filter((r) => r.labels.PWF || r.labels.HDF || r.labels.OSF);
    let agree = 0;
    for (const r of failures) {
      const e = scorer.explain(r);
      if (e.modes.some((m) => r.labels[m as 'PWF' | 'HDF' | 'OSF'])) agree += 1;
    }
    expect(agree / failures.length).toBeGreaterThan(0.9);
  });

  it('is reproducible: same data and parameters give the same artifact, threshold and fingerprint', () => {
    const small = buildDataset(history(7, 3_000));
    const a = trainFailureModel(small, params);
    const b = trainFailureModel(small, params);
    expect(serializeArtifact(a.artifact).equals(serializeArtifact(b.artifact))).toBe(true);
    expect(a.threshold).toBe(b.threshold);
    expect(a.trainingFingerprint).toBe(datasetFingerprint(small));
    expect(a.trainingFingerprint).not.toBe(datasetFingerprint(buildDataset(history(8, 3_000))));
  });

  it('cross-validates with stratified folds', () => {
    const seen: number[] = [];
    const cv = crossValidate(
      buildDataset(history(9, 6_000)),
      3,
      params,
      (e) => e.kind === 'fold' && seen.push(e.fold),
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(cv.folds).toHaveLength(3);
    expect(cv.mean.f1).toBeGreaterThan(0.7);
  });

  it('refuses data without failures', () => {
    const healthy = history(11, 500).filter((r) => !r.labels.machineFailure);
    expect(() => trainFailureModel(buildDataset(healthy), params)).toThrow(/failures and healthy rows/);
  });
});
