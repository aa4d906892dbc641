import type { FailureMode } from '@lakehouse/domain';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_FORMAT_VERSION,
  CompiledEnsemble,
  FEATURE_NAMES,
  LEARNABLE_MODES,
  type FailureModelArtifact,
  type TreeEnsembleJson,
} from '@lakehouse/scoring';
import {
  classificationMetrics,
  chooseF1Threshold,
  type ClassificationMetrics,
} from '../evaluation/metrics.js';
import { DEFAULT_GBDT_PARAMS, sortColumns, trainGbdt, type GbdtParams } from '../gbdt/train-gbdt.js';
import { datasetFingerprint, subsetDataset, type LabelledDataset } from './labelled-dataset.js';
import { foldIndexes, stratifiedFolds, stratifiedSplit } from './stratified-folds.js';

/** Parameters of a whole training run; stored in the registry's `parameters` column. */
export interface TrainingParams {
  /** Machine-failure model. */
  readonly failure: GbdtParams;
  /** Each per-mode model (explanations only): smaller, since each mode is one simple mechanism. */
  readonly mode: GbdtParams;
  /** Share of the rows kept aside to choose the decision threshold and report validation metrics. */
  readonly validationShare: number;
  /** Seed of the validation split and the folds. */
  readonly seed: number;
}

/** Defaults, chosen on generated data (ADR 0015). */
export const DEFAULT_TRAINING_PARAMS: TrainingParams = Object.freeze({
  failure: Object.freeze({ ...DEFAULT_GBDT_PARAMS, trees: 50, learningRate: 0.3, maxDepth: 5 }),
  mode: Object.freeze({ ...DEFAULT_GBDT_PARAMS, trees: 12, learningRate: 0.5, maxDepth: 3 }),
  validationShare: 0.2,
  seed: 20_240_101,
});

/** What a phase of training reports, for progress output. */
export type TrainingEvent =
  | { readonly kind: 'fold'; readonly fold: number; readonly folds: number; readonly f1: number }
  | {
      readonly kind: 'tree';
      readonly model: 'failure' | FailureMode;
      readonly tree: number;
      readonly trees: number;
    }
  | { readonly kind: 'threshold'; readonly threshold: number };

/** A trained model, ready for the registry. */
export interface TrainedModel {
  readonly artifact: FailureModelArtifact;
  readonly threshold: number;
  readonly params: TrainingParams;
  readonly trainingFingerprint: string;
  readonly trainingRows: number;
  readonly validation: ClassificationMetrics;
}

/** Probabilities of every row of a dataset under one ensemble. */
export function scoreDataset(ensemble: TreeEnsembleJson, dataset: LabelledDataset): Float64Array {
  const compiled = new CompiledEnsemble(ensemble, dataset.matrix.featureCount);
  const out = new Float64Array(dataset.matrix.rows);
  for (let i = 0; i < out.length; i += 1) {
    out[i] = compiled.probability(dataset.matrix.values, i * dataset.matrix.featureCount);
  }
  return out;
}

/**
 * Trains the failure model: a stratified validation split is held back; the machine-failure ensemble and one
 * ensemble per learnable mode are trained on the rest; the decision threshold maximises F1 on the validation part,
 * whose metrics are returned. Deterministic for the same data and parameters.
 */
export function trainFailureModel(
  dataset: LabelledDataset,
  params: TrainingParams = DEFAULT_TRAINING_PARAMS,
  onEvent?: (event: TrainingEvent) => void,
  options: { readonly withModes?: boolean } = {},
): TrainedModel {
  const positives = dataset.labels.reduce((sum, y) => sum + y, 0);
  if (positives < 2 || positives === dataset.matrix.rows) {
    throw new RangeError(
      `training needs failures and healthy rows: got ${String(positives)} failures in ${String(dataset.matrix.rows)} rows`,
    );
  }
  const split = stratifiedSplit(dataset.labels, params.validationShare, params.seed);
  const train = subsetDataset(dataset, split.train);
  const validation = subsetDataset(dataset, split.heldOut);
  const presorted = sortColumns(train.matrix);
  const failure = trainGbdt(
    train.matrix,
    train.labels,
    params.failure,
    (p) => onEvent?.({ kind: 'tree', model: 'failure', ...p }),
    presorted,
  );
  const modes: Partial<Record<FailureMode, TreeEnsembleJson>> = {};
  if (options.withModes !== false) {
    for (const mode of LEARNABLE_MODES) {
      // A mode that never occurs in the data gets no model; explanations then never name it.
      if (!train.modeLabels[mode].includes(1)) continue;
      modes[mode] = trainGbdt(
        train.matrix,
        train.modeLabels[mode],
        params.mode,
        (p) => onEvent?.({ kind: 'tree', model: mode, ...p }),
        presorted,
      );
    }
  }
  const validationScores = scoreDataset(failure, validation);
  const threshold = chooseF1Threshold(validationScores, validation.labels);
  onEvent?.({ kind: 'threshold', threshold });
  return {
    artifact: {
      format: ARTIFACT_FORMAT,
      formatVersion: ARTIFACT_FORMAT_VERSION,
      features: [...FEATURE_NAMES],
      failure,
      modes,
    },
    threshold,
    params,
    trainingFingerprint: datasetFingerprint(dataset),
    trainingRows: dataset.matrix.rows,
    validation: classificationMetrics(validationScores, validation.labels, validation.modes, threshold),
  };
}

/** Mean and per-fold metrics of a stratified k-fold cross-validation. */
export interface CrossValidationResult {
  readonly folds: readonly ClassificationMetrics[];
  readonly mean: {
    readonly precision: number;
    readonly recall: number;
    readonly f1: number;
    readonly rocAuc: number;
    readonly prAuc: number;
  };
}

/**
 * Stratified k-fold cross-validation of the whole procedure (split, train, choose threshold) on each k−1 folds,
 * scored on the remaining fold. Mode models are skipped: they do not change the failure probability.
 */
export function crossValidate(
  dataset: LabelledDataset,
  folds: number,
  params: TrainingParams = DEFAULT_TRAINING_PARAMS,
  onEvent?: (event: TrainingEvent) => void,
): CrossValidationResult {
  const assignment = stratifiedFolds(dataset.labels, folds, params.seed);
  const results: ClassificationMetrics[] = [];
  for (let k = 0; k < folds; k += 1) {
    const { train, test } = foldIndexes(assignment, k);
    const model = trainFailureModel(subsetDataset(dataset, train), params, undefined, { withModes: false });
    const testSet = subsetDataset(dataset, test);
    const metrics = classificationMetrics(
      scoreDataset(model.artifact.failure, testSet),
      testSet.labels,
      testSet.modes,
      model.threshold,
    );
    results.push(metrics);
    onEvent?.({ kind: 'fold', fold: k + 1, folds, f1: metrics.f1 });
  }
  const mean = (key: 'precision' | 'recall' | 'f1' | 'rocAuc' | 'prAuc'): number =>
    results.reduce((sum, m) => sum + m[key], 0) / results.length;
  return {
    folds: results,
    mean: {
      precision: mean('precision'),
      recall: mean('recall'),
      f1: mean('f1'),
      rocAuc: mean('rocAuc'),
      prAuc: mean('prAuc'),
    },
  };
}
