import { FAILURE_MODES, type FailureMode, type LabelledReading } from '@lakehouse/domain';
import { FEATURE_COUNT, writeFeatureVector } from '@lakehouse/scoring';
import { createHash } from 'node:crypto';
import type { FeatureMatrix } from '../gbdt/train-gbdt.js';

/** Labelled rows turned into model inputs: the feature matrix, the machine-failure label and the modes per row. */
export interface LabelledDataset {
  readonly matrix: FeatureMatrix;
  /** 1 = machine failure. */
  readonly labels: Uint8Array;
  /** 0/1 per learnable or not mode, per row. */
  readonly modeLabels: Readonly<Record<FailureMode, Uint8Array>>;
  /** Modes of each row (empty for healthy rows). */
  readonly modes: readonly (readonly FailureMode[])[];
}

/** Builds the dataset of labelled readings (features from @lakehouse/scoring, so training and scoring agree). */
export function buildDataset(readings: readonly LabelledReading[]): LabelledDataset {
  const rows = readings.length;
  const values = new Float64Array(rows * FEATURE_COUNT);
  const labels = new Uint8Array(rows);
  const modeLabels = Object.fromEntries(FAILURE_MODES.map((m) => [m, new Uint8Array(rows)])) as Record<
    FailureMode,
    Uint8Array
  >;
  const modes: FailureMode[][] = [];
  readings.forEach((reading, i) => {
    writeFeatureVector(reading, values, i * FEATURE_COUNT);
    labels[i] = reading.labels.machineFailure ? 1 : 0;
    const rowModes = FAILURE_MODES.filter((m) => reading.labels[m]);
    for (const m of rowModes) modeLabels[m][i] = 1;
    modes.push(rowModes);
  });
  return { matrix: { values, rows, featureCount: FEATURE_COUNT }, labels, modeLabels, modes };
}

/** The rows at `indexes`, in that order. */
export function subsetDataset(dataset: LabelledDataset, indexes: ArrayLike<number>): LabelledDataset {
  const rows = indexes.length;
  const f = dataset.matrix.featureCount;
  const values = new Float64Array(rows * f);
  const labels = new Uint8Array(rows);
  const modeLabels = Object.fromEntries(FAILURE_MODES.map((m) => [m, new Uint8Array(rows)])) as Record<
    FailureMode,
    Uint8Array
  >;
  const modes: (readonly FailureMode[])[] = [];
  for (let k = 0; k < rows; k += 1) {
    const i = indexes[k] as number;
    values.set(dataset.matrix.values.subarray(i * f, (i + 1) * f), k * f);
    labels[k] = dataset.labels[i] as number;
    for (const m of FAILURE_MODES) modeLabels[m][k] = dataset.modeLabels[m][i] as number;
    modes.push(dataset.modes[i] ?? []);
  }
  return { matrix: { values, rows, featureCount: f }, labels, modeLabels, modes };
}

/**
 * sha256 of the training data as the model saw it: every feature value (IEEE-754 bytes) and label, in row order.
 * Two trainings with the same fingerprint, parameters and seed give the same model.
 */
export function datasetFingerprint(dataset: LabelledDataset): string {
  const hash = createHash('sha256');
  hash.update(
    Buffer.from(
      dataset.matrix.values.buffer,
      dataset.matrix.values.byteOffset,
      dataset.matrix.values.byteLength,
    ),
  );
  hash.update(dataset.labels);
  for (const m of FAILURE_MODES) hash.update(dataset.modeLabels[m]);
  return hash.digest('hex');
}
