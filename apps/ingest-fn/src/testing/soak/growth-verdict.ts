// The soak's growth test (ADR 0052): does a series keep rising once the run has warmed up, by more than noise?

/** How much a series must rise before it counts as growth: the larger of the two bounds. */
export interface GrowthRule {
  /** Fraction of the first judged value, e.g. 0.1 = 10 %. */
  readonly relative: number;
  /** In the series' own unit (MiB, descriptors, ms, messages), so that a series near 0 needs a real rise. */
  readonly absolute: number;
}

/** Outcome of {@link judgeGrowth} for one series. */
export interface GrowthJudgement {
  readonly verdict: 'ok' | 'growth';
  /** False when fewer than {@link MIN_JUDGED_SAMPLES} samples were left after the warm-up: then always 'ok'. */
  readonly isJudged: boolean;
  /** First judged value (after the warm-up). */
  readonly baseline: number;
  /** Rise the verdict was measured against: max(relative x |baseline|, absolute). */
  readonly threshold: number;
  /** Theil-Sen slope x span: the rise over the judged samples that the median pairwise slope implies. */
  readonly fittedRise: number;
  /** Share of rising pairs among the pairs (i < j) whose values differ; 1 for a series that only rises. */
  readonly risingShare: number;
  /** Every judged sample is >= the one before it. */
  readonly isMonotone: boolean;
  /** Why it is growth, or empty. */
  readonly reason: string;
}

/** Fewest samples after the warm-up that a trend is judged on. */
export const MIN_JUDGED_SAMPLES = 3;
/** Rising pairs needed by the slope rule (Kendall's tau >= 0.6): a noisy but sustained climb. */
export const MIN_RISING_SHARE = 0.8;

/** Samples ignored at the start of a run of `samples`: a tenth, at least one (JIT, pools, page cache filling). */
export function warmUpSamples(samples: number): number {
  if (!Number.isInteger(samples) || samples < 0)
    throw new RangeError(`samples must be a count, got ${samples}`);
  return Math.max(1, Math.ceil(samples / 10));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** Theil-Sen estimator: the median of the slopes of every pair, per sample step (robust to a few outliers). */
export function theilSenSlope(values: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < values.length; i += 1)
    for (let j = i + 1; j < values.length; j += 1)
      slopes.push(((values[j] ?? Number.NaN) - (values[i] ?? Number.NaN)) / (j - i));
  return slopes.length === 0 ? 0 : median(slopes);
}

/**
 * Judges one series sampled at a fixed interval. The first `warmUp` samples are ignored; of the rest, the series
 * grows when either
 * - it never falls and its last value is more than the threshold above the first (a clean leak), or
 * - its Theil-Sen rise over the judged span exceeds the threshold and at least 80 % of the differing pairs rise
 *   (a leak under noise, e.g. RSS between collections).
 * A flat series with noise fails both: it falls now and then, and its median slope is about 0. A single step
 * (flat, one jump, flat) passes the slope rule, since most pairs are ties with slope 0, but not the monotone rule.
 * Missing values (NaN: a process that was not running) are dropped before judging.
 */
export function judgeGrowth(values: readonly number[], rule: GrowthRule, warmUp: number): GrowthJudgement {
  if (!(rule.relative >= 0) || !(rule.absolute >= 0))
    throw new RangeError(`a growth rule needs non-negative bounds, got ${JSON.stringify(rule)}`);
  if (!Number.isInteger(warmUp) || warmUp < 0)
    throw new RangeError(`warm-up must be a count of samples, got ${warmUp}`);
  const judged = values.slice(warmUp).filter((v) => Number.isFinite(v));
  const baseline = judged[0] ?? Number.NaN;
  const threshold = Math.max(rule.relative * Math.abs(baseline), rule.absolute);
  if (judged.length < MIN_JUDGED_SAMPLES) {
    return {
      verdict: 'ok',
      isJudged: false,
      baseline,
      threshold,
      fittedRise: 0,
      risingShare: 0,
      isMonotone: false,
      reason: '',
    };
  }
  let rising = 0;
  let falling = 0;
  for (let i = 0; i < judged.length; i += 1)
    for (let j = i + 1; j < judged.length; j += 1) {
      const d = (judged[j] ?? 0) - (judged[i] ?? 0);
      if (d > 0) rising += 1;
      else if (d < 0) falling += 1;
    }
  const risingShare = rising + falling === 0 ? 0 : rising / (rising + falling);
  const isMonotone = judged.every((v, i) => i === 0 || v >= (judged[i - 1] ?? v));
  const fittedRise = theilSenSlope(judged) * (judged.length - 1);
  const lastRise = (judged.at(-1) ?? baseline) - baseline;
  const reason =
    isMonotone && lastRise > threshold
      ? `never fell after the warm-up and rose ${fmt(lastRise)} (> ${fmt(threshold)})`
      : fittedRise > threshold && risingShare >= MIN_RISING_SHARE
        ? `Theil-Sen rise ${fmt(fittedRise)} (> ${fmt(threshold)}) with ${Math.round(risingShare * 100)} % of pairs rising`
        : '';
  return {
    verdict: reason === '' ? 'ok' : 'growth',
    isJudged: true,
    baseline,
    threshold,
    fittedRise,
    risingShare,
    isMonotone,
    reason,
  };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
