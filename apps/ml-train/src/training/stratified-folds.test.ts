import { describe, expect, it } from 'vitest';
import { foldIndexes, stratifiedFolds, stratifiedSplit } from './stratified-folds.js';

const labels = Uint8Array.from({ length: 103 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 11 positives

describe('stratified folds', () => {
  it('gives every fold the same share of positives (±1) and sizes within one row', () => {
    const fold = stratifiedFolds(labels, 5, 1);
    const positives = [0, 0, 0, 0, 0];
    const sizes = [0, 0, 0, 0, 0];
    fold.forEach((f, i) => {
      sizes[f]! += 1;
      positives[f]! += labels[i]!;
    });
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(positives.reduce((a, b) => a + b)).toBe(11);
  });

  it('is reproducible from the seed and differs across seeds', () => {
    expect(stratifiedFolds(labels, 5, 1)).toEqual(stratifiedFolds(labels, 5, 1));
    expect(stratifiedFolds(labels, 5, 1)).not.toEqual(stratifiedFolds(labels, 5, 2));
  });

  it('splits into disjoint train and test parts that cover every row', () => {
    const { train, test } = foldIndexes(stratifiedFolds(labels, 4, 3), 2);
    expect(train.length + test.length).toBe(103);
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(103);
  });

  it('holds out the requested share of each class', () => {
    const { train, heldOut } = stratifiedSplit(labels, 0.2, 7);
    expect([...heldOut].filter((i) => labels[i] === 1)).toHaveLength(2); // round(11 × 0.2)
    expect(heldOut.length).toBe(2 + Math.round(92 * 0.2));
    expect(train.length + heldOut.length).toBe(103);
    expect(() => stratifiedSplit(labels, 1, 7)).toThrow(/heldOutShare/);
    expect(() => stratifiedFolds(labels, 1, 7)).toThrow(/folds/);
  });

  it('splits a million rows (the demo history) without overflowing the call stack', () => {
    const many = new Uint8Array(1_000_000).map((_, i) => (i % 29 === 0 ? 1 : 0));
    const { train, heldOut } = stratifiedSplit(many, 0.2, 7);
    expect(train.length + heldOut.length).toBe(1_000_000);
    expect(heldOut.length).toBe(Math.round(34_483 * 0.2) + Math.round(965_517 * 0.2));
  });
});
