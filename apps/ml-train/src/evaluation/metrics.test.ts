import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  chooseF1Threshold,
  classificationMetrics,
  confusionMatrix,
  precisionRecallF1,
  rocAuc,
} from './metrics.js';

// Hand-computed case: 8 rows, 3 positives.
const scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.1];
const labels = [1, 1, 0, 1, 0, 0, 0, 0];

describe('metrics', () => {
  it('counts the confusion matrix at a threshold (score ≥ threshold is a failure)', () => {
    expect(confusionMatrix(scores, labels, 0.6)).toEqual({
      truePositives: 3,
      falsePositives: 1,
      trueNegatives: 4,
      falseNegatives: 0,
    });
    expect(confusionMatrix(scores, labels, 0.75)).toEqual({
      truePositives: 2,
      falsePositives: 0,
      trueNegatives: 5,
      falseNegatives: 1,
    });
  });

  it('computes precision 3/4, recall 1, F1 6/7', () => {
    const m = precisionRecallF1(confusionMatrix(scores, labels, 0.6));
    expect(m.precision).toBe(0.75);
    expect(m.recall).toBe(1);
    expect(m.f1).toBeCloseTo(6 / 7, 12);
  });

  it('reports 0, not NaN, when nothing is predicted', () => {
    expect(
      precisionRecallF1({ truePositives: 0, falsePositives: 0, trueNegatives: 5, falseNegatives: 2 }),
    ).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('computes ROC AUC 14/15: one of the 15 positive-negative pairs is inverted', () => {
    expect(rocAuc(scores, labels)).toBeCloseTo(14 / 15, 12);
  });

  it('counts tied scores as half in ROC AUC', () => {
    expect(rocAuc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(rocAuc([0.5, 0.5, 0.2], [1, 0, 0])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.1, 0.2], [0, 0])).toBeNaN();
  });

  it('computes average precision (1 + 1 + 3/4) / 3', () => {
    expect(averagePrecision(scores, labels)).toBeCloseTo((1 + 1 + 0.75) / 3, 12);
    expect(averagePrecision([0.3, 0.2], [0, 0])).toBeNaN();
  });

  it('chooses the threshold with the best F1 midway to the next score', () => {
    // Best F1 (6/7) is reached at score 0.6; the next lower score is 0.55.
    expect(chooseF1Threshold(scores, labels)).toBeCloseTo(0.575, 12);
    // Perfect separation: the cut falls between the lowest positive and the highest negative.
    expect(chooseF1Threshold([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBeCloseTo(0.5, 12);
  });

  it('reports recall per failure mode and null for a mode that never occurs', () => {
    const m = classificationMetrics(
      scores,
      labels,
      [['HDF'], ['PWF', 'OSF'], [], ['TWF'], [], [], [], []],
      0.75,
    );
    expect(m.modeRecall).toEqual({ TWF: 0, HDF: 1, PWF: 1, OSF: 1, RNF: null });
    expect(m.modeCounts.TWF).toBe(1);
    expect(m).toMatchObject({ rows: 8, positives: 3, threshold: 0.75, precision: 1, recall: 2 / 3 });
  });
});
