/**
 * One regression tree in array form. Node 0 is the root. An internal node sends `x[feature] < threshold` left and
 * everything else (including NaN) right; a leaf has `feature` −1. `value` holds every node's output in log-odds: the
 * leaf's contribution for leaves, and for internal nodes the value the node would have as a leaf (the
 * hessian-weighted mean of its subtree), which is what path-based attributions need.
 */
export interface TreeJson {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

/** Additive tree ensemble: log-odds = baseScore + Σ tree outputs; probability = logistic(log-odds). */
export interface TreeEnsembleJson {
  readonly baseScore: number;
  readonly trees: readonly TreeJson[];
}

/** The logistic function, clamped so that extreme log-odds give 0 and 1 instead of NaN. */
export function logistic(logOdds: number): number {
  if (logOdds >= 40) return 1;
  if (logOdds <= -40) return 0;
  return 1 / (1 + Math.exp(-logOdds));
}

/**
 * An ensemble compiled into flat typed arrays (all trees' nodes in one run, child indexes absolute), so that
 * scoring touches a few contiguous arrays and allocates nothing.
 */
export class CompiledEnsemble {
  readonly baseScore: number;
  readonly treeCount: number;
  readonly nodeCount: number;
  private readonly roots: Int32Array;
  private readonly feature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Float64Array;
  /** Σ root values + baseScore: the log-odds before any split is taken into account. */
  readonly bias: number;

  constructor(json: TreeEnsembleJson, featureCount: number) {
    assertEnsemble(json, featureCount);
    this.baseScore = json.baseScore;
    this.treeCount = json.trees.length;
    this.nodeCount = json.trees.reduce((sum, t) => sum + t.feature.length, 0);
    this.roots = new Int32Array(this.treeCount);
    this.feature = new Int32Array(this.nodeCount);
    this.threshold = new Float64Array(this.nodeCount);
    this.left = new Int32Array(this.nodeCount);
    this.right = new Int32Array(this.nodeCount);
    this.value = new Float64Array(this.nodeCount);
    let offset = 0;
    let bias = json.baseScore;
    json.trees.forEach((tree, t) => {
      this.roots[t] = offset;
      bias += tree.value[0] ?? 0;
      for (let i = 0; i < tree.feature.length; i += 1) {
        const f = tree.feature[i] ?? -1;
        this.feature[offset + i] = f;
        this.threshold[offset + i] = tree.threshold[i] ?? 0;
        this.left[offset + i] = f < 0 ? -1 : offset + (tree.left[i] ?? 0);
        this.right[offset + i] = f < 0 ? -1 : offset + (tree.right[i] ?? 0);
        this.value[offset + i] = tree.value[i] ?? 0;
      }
      offset += tree.feature.length;
    });
    this.bias = bias;
  }

  /** Log-odds of the positive class for feature vector `x` (read from `offset`). */
  logOdds(x: Float64Array, offset = 0): number {
    let sum = this.baseScore;
    const { roots, feature, threshold, left, right, value } = this;
    for (let t = 0; t < roots.length; t += 1) {
      let node = roots[t] as number;
      let f = feature[node] as number;
      while (f >= 0) {
        node = ((x[offset + f] as number) < (threshold[node] as number) ? left[node] : right[node]) as number;
        f = feature[node] as number;
      }
      sum += value[node] as number;
    }
    return sum;
  }

  /** Probability of the positive class. */
  probability(x: Float64Array, offset = 0): number {
    return logistic(this.logOdds(x, offset));
  }

  /**
   * Path attribution (Saabas): each split a reading passes through credits the change in node value to the split's
   * feature. Adds the per-feature contributions to `out` and returns the log-odds, which always equals
   * {@link CompiledEnsemble.bias} + Σ out.
   */
  contributions(x: Float64Array, out: Float64Array): number {
    let sum = this.bias;
    const { roots, feature, threshold, left, right, value } = this;
    for (let t = 0; t < roots.length; t += 1) {
      let node = roots[t] as number;
      let f = feature[node] as number;
      while (f >= 0) {
        const child = ((x[f] as number) < (threshold[node] as number) ? left[node] : right[node]) as number;
        const delta = (value[child] as number) - (value[node] as number);
        out[f] = (out[f] as number) + delta;
        sum += delta;
        node = child;
        f = feature[node] as number;
      }
    }
    return sum;
  }
}

function assertEnsemble(json: TreeEnsembleJson, featureCount: number): void {
  if (!Number.isFinite(json.baseScore)) throw new RangeError('ensemble baseScore must be a finite number');
  if (!Array.isArray(json.trees)) throw new RangeError('ensemble trees must be an array');
  // The cast undoes Array.isArray's narrowing of the readonly array to any[] just above.
  (json.trees as readonly TreeJson[]).forEach((tree, t) => {
    const n = tree.feature.length;
    const where = `tree ${String(t)}`;
    if (n === 0) throw new RangeError(`${where} has no nodes`);
    for (const key of ['threshold', 'left', 'right', 'value'] as const) {
      if (tree[key].length !== n)
        throw new RangeError(
          `${where}: ${key} has ${String(tree[key].length)} entries, expected ${String(n)}`,
        );
    }
    for (let i = 0; i < n; i += 1) {
      const f = tree.feature[i] as number;
      if (!Number.isFinite(tree.value[i]))
        throw new RangeError(`${where} node ${String(i)}: value is not finite`);
      if (f < 0) continue;
      if (!Number.isInteger(f) || f >= featureCount) {
        throw new RangeError(
          `${where} node ${String(i)}: feature ${String(f)} out of range 0..${String(featureCount - 1)}`,
        );
      }
      const l = tree.left[i] as number;
      const r = tree.right[i] as number;
      // Children always come after their parent, so a well-formed tree has no cycles.
      if (!Number.isInteger(l) || !Number.isInteger(r) || l <= i || r <= i || l >= n || r >= n) {
        throw new RangeError(`${where} node ${String(i)}: children ${String(l)}/${String(r)} out of range`);
      }
      if (Number.isNaN(tree.threshold[i]))
        throw new RangeError(`${where} node ${String(i)}: threshold is NaN`);
    }
  });
}
