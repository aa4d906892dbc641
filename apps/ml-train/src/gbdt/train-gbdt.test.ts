import { CompiledEnsemble } from '@lakehouse/scoring';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GBDT_PARAMS, trainGbdt, type FeatureMatrix } from './train-gbdt.js';

function matrix(rows: number[][]): FeatureMatrix {
  return { values: Float64Array.from(rows.flat()), rows: rows.length, featureCount: rows[0]!.length };
}

describe('trainGbdt', () => {
  it('finds the exact cut of a one-feature step: threshold midway between the classes', () => {
    const x = matrix([[1], [2], [3], [4], [6], [7], [8], [9]]);
    const y = Uint8Array.of(0, 0, 0, 0, 1, 1, 1, 1);
    const model = trainGbdt(x, y, {
      ...DEFAULT_GBDT_PARAMS,
      trees: 1,
      maxDepth: 1,
      minChildHessian: 0,
      positiveWeight: 1,
    });
    const tree = model.trees[0]!;
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(5);
    // First Newton step from p = 0.5: leaf = −G/(H+λ)·lr with G = ±4·0.5, H = 4·0.25, λ = 1.
    expect(tree.value[1]).toBeCloseTo((2 / 2) * -DEFAULT_GBDT_PARAMS.learningRate, 12);
    expect(tree.value[2]).toBeCloseTo((2 / 2) * DEFAULT_GBDT_PARAMS.learningRate, 12);
    expect(model.baseScore).toBe(0);
  });

  it('learns an interaction of two conditions (like HDF: low ΔT and low speed) with depth 2', () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const a = i % 2;
      const b = Math.floor(i / 2) % 2;
      rows.push([a + (i % 7) * 0.01, b + (i % 5) * 0.01]);
      labels.push(a & b);
    }
    const model = trainGbdt(matrix(rows), Uint8Array.from(labels), {
      ...DEFAULT_GBDT_PARAMS,
      trees: 40,
      learningRate: 0.3,
      maxDepth: 2,
      positiveWeight: 1,
    });
    const compiled = new CompiledEnsemble(model, 2);
    expect(compiled.probability(Float64Array.of(1, 1))).toBeGreaterThan(0.9);
    expect(compiled.probability(Float64Array.of(0, 1))).toBeLessThan(0.1);
    expect(compiled.probability(Float64Array.of(1, 0))).toBeLessThan(0.1);
    expect(compiled.probability(Float64Array.of(0, 0))).toBeLessThan(0.1);
  });

  it('removes the class-weight prior shift: an unsplittable set scores its true base rate', () => {
    // One constant feature: no split is possible, so the model is the prior, 1 failure in 10.
    const x = matrix(Array.from({ length: 10 }, () => [1]));
    const y = Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (const positiveWeight of [1, 9, 30]) {
      const model = trainGbdt(x, y, { ...DEFAULT_GBDT_PARAMS, trees: 5, positiveWeight });
      expect(new CompiledEnsemble(model, 1).probability(Float64Array.of(1))).toBeCloseTo(0.1, 6);
    }
  });

  it('is deterministic: same data, parameters and seed give the same model, also with row subsampling', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3), i % 3]);
    const y = Uint8Array.from(rows, (r) => (r[0]! + r[1]! > 0.8 ? 1 : 0));
    const params = { ...DEFAULT_GBDT_PARAMS, trees: 10, rowSubsample: 0.7 };
    expect(trainGbdt(matrix(rows), y, params)).toEqual(trainGbdt(matrix(rows), y, params));
    expect(trainGbdt(matrix(rows), y, { ...params, seed: 2 })).not.toEqual(
      trainGbdt(matrix(rows), y, params),
    );
  });

  it('reports progress after every tree', () => {
    const seen: number[] = [];
    trainGbdt(
      matrix([[0], [1]]),
      Uint8Array.of(0, 1),
      { ...DEFAULT_GBDT_PARAMS, trees: 3, minChildHessian: 0 },
      (p) => seen.push(p.tree),
    );
    expect(seen).toEqual([1, 2, 3]);
  });

  it('refuses bad parameters and mismatched labels', () => {
    const x = matrix([[0], [1]]);
    expect(() => trainGbdt(x, Uint8Array.of(0), DEFAULT_GBDT_PARAMS)).toThrow(/labels/);
    expect(() => trainGbdt(x, Uint8Array.of(0, 1), { ...DEFAULT_GBDT_PARAMS, trees: 0 })).toThrow(/trees/);
    expect(() => trainGbdt(x, Uint8Array.of(0, 1), { ...DEFAULT_GBDT_PARAMS, learningRate: 2 })).toThrow(
      /learningRate/,
    );
  });
});
