import { describe, expect, it } from 'vitest';
import { CompiledEnsemble, logistic, type TreeEnsembleJson } from './tree-ensemble.js';

// Two hand-built trees over 2 features. Tree 0 splits x0 < 5, then x1 < 1 on the right; tree 1 is a stump on x1.
const ensemble: TreeEnsembleJson = {
  baseScore: -1,
  trees: [
    {
      feature: [0, -1, 1, -1, -1],
      threshold: [5, 0, 1, 0, 0],
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      value: [0.1, -0.5, 0.6, 0.2, 1.4],
    },
    {
      feature: [1, -1, -1],
      threshold: [2, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, -0.25, 0.75],
    },
  ],
};

describe('CompiledEnsemble', () => {
  const compiled = new CompiledEnsemble(ensemble, 2);

  it('adds the base score and one leaf per tree', () => {
    expect(compiled.logOdds(Float64Array.of(1, 0))).toBeCloseTo(-1 - 0.5 - 0.25, 12);
    expect(compiled.logOdds(Float64Array.of(7, 0.5))).toBeCloseTo(-1 + 0.2 - 0.25, 12);
    expect(compiled.logOdds(Float64Array.of(5, 3))).toBeCloseTo(-1 + 1.4 + 0.75, 12);
    expect(compiled.probability(Float64Array.of(5, 3))).toBeCloseTo(1 / (1 + Math.exp(-1.15)), 12);
  });

  it('reads a row of a larger matrix at an offset', () => {
    expect(compiled.logOdds(Float64Array.of(99, 99, 5, 3), 2)).toBeCloseTo(1.15, 12);
  });

  it('attributes each split to its feature and the parts add up to the log-odds', () => {
    const out = new Float64Array(2);
    const logOdds = compiled.contributions(Float64Array.of(7, 3), out);
    // Tree 0: root 0.1 → right 0.6 (x0 +0.5) → right 1.4 (x1 +0.8); tree 1: root 0 → right 0.75 (x1 +0.75).
    expect(out[0]).toBeCloseTo(0.5, 12);
    expect(out[1]).toBeCloseTo(1.55, 12);
    expect(compiled.bias).toBeCloseTo(-0.9, 12);
    expect(logOdds).toBeCloseTo(compiled.logOdds(Float64Array.of(7, 3)), 12);
    expect(compiled.bias + out[0]! + out[1]!).toBeCloseTo(logOdds, 12);
  });

  it('refuses malformed trees: bad feature index, cyclic children, ragged arrays', () => {
    const tree = ensemble.trees[0]!;
    expect(
      () => new CompiledEnsemble({ baseScore: 0, trees: [{ ...tree, feature: [2, -1, 1, -1, -1] }] }, 2),
    ).toThrow(/feature 2 out of range/);
    expect(
      () => new CompiledEnsemble({ baseScore: 0, trees: [{ ...tree, left: [0, -1, 3, -1, -1] }] }, 2),
    ).toThrow(/children/);
    expect(() => new CompiledEnsemble({ baseScore: 0, trees: [{ ...tree, value: [0] }] }, 2)).toThrow(
      /value has 1 entries/,
    );
    expect(() => new CompiledEnsemble({ baseScore: Number.NaN, trees: [] }, 2)).toThrow(/baseScore/);
  });

  it('clamps the logistic function at the extremes', () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(1000)).toBe(1);
    expect(logistic(-1000)).toBe(0);
  });
});
