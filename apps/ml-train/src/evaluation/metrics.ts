import { FAILURE_MODES, type FailureMode } from '@lakehouse/domain';

/** Counts of a binary decision against the truth; the positive class is "machine failure". */
export interface ConfusionMatrix {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

/** Metrics of the failure class, as printed by `evaluate` and stored in the registry. */
export interface ClassificationMetrics {
  readonly rows: number;
  readonly positives: number;
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly confusion: ConfusionMatrix;
  /** Share of rows labelled with each mode that the model flags as failures; null when the mode never occurs. */
  readonly modeRecall: Readonly<Record<FailureMode, number | null>>;
  /** Rows labelled with each mode. */
  readonly modeCounts: Readonly<Record<FailureMode, number>>;
}

/** Confusion matrix of `probabilities >= threshold` against 0/1 labels. */
export function confusionMatrix(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): ConfusionMatrix {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const predicted = (probabilities[i] as number) >= threshold;
    const actual = labels[i] === 1;
    if (predicted && actual) tp += 1;
    else if (predicted) fp += 1;
    else if (actual) fn += 1;
    else tn += 1;
  }
  return { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn };
}

/** Precision, recall and F1 of a confusion matrix; 0 where the ratio is undefined (no predictions, no positives). */
export function precisionRecallF1(c: ConfusionMatrix): {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
} {
  const predicted = c.truePositives + c.falsePositives;
  const actual = c.truePositives + c.falseNegatives;
  const precision = predicted === 0 ? 0 : c.truePositives / predicted;
  const recall = actual === 0 ? 0 : c.truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Indexes ordered by descending probability (ties by index, so results never depend on sort stability). */
function byDescendingScore(probabilities: ArrayLike<number>): Int32Array {
  const order = new Int32Array(probabilities.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  order.sort((a, b) => (probabilities[b] as number) - (probabilities[a] as number) || a - b);
  return order;
}

/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties counting one half
 * (Mann–Whitney U). NaN when either class is absent.
 */
export function rocAuc(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = byDescendingScore(probabilities);
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i += 1) {
    if (labels[i] === 1) positives += 1;
    else negatives += 1;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  // Walk groups of equal score from the top: each negative beats nothing above it, each pair in a group ties.
  let positivesAbove = 0;
  let concordant = 0;
  let k = 0;
  while (k < order.length) {
    const score = probabilities[order[k] as number] as number;
    let groupPositives = 0;
    let groupNegatives = 0;
    while (k < order.length && probabilities[order[k] as number] === score) {
      if (labels[order[k] as number] === 1) groupPositives += 1;
      else groupNegatives += 1;
      k += 1;
    }
    concordant += groupNegatives * (positivesAbove + groupPositives / 2);
    positivesAbove += groupPositives;
  }
  return concordant / (positives * negatives);
}

/**
 * PR AUC as average precision (scikit-learn's definition): Σ over thresholds of (recall step) × precision, with
 * equal scores forming one threshold. NaN when there is no positive.
 */
export function averagePrecision(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = byDescendingScore(probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) if (labels[i] === 1) positives += 1;
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let k = 0;
  while (k < order.length) {
    const score = probabilities[order[k] as number] as number;
    let groupPositives = 0;
    while (k < order.length && probabilities[order[k] as number] === score) {
      if (labels[order[k] as number] === 1) groupPositives += 1;
      seen += 1;
      k += 1;
    }
    if (groupPositives > 0) {
      tp += groupPositives;
      ap += (groupPositives / positives) * (tp / seen);
    }
  }
  return ap;
}

/**
 * The threshold that maximises F1 of the failure class on the given (validation) scores. Candidates are the
 * distinct scores; the threshold returned is midway between the chosen score and the next lower one, so that
 * nearby unseen scores fall on the same side. Ties in F1 go to the higher threshold (fewer alarms).
 */
export function chooseF1Threshold(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = byDescendingScore(probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) if (labels[i] === 1) positives += 1;
  if (positives === 0) return 0.5;
  let tp = 0;
  let predicted = 0;
  let bestF1 = -1;
  let best = 0.5;
  let k = 0;
  while (k < order.length) {
    const score = probabilities[order[k] as number] as number;
    while (k < order.length && probabilities[order[k] as number] === score) {
      if (labels[order[k] as number] === 1) tp += 1;
      predicted += 1;
      k += 1;
    }
    const f1 = (2 * tp) / (predicted + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      const lower = k < order.length ? (probabilities[order[k] as number] as number) : 0;
      best = (score + lower) / 2;
    }
  }
  // Keep the threshold a usable probability even at the extremes.
  return Math.min(Math.max(best, 1e-6), 1 - 1e-6);
}

/** Every metric of a scored, labelled set. `modes[i]` lists the failure modes of row i. */
export function classificationMetrics(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  modes: readonly (readonly FailureMode[])[],
  threshold: number,
): ClassificationMetrics {
  const confusion = confusionMatrix(probabilities, labels, threshold);
  const modeCounts = Object.fromEntries(FAILURE_MODES.map((m) => [m, 0])) as Record<FailureMode, number>;
  const modeHits = Object.fromEntries(FAILURE_MODES.map((m) => [m, 0])) as Record<FailureMode, number>;
  modes.forEach((rowModes, i) => {
    for (const mode of rowModes) {
      modeCounts[mode] += 1;
      if ((probabilities[i] as number) >= threshold) modeHits[mode] += 1;
    }
  });
  const modeRecall = Object.fromEntries(
    FAILURE_MODES.map((m) => [m, modeCounts[m] === 0 ? null : modeHits[m] / modeCounts[m]]),
  ) as Record<FailureMode, number | null>;
  return {
    rows: labels.length,
    positives: confusion.truePositives + confusion.falseNegatives,
    threshold,
    ...precisionRecallF1(confusion),
    rocAuc: rocAuc(probabilities, labels),
    prAuc: averagePrecision(probabilities, labels),
    confusion,
    modeRecall,
    modeCounts,
  };
}
