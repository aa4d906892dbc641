import {
  FAILURE_MODES,
  WINDOW_FEATURE_COUNT,
  advanceWindow,
  createSeededRandom,
  createWindowState,
  type FailureMode,
  type LabelledReading,
} from '@lakehouse/domain';
import type { FeatureMatrix } from '../gbdt/train-gbdt.js';

const MS_PER_MINUTE = 60_000;

/** Readings of one asset in reading-time order, as the window features need them. */
export interface AssetSeries {
  readonly assetId: string;
  readonly readings: readonly LabelledReading[];
}

/**
 * Groups readings by asset and orders each asset's readings by time (stable for equal times), the order the window
 * features are defined in. Assets come out in the order of their first reading.
 */
export function seriesByAsset(readings: Iterable<LabelledReading>): AssetSeries[] {
  const byAsset = new Map<string, LabelledReading[]>();
  for (const reading of readings) {
    let list = byAsset.get(reading.assetId);
    if (list === undefined) {
      list = [];
      byAsset.set(reading.assetId, list);
    }
    list.push(reading);
  }
  return [...byAsset].map(([assetId, list]) => ({
    assetId,
    readings: list.every((r, i) => i === 0 || (list[i - 1] as LabelledReading).recordedAt <= r.recordedAt)
      ? list
      : [...list].sort((a, b) => a.recordedAt - b.recordedAt),
  }));
}

/**
 * Minutes from each reading to the asset's next failure (the failing reading itself: 0), `Infinity` when no failure
 * follows in the data. Looks only forward in the labels, never at features: this is the target, not an input. The
 * same definition as read-horizon-history's FAILURES_AT_OR_AFTER_SQL.
 */
export function minutesToNextFailure(readings: readonly LabelledReading[]): Float64Array {
  const out = new Float64Array(readings.length);
  let nextFailureAt = Number.POSITIVE_INFINITY;
  for (let i = readings.length - 1; i >= 0; i -= 1) {
    const reading = readings[i] as LabelledReading;
    if (reading.labels.machineFailure) nextFailureAt = reading.recordedAt;
    out[i] = (nextFailureAt - reading.recordedAt) / MS_PER_MINUTE;
  }
  return out;
}

/** Window features and horizon targets of a labelled history. Rows are per asset, in time order. */
export interface HorizonDataset {
  readonly matrix: FeatureMatrix;
  /** Minutes to the asset's next failure per row; Infinity when none follows. */
  readonly minutesToFailure: Float64Array;
  /** Index into `assets` per row. */
  readonly assetIndex: Int32Array;
  readonly recordedAt: Float64Array;
  /** 1 on the failing readings. */
  readonly failure: Uint8Array;
  /** Modes of each failing reading (empty elsewhere). */
  readonly modes: readonly (readonly FailureMode[])[];
  readonly assets: readonly string[];
}

/**
 * Builds the window features (libs/domain's one implementation) and the targets of every reading. The targets are
 * computed from the labels here unless `minutesToFailure` (per series, e.g. from the database's window function)
 * is given.
 */
export function buildHorizonDataset(
  series: readonly AssetSeries[],
  minutesToFailureBySeries?: readonly Float64Array[],
): HorizonDataset {
  const rows = series.reduce((sum, s) => sum + s.readings.length, 0);
  const values = new Float64Array(rows * WINDOW_FEATURE_COUNT);
  const minutesToFailure = new Float64Array(rows);
  const assetIndex = new Int32Array(rows);
  const recordedAt = new Float64Array(rows);
  const failure = new Uint8Array(rows);
  const modes: (readonly FailureMode[])[] = new Array<readonly FailureMode[]>(rows);
  let row = 0;
  series.forEach((asset, a) => {
    const state = createWindowState();
    const minutes = minutesToFailureBySeries?.[a] ?? minutesToNextFailure(asset.readings);
    if (minutes.length !== asset.readings.length) {
      throw new RangeError(
        `series ${asset.assetId}: ${String(minutes.length)} targets for ${String(asset.readings.length)} readings`,
      );
    }
    asset.readings.forEach((reading, i) => {
      advanceWindow(state, reading, values, row * WINDOW_FEATURE_COUNT);
      minutesToFailure[row] = minutes[i] as number;
      assetIndex[row] = a;
      recordedAt[row] = reading.recordedAt;
      failure[row] = reading.labels.machineFailure ? 1 : 0;
      modes[row] = reading.labels.machineFailure ? FAILURE_MODES.filter((m) => reading.labels[m]) : [];
      row += 1;
    });
  });
  return {
    matrix: { values, rows, featureCount: WINDOW_FEATURE_COUNT },
    minutesToFailure,
    assetIndex,
    recordedAt,
    failure,
    modes,
    assets: series.map((s) => s.assetId),
  };
}

/** 1 where the asset fails within `horizonMinutes` of the reading (the failing reading included). */
export function horizonLabels(dataset: HorizonDataset, horizonMinutes: number): Uint8Array {
  const out = new Uint8Array(dataset.matrix.rows);
  for (let i = 0; i < out.length; i += 1) {
    out[i] = (dataset.minutesToFailure[i] as number) <= horizonMinutes ? 1 : 0;
  }
  return out;
}

/**
 * Rows to train on: a seeded share `insideShare` of the rows within the horizon of a failure (`inside` = 1) and
 * `outsideShare` of the others. Neighbouring readings carry nearly the same information and long healthy stretches
 * little, so a sample bounds training time at little loss; the odds a model learns from it are off by
 * `insideShare / outsideShare`, which {@link samplingLogOddsCorrection} takes off.
 */
export function sampleTrainingRows(
  inside: Uint8Array,
  insideShare: number,
  outsideShare: number,
  seed: number,
): Int32Array {
  for (const [name, share] of [
    ['insideShare', insideShare],
    ['outsideShare', outsideShare],
  ] as const) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`${name} must lie in (0, 1], got ${String(share)}`);
  }
  const random = createSeededRandom(seed);
  const kept: number[] = [];
  for (let i = 0; i < inside.length; i += 1) {
    if (random.next() < (inside[i] === 1 ? insideShare : outsideShare)) kept.push(i);
  }
  return Int32Array.from(kept);
}

/** Log-odds to add to a model trained on rows sampled by {@link sampleTrainingRows}. */
export function samplingLogOddsCorrection(insideShare: number, outsideShare: number): number {
  return Math.log(outsideShare / insideShare);
}

/** The rows at `indexes` of a feature matrix. */
export function subsetMatrix(matrix: FeatureMatrix, indexes: ArrayLike<number>): FeatureMatrix {
  const f = matrix.featureCount;
  const values = new Float64Array(indexes.length * f);
  for (let k = 0; k < indexes.length; k += 1) {
    const i = indexes[k] as number;
    values.set(matrix.values.subarray(i * f, (i + 1) * f), k * f);
  }
  return { values, rows: indexes.length, featureCount: f };
}

/** The entries of `array` at `indexes`. */
export function subsetLabels(array: Uint8Array, indexes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(indexes.length);
  for (let k = 0; k < indexes.length; k += 1) out[k] = array[indexes[k] as number] as number;
  return out;
}
