import { createSeededRandom } from '@lakehouse/domain';
import type { TreeEnsembleJson, TreeJson } from '@lakehouse/scoring';

/** Hyper-parameters of {@link trainGbdt}. Recorded in the registry with the model. */
export interface GbdtParams {
  /** Boosting rounds (trees). */
  readonly trees: number;
  /** Shrinkage applied to every leaf. */
  readonly learningRate: number;
  /** Maximum depth of a tree (root = depth 0). */
  readonly maxDepth: number;
  /** A child must carry at least this sum of hessians (XGBoost's min_child_weight). */
  readonly minChildHessian: number;
  /** L2 regularisation of leaf values (XGBoost's lambda). */
  readonly l2: number;
  /** A split must improve the objective by more than this (XGBoost's gamma). */
  readonly minGain: number;
  /**
   * Weight of a positive row relative to a negative one, against the class imbalance. The prior shift it causes is
   * removed from the base score after training, so probabilities stay calibrated to the unweighted data.
   */
  readonly positiveWeight: number;
  /** Share of rows each tree sees, drawn per tree from `seed` (1 = all rows). */
  readonly rowSubsample: number;
  /** Seed of the row subsampling: same data, same parameters, same seed → the same model, bit for bit. */
  readonly seed: number;
}

/** Defaults chosen on generated data (see the ADR 0015); recorded with every model. */
export const DEFAULT_GBDT_PARAMS: GbdtParams = Object.freeze({
  trees: 120,
  learningRate: 0.15,
  maxDepth: 5,
  minChildHessian: 0.5,
  l2: 1,
  minGain: 1e-6,
  positiveWeight: 5,
  rowSubsample: 1,
  seed: 20_240_101,
});

/** Rows × features, row-major: `values[row * featureCount + feature]`. */
export interface FeatureMatrix {
  readonly values: Float64Array;
  readonly rows: number;
  readonly featureCount: number;
}

/** Progress of one training run, reported after each tree. */
export interface GbdtProgress {
  readonly tree: number;
  readonly trees: number;
}

/**
 * Presorted columns: per feature, the row indexes ordered by value and the values in that order, so split search
 * is one sequential pass per feature and level (XGBoost's exact greedy algorithm).
 */
export interface SortedColumns {
  readonly rows: number;
  readonly order: readonly Int32Array[];
  readonly sorted: readonly Float64Array[];
  readonly columns: readonly Float64Array[];
}

/** Presorts a matrix once, so that several models trained on the same rows (failure, modes) share the work. */
export function sortColumns(matrix: FeatureMatrix): SortedColumns {
  const { rows, featureCount, values } = matrix;
  const columns: Float64Array[] = [];
  const order: Int32Array[] = [];
  const sorted: Float64Array[] = [];
  for (let f = 0; f < featureCount; f += 1) {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i += 1) column[i] = values[i * featureCount + f] as number;
    const idx = new Int32Array(rows);
    for (let i = 0; i < rows; i += 1) idx[i] = i;
    // Ties are broken by row index, so the order (and hence the model) never depends on the sort's stability.
    idx.sort((a, b) => (column[a] as number) - (column[b] as number) || a - b);
    const inOrder = new Float64Array(rows);
    for (let k = 0; k < rows; k += 1) inOrder[k] = column[idx[k] as number] as number;
    columns.push(column);
    order.push(idx);
    sorted.push(inOrder);
  }
  return { rows, order, sorted, columns };
}

function assertParams(params: GbdtParams): void {
  const positiveInt = (name: string, v: number, max: number): void => {
    if (!Number.isInteger(v) || v < 1 || v > max)
      throw new RangeError(`${name} must be an integer in 1..${String(max)}, got ${String(v)}`);
  };
  positiveInt('trees', params.trees, 10_000);
  positiveInt('maxDepth', params.maxDepth, 16);
  if (!(params.learningRate > 0 && params.learningRate <= 1))
    throw new RangeError('learningRate must be in (0, 1]');
  if (!(params.rowSubsample > 0 && params.rowSubsample <= 1))
    throw new RangeError('rowSubsample must be in (0, 1]');
  if (!(params.positiveWeight > 0)) throw new RangeError('positiveWeight must be > 0');
  if (!(params.l2 >= 0) || !(params.minChildHessian >= 0) || !(params.minGain >= 0)) {
    throw new RangeError('l2, minChildHessian and minGain must be ≥ 0');
  }
}

/**
 * Trains a binary gradient-boosted tree ensemble (logistic loss, second-order leaves, exact greedy level-wise split
 * search on presorted columns). Labels are 0/1. Deterministic for a given input and seed.
 */
export function trainGbdt(
  matrix: FeatureMatrix,
  labels: Uint8Array,
  params: GbdtParams = DEFAULT_GBDT_PARAMS,
  onProgress?: (progress: GbdtProgress) => void,
  presorted?: SortedColumns,
): TreeEnsembleJson {
  assertParams(params);
  const { rows: n, featureCount } = matrix;
  if (labels.length !== n)
    throw new RangeError(`labels has ${String(labels.length)} entries for ${String(n)} rows`);
  if (n === 0) throw new RangeError('cannot train on zero rows');
  if (presorted !== undefined && presorted.rows !== n)
    throw new RangeError('presorted columns belong to another matrix');
  const { order, sorted, columns } = presorted ?? sortColumns(matrix);
  const weight = new Float64Array(n);
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < n; i += 1) {
    const positive = labels[i] === 1;
    weight[i] = positive ? params.positiveWeight : 1;
    if (positive) positives += params.positiveWeight;
    else negatives += 1;
  }
  // Start from the weighted prior; clamp so a one-class sample still gives finite log-odds.
  const prior = Math.min(Math.max(positives / (positives + negatives), 1e-6), 1 - 1e-6);
  const baseScore = Math.log(prior / (1 - prior));
  const logOdds = new Float64Array(n).fill(baseScore);
  // Gradient and hessian of row i side by side (2i, 2i+1): the split scan reads both at a random row, one cache line.
  const gh = new Float64Array(2 * n);
  const nodeOf = new Int32Array(n);
  const random = createSeededRandom(params.seed);
  const maxNodes = 2 ** (params.maxDepth + 1);
  const sumG = new Float64Array(maxNodes);
  const sumH = new Float64Array(maxNodes);
  const leftG = new Float64Array(maxNodes);
  const leftH = new Float64Array(maxNodes);
  const lastValue = new Float64Array(maxNodes);
  const bestGain = new Float64Array(maxNodes);
  const bestFeature = new Int32Array(maxNodes);
  const bestThreshold = new Float64Array(maxNodes);
  const { l2, minChildHessian, minGain, learningRate } = params;
  const trees: TreeJson[] = [];

  for (let t = 0; t < params.trees; t += 1) {
    for (let i = 0; i < n; i += 1) {
      const p = 1 / (1 + Math.exp(-(logOdds[i] as number)));
      const w = weight[i] as number;
      gh[2 * i] = w * (p - (labels[i] as number));
      gh[2 * i + 1] = Math.max(w * p * (1 - p), 1e-12);
    }
    const feature: number[] = [-1];
    const threshold: number[] = [0];
    const left: number[] = [-1];
    const right: number[] = [-1];
    sumG[0] = 0;
    sumH[0] = 0;
    for (let i = 0; i < n; i += 1) {
      if (params.rowSubsample < 1 && random.next() >= params.rowSubsample) {
        nodeOf[i] = -1;
        continue;
      }
      nodeOf[i] = 0;
      sumG[0] += gh[2 * i] as number;
      sumH[0] += gh[2 * i + 1] as number;
    }
    const leafValue = (node: number): number =>
      (-(sumG[node] as number) / ((sumH[node] as number) + l2)) * learningRate;
    const value: number[] = [leafValue(0)];
    let level = [0];

    for (let depth = 0; depth < params.maxDepth && level.length > 0; depth += 1) {
      for (const node of level) {
        bestGain[node] = minGain;
        bestFeature[node] = -1;
      }
      for (let f = 0; f < featureCount; f += 1) {
        for (const node of level) {
          leftG[node] = 0;
          leftH[node] = 0;
          lastValue[node] = Number.NaN;
        }
        const idx = order[f] as Int32Array;
        const vals = sorted[f] as Float64Array;
        for (let k = 0; k < n; k += 1) {
          const i = idx[k] as number;
          const node = nodeOf[i] as number;
          if (node < 0) continue;
          const v = vals[k] as number;
          const last = lastValue[node] as number;
          if (v !== last) {
            const hl = leftH[node] as number;
            const hTotal = sumH[node] as number;
            const hr = hTotal - hl;
            if (hl >= minChildHessian && hr >= minChildHessian) {
              const gl = leftG[node] as number;
              const gTotal = sumG[node] as number;
              const gr = gTotal - gl;
              const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - (gTotal * gTotal) / (hTotal + l2);
              if (gain > (bestGain[node] as number)) {
                bestGain[node] = gain;
                bestFeature[node] = f;
                const mid = (last + v) / 2;
                // Rows with the lower value must satisfy x < threshold: guard against rounding onto `last`.
                bestThreshold[node] = mid > last ? mid : v;
              }
            }
            lastValue[node] = v;
          }
          leftG[node] = (leftG[node] as number) + (gh[2 * i] as number);
          leftH[node] = (leftH[node] as number) + (gh[2 * i + 1] as number);
        }
      }
      const next: number[] = [];
      for (const node of level) {
        const f = bestFeature[node] as number;
        if (f < 0) continue;
        const l = feature.length;
        feature[node] = f;
        threshold[node] = bestThreshold[node] as number;
        left[node] = l;
        right[node] = l + 1;
        for (const child of [l, l + 1]) {
          feature.push(-1);
          threshold.push(0);
          left.push(-1);
          right.push(-1);
          value.push(0);
          sumG[child] = 0;
          sumH[child] = 0;
          next.push(child);
        }
      }
      for (let i = 0; i < n; i += 1) {
        const node = nodeOf[i] as number;
        if (node < 0) continue;
        const f = feature[node] as number;
        if (f < 0) {
          nodeOf[i] = -1;
          continue;
        }
        const child =
          ((columns[f] as Float64Array)[i] as number) < (threshold[node] as number)
            ? (left[node] as number)
            : (right[node] as number);
        nodeOf[i] = child;
        sumG[child] = (sumG[child] as number) + (gh[2 * i] as number);
        sumH[child] = (sumH[child] as number) + (gh[2 * i + 1] as number);
      }
      for (const child of next) value[child] = leafValue(child);
      level = next;
    }
    const tree: TreeJson = { feature, threshold, left, right, value };
    for (let i = 0; i < n; i += 1) {
      let node = 0;
      while ((feature[node] as number) >= 0) {
        node = (
          ((columns[feature[node] as number] as Float64Array)[i] as number) < (threshold[node] as number)
            ? left[node]
            : right[node]
        ) as number;
      }
      logOdds[i] = (logOdds[i] as number) + (value[node] as number);
    }
    trees.push(tree);
    onProgress?.({ tree: t + 1, trees: params.trees });
  }
  // Weighting positives by w multiplies the odds the trees learn by w: take ln w off to report true probabilities.
  return { baseScore: baseScore - Math.log(params.positiveWeight), trees };
}
