import { CompiledEnsemble, type HorizonEnsembleJson, type TreeEnsembleJson } from '@lakehouse/scoring';
import { averagePrecision } from '../evaluation/metrics.js';
import { DEFAULT_GBDT_PARAMS, trainGbdt, type FeatureMatrix, type GbdtParams } from '../gbdt/train-gbdt.js';
import {
  horizonLabels,
  sampleTrainingRows,
  samplingLogOddsCorrection,
  subsetLabels,
  subsetMatrix,
  type HorizonDataset,
} from './horizon-dataset.js';

/** Parameters of the horizon model's training; stored with the model. */
export interface HorizonTrainingParams {
  /** Horizons to train, minutes of operation, ascending; the longest is the base of the shorter ones. */
  readonly horizonsMinutes: readonly number[];
  readonly gbdt: GbdtParams;
  /** Share of the rows within the longest horizon of a failure that training keeps. */
  readonly insideShare: number;
  /** Share of the other rows that training keeps. */
  readonly outsideShare: number;
  readonly seed: number;
}

/** Defaults, chosen on generated fleets (ADR 0050). */
export const DEFAULT_HORIZON_PARAMS: HorizonTrainingParams = Object.freeze({
  horizonsMinutes: Object.freeze([60, 480]),
  gbdt: Object.freeze({
    ...DEFAULT_GBDT_PARAMS,
    trees: 50,
    learningRate: 0.2,
    maxDepth: 5,
    positiveWeight: 1,
  }),
  insideShare: 0.25,
  outsideShare: 0.04,
  seed: 20_240_101,
});

/** What one horizon's training saw. */
export interface HorizonTrainingSummary {
  readonly minutes: number;
  readonly trainingRows: number;
  readonly positives: number;
}

/** The trained horizon part: the ensembles in the artifact's layout and what each was trained on. */
export interface TrainedHorizonModel {
  readonly horizons: readonly HorizonEnsembleJson[];
  readonly summaries: readonly HorizonTrainingSummary[];
  /** The sampled rows and labels the longest horizon was trained on (HeatWave AutoML trains on the same). */
  readonly baseTraining: {
    readonly minutes: number;
    readonly matrix: FeatureMatrix;
    readonly labels: Uint8Array;
  };
}

function assertHorizons(minutes: readonly number[]): void {
  if (minutes.length === 0) throw new RangeError('at least one horizon is needed');
  minutes.forEach((m, i) => {
    if (!Number.isInteger(m) || m < 1 || m > 10_080) {
      throw new RangeError(`horizons must be whole minutes in 1..10080, got ${String(m)}`);
    }
    if (i > 0 && m <= (minutes[i - 1] as number)) throw new RangeError('horizons must be ascending');
  });
}

/**
 * Trains the horizon part. The longest horizon H gets an ensemble for P(failure within H) on a sample of every row
 * (odds corrected for the sampling). Each shorter horizon h gets an ensemble for P(failure within h | within H),
 * trained only on rows within H of a failure, where the signal is, so scoring multiplies the two. Deterministic for
 * the same data and parameters.
 */
export function trainHorizonModel(
  dataset: HorizonDataset,
  params: HorizonTrainingParams = DEFAULT_HORIZON_PARAMS,
  onProgress?: (minutes: number, tree: number, trees: number) => void,
): TrainedHorizonModel {
  assertHorizons(params.horizonsMinutes);
  const longest = params.horizonsMinutes[params.horizonsMinutes.length - 1] as number;
  const inside = horizonLabels(dataset, longest);
  const rows = sampleTrainingRows(inside, params.insideShare, params.outsideShare, params.seed);
  const train = (matrix: FeatureMatrix, labels: Uint8Array, minutes: number): TreeEnsembleJson => {
    const positives = labels.reduce((sum, y) => sum + y, 0);
    if (positives < 2 || positives === labels.length) {
      throw new RangeError(
        `the history has ${String(positives)} of ${String(labels.length)} sampled readings within ${String(minutes)} min of a failure: training needs both kinds`,
      );
    }
    return trainGbdt(matrix, labels, params.gbdt, (p) => onProgress?.(minutes, p.tree, p.trees));
  };
  const baseLabels = subsetLabels(inside, rows);
  const baseMatrix = subsetMatrix(dataset.matrix, rows);
  const base = train(baseMatrix, baseLabels, longest);
  const horizons: HorizonEnsembleJson[] = [];
  const summaries: HorizonTrainingSummary[] = [];
  const insideRows = Int32Array.from([...rows].filter((i) => inside[i] === 1));
  const insideMatrix = subsetMatrix(dataset.matrix, insideRows);
  for (const minutes of params.horizonsMinutes) {
    if (minutes === longest) continue;
    const labels = subsetLabels(horizonLabels(dataset, minutes), insideRows);
    horizons.push({ minutes, given: longest, ensemble: train(insideMatrix, labels, minutes) });
    summaries.push({
      minutes,
      trainingRows: insideRows.length,
      positives: labels.reduce((s, y) => s + y, 0),
    });
  }
  horizons.push({
    minutes: longest,
    given: null,
    ensemble: {
      ...base,
      baseScore: base.baseScore + samplingLogOddsCorrection(params.insideShare, params.outsideShare),
    },
  });
  summaries.push({
    minutes: longest,
    trainingRows: rows.length,
    positives: baseLabels.reduce((s, y) => s + y, 0),
  });
  return { horizons, summaries, baseTraining: { minutes: longest, matrix: baseMatrix, labels: baseLabels } };
}

/** Scores every row of a matrix with one ensemble. */
export function scoreMatrix(ensemble: TreeEnsembleJson, matrix: FeatureMatrix): Float64Array {
  const compiled = new CompiledEnsemble(ensemble, matrix.featureCount);
  const out = new Float64Array(matrix.rows);
  for (let i = 0; i < out.length; i += 1)
    out[i] = compiled.probability(matrix.values, i * matrix.featureCount);
  return out;
}

/** PR-AUC (average precision) of scores against the labels of one horizon. */
export function horizonPrAuc(dataset: HorizonDataset, scores: Float64Array, minutes: number): number {
  return averagePrecision(scores, horizonLabels(dataset, minutes));
}
