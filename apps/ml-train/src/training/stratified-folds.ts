import { createSeededRandom } from '@lakehouse/domain';

/**
 * Assigns each row to one of `folds` folds so that every fold gets the same share of positives (±1 row): positives
 * and negatives are shuffled separately with the seed and dealt round-robin.
 */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  if (!Number.isInteger(folds) || folds < 2)
    throw new RangeError(`folds must be an integer ≥ 2, got ${String(folds)}`);
  const random = createSeededRandom(seed);
  const fold = new Int32Array(labels.length);
  let dealt = 0;
  for (const cls of [1, 0]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i += 1) if ((labels[i] === 1 ? 1 : 0) === cls) members.push(i);
    for (let i = members.length - 1; i > 0; i -= 1) {
      const j = random.nextInt(i + 1);
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    // Continue the round-robin where the positives stopped, so fold sizes also stay within one row.
    for (const row of members) {
      fold[row] = dealt % folds;
      dealt += 1;
    }
  }
  return fold;
}

/** Row indexes of fold `k` (test) and of the other folds (train). */
export function foldIndexes(
  fold: Int32Array,
  k: number,
): { readonly train: Int32Array; readonly test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  fold.forEach((f, i) => (f === k ? test : train).push(i));
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * A stratified split into a training part and a held-out part of about `heldOutShare` of the rows of each class.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  heldOutShare: number,
  seed: number,
): { readonly train: Int32Array; readonly heldOut: Int32Array } {
  if (!(heldOutShare > 0 && heldOutShare < 1)) throw new RangeError('heldOutShare must be in (0, 1)');
  const random = createSeededRandom(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const cls of [1, 0]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i += 1) if ((labels[i] === 1 ? 1 : 0) === cls) members.push(i);
    for (let i = members.length - 1; i > 0; i -= 1) {
      const j = random.nextInt(i + 1);
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    const cut = Math.round(members.length * heldOutShare);
    // A loop, not push(...slice): spreading a million indices overflows the call stack.
    for (let k = 0; k < members.length; k += 1) (k < cut ? heldOut : train).push(members[k] as number);
  }
  const ascending = (a: number, b: number): number => a - b;
  return { train: Int32Array.from(train.sort(ascending)), heldOut: Int32Array.from(heldOut.sort(ascending)) };
}
