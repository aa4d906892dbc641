import { READING_FEATURE_COUNT, writeReadingFeatures, type FeatureInput } from './derive-features.js';
import { MACHINE_MINUTES_PER_READING } from './fleet-in-time-process.js';

/*
 * The horizon model's inputs (issue #18, ADR 0050): the only implementation, shared by training, batch scoring and
 * the ingest function. Windows are counted in readings of the asset, not in milliseconds, so they mean the same in
 * the history (one reading a machine-minute) and in the accelerated live stream.
 */

/** Quantities that get rolling means and a slope, in vector order. */
const WINDOWED_QUANTITIES = [
  'torqueNm',
  'rotationalSpeedRpm',
  'powerW',
  'temperatureDifferenceK',
  'overstrainRatio',
] as const;
const QUANTITY_COUNT = WINDOWED_QUANTITIES.length;

/**
 * The window features in vector order (27): the 9 per-reading features (libs/scoring's FEATURE_NAMES, same order);
 * `<q>Mean15`, `<q>Mean120` (EWMAs, alpha = 2/(N+1), the current reading included) and `<q>Slope`
 * (`(Mean15 − Mean120) / 52.5`, per reading) for each windowed quantity; `toolWearRate` (EWMA, span 15, of the wear
 * increments per reading; a tool change, wear below the previous reading's, is left out), `readingsSinceToolChange`
 * (0 on a tool change) and `readingsSinceStop` (0 on a reading more than 5 typical intervals after the previous one).
 * Counters stop at {@link WINDOW_COUNTER_CAP}; an asset's first reading starts every mean at its own value, the
 * slopes, the rate and the counters at 0.
 */
export const WINDOW_FEATURE_NAMES = [
  'airTemperatureK',
  'processTemperatureK',
  'rotationalSpeedRpm',
  'torqueNm',
  'toolWearMin',
  'assetTypeCode',
  'powerW',
  'temperatureDifferenceK',
  'overstrainRatio',
  'torqueNmMean15',
  'torqueNmMean120',
  'torqueNmSlope',
  'rotationalSpeedRpmMean15',
  'rotationalSpeedRpmMean120',
  'rotationalSpeedRpmSlope',
  'powerWMean15',
  'powerWMean120',
  'powerWSlope',
  'temperatureDifferenceKMean15',
  'temperatureDifferenceKMean120',
  'temperatureDifferenceKSlope',
  'overstrainRatioMean15',
  'overstrainRatioMean120',
  'overstrainRatioSlope',
  'toolWearRate',
  'readingsSinceToolChange',
  'readingsSinceStop',
] as const;
/** One of {@link WINDOW_FEATURE_NAMES}. */
export type WindowFeatureName = (typeof WINDOW_FEATURE_NAMES)[number];

/** Number of window features: the stride of a feature matrix. */
export const WINDOW_FEATURE_COUNT = WINDOW_FEATURE_NAMES.length;

/** Layout version of {@link WindowState} as stored; a stored state of another version is started afresh. */
export const WINDOW_STATE_VERSION = 1;

/** Spans of the rolling means, in readings. */
const SHORT_SPAN = 15;
const LONG_SPAN = 120;
const ALPHA_SHORT = 2 / (SHORT_SPAN + 1);
const ALPHA_LONG = 2 / (LONG_SPAN + 1);
/** Lag difference of the two means: an EWMA of span N lags (N − 1) / 2 readings behind a steady trend. */
const SLOPE_LAG_READINGS = (LONG_SPAN - 1) / 2 - (SHORT_SPAN - 1) / 2;
/** A reading more than this many typical intervals after the previous one follows a stop. */
const STOP_INTERVALS = 5;
/** Intervals longer than this many typical ones are left out of the typical interval. */
const OUTLIER_INTERVALS = 3;
/** Counters stop here, so a state never grows and a feature stays in a range the model saw. */
export const WINDOW_COUNTER_CAP = 1_000_000;

/** What a reading needs for its window features: the measures and its reading time (epoch ms). */
export type WindowInput = FeatureInput & { readonly recordedAt: number };

/**
 * The rolling state of one asset behind its window features. Mutable on purpose: {@link advanceWindow} updates it
 * in place and the hot path allocates nothing per reading, which is also why "not yet" is NaN rather than null (a
 * field that may hold null boxes every double stored in it). Treat the fields as the layout of
 * {@link WINDOW_STATE_VERSION}; store it with {@link windowStateToJson}.
 */
export interface WindowState {
  /** Reading time of the latest reading folded in, epoch ms; NaN before the first. */
  lastRecordedAt: number;
  /** Tool wear of that reading, minutes. */
  lastToolWearMin: number;
  /** EWMA (span 15) of the intervals between readings, ms; NaN until the second reading (see {@link typicalIntervalMs}). */
  typicalIntervalMs: number;
  /** EWMA of span 15 per windowed quantity, in vector order (5 values; a typed array, so updates never box). */
  readonly mean15: Float64Array;
  /** EWMA of span 120 per windowed quantity (5 values). */
  readonly mean120: Float64Array;
  /** EWMA (span 15) of the wear increments of readings without a tool change, minutes per reading. */
  toolWearRate: number;
  readingsSinceToolChange: number;
  readingsSinceStop: number;
}

/** Every state is built here, so all have one hidden class with double fields (no map changes on the hot path). */
function makeWindowState(
  lastRecordedAt: number,
  lastToolWearMin: number,
  intervalMs: number,
  mean15: Float64Array,
  mean120: Float64Array,
  toolWearRate: number,
  readingsSinceToolChange: number,
  readingsSinceStop: number,
): WindowState {
  return {
    lastRecordedAt,
    lastToolWearMin,
    typicalIntervalMs: intervalMs,
    mean15,
    mean120,
    toolWearRate,
    readingsSinceToolChange,
    readingsSinceStop,
  };
}

/** The state of an asset with no reading yet. */
export function createWindowState(): WindowState {
  return makeWindowState(
    Number.NaN,
    0,
    Number.NaN,
    new Float64Array(QUANTITY_COUNT),
    new Float64Array(QUANTITY_COUNT),
    0,
    0,
    0,
  );
}

function nextCount(count: number): number {
  return count >= WINDOW_COUNTER_CAP ? WINDOW_COUNTER_CAP : count + 1;
}

/** Where each windowed quantity sits among the 9 per-reading features (`out` holds them before the state moves). */
const QUANTITY_OFFSETS = [3, 2, 6, 7, 8] as const;

/**
 * Folds a reading newer than the state's latest into it; its per-reading features are already in `out` at
 * `offset`. The quantities are read back from there rather than passed as arguments, which would box the doubles
 * of a call that is not inlined: the hot path allocates nothing.
 */
function advance(state: WindowState, reading: WindowInput, out: Float64Array, offset: number): void {
  const previousAt = state.lastRecordedAt;
  const isFirst = Number.isNaN(previousAt);
  if (isFirst) {
    state.typicalIntervalMs = Number.NaN;
    state.toolWearRate = 0;
    state.readingsSinceToolChange = 0;
    state.readingsSinceStop = 0;
  } else {
    const intervalMs = reading.recordedAt - previousAt;
    const typical = state.typicalIntervalMs;
    if (Number.isNaN(typical)) {
      // The first interval starts the typical one, so the second reading never counts as after a stop.
      state.typicalIntervalMs = intervalMs;
      state.readingsSinceStop = nextCount(state.readingsSinceStop);
    } else {
      state.readingsSinceStop =
        intervalMs > STOP_INTERVALS * typical ? 0 : nextCount(state.readingsSinceStop);
      if (intervalMs <= OUTLIER_INTERVALS * typical) {
        state.typicalIntervalMs = typical + ALPHA_SHORT * (intervalMs - typical);
      }
    }
    const wearIncrementMin = reading.toolWearMin - state.lastToolWearMin;
    if (wearIncrementMin < 0) {
      // A new tool: the counter restarts, and the drop is no wear rate.
      state.readingsSinceToolChange = 0;
    } else {
      state.readingsSinceToolChange = nextCount(state.readingsSinceToolChange);
      state.toolWearRate += ALPHA_SHORT * (wearIncrementMin - state.toolWearRate);
    }
  }
  const { mean15, mean120 } = state;
  for (let i = 0; i < QUANTITY_COUNT; i += 1) {
    const x = out[offset + (QUANTITY_OFFSETS[i] ?? 0)] ?? 0;
    if (isFirst) {
      mean15[i] = x;
      mean120[i] = x;
    } else {
      const short = mean15[i] ?? x;
      const long = mean120[i] ?? x;
      mean15[i] = short + ALPHA_SHORT * (x - short);
      mean120[i] = long + ALPHA_LONG * (x - long);
    }
  }
  state.lastRecordedAt = reading.recordedAt;
  state.lastToolWearMin = reading.toolWearMin;
}

/**
 * Folds `reading` into its asset's `state` and writes its {@link WINDOW_FEATURE_COUNT} window features into `out`
 * at `offset` (the current reading is part of every mean). A reading at or before the state's latest one (a
 * redelivery, a late reading) leaves the state as it is and gets the state's window features with its own 9
 * per-reading ones. Readings of one asset must come in reading-time order for the features to mean anything.
 */
export function advanceWindow(
  state: WindowState,
  reading: WindowInput,
  out: Float64Array,
  offset: number,
): void {
  if (offset < 0 || offset + WINDOW_FEATURE_COUNT > out.length) {
    throw new RangeError(
      `advanceWindow: ${String(WINDOW_FEATURE_COUNT)} features do not fit at offset ${String(offset)} of ${String(out.length)}`,
    );
  }
  writeReadingFeatures(reading, out, offset);
  if (Number.isNaN(state.lastRecordedAt) || reading.recordedAt > state.lastRecordedAt) {
    advance(state, reading, out, offset);
  }
  let at = offset + READING_FEATURE_COUNT;
  for (let i = 0; i < QUANTITY_COUNT; i += 1) {
    const short = state.mean15[i] ?? 0;
    const long = state.mean120[i] ?? 0;
    out[at] = short;
    out[at + 1] = long;
    out[at + 2] = (short - long) / SLOPE_LAG_READINGS;
    at += 3;
  }
  out[at] = state.toolWearRate;
  out[at + 1] = state.readingsSinceToolChange;
  out[at + 2] = state.readingsSinceStop;
}

/** The asset's typical interval between readings, ms (what one reading, one machine-minute, takes); null before the second reading. */
export function typicalIntervalMs(state: WindowState): number | null {
  return Number.isNaN(state.typicalIntervalMs) ? null : state.typicalIntervalMs;
}

/**
 * When a failure is expected, epoch ms: `recordedAt` plus `expectedMinutesToFailure` machine-minutes converted to
 * the asset's own sampling interval (ADR 0050: seconds in the accelerated demo, minutes in a plant). Null when
 * there is no estimate or the state knows no interval yet.
 */
export function expectedFailureAtMs(
  state: WindowState,
  recordedAt: number,
  expectedMinutesToFailure: number | null,
): number | null {
  const intervalMs = state.typicalIntervalMs;
  if (
    expectedMinutesToFailure === null ||
    Number.isNaN(intervalMs) ||
    !Number.isFinite(expectedMinutesToFailure)
  ) {
    return null;
  }
  return Math.round(recordedAt + (expectedMinutesToFailure / MACHINE_MINUTES_PER_READING) * intervalMs);
}

const nullIfNaN = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The stored form of a state: {@link WINDOW_STATE_VERSION} and the fields, as JSON text ("not yet" is null). */
export function windowStateToJson(state: WindowState): string {
  return JSON.stringify({
    version: WINDOW_STATE_VERSION,
    lastRecordedAt: nullIfNaN(state.lastRecordedAt),
    lastToolWearMin: state.lastToolWearMin,
    typicalIntervalMs: nullIfNaN(state.typicalIntervalMs),
    mean15: Array.from(state.mean15),
    mean120: Array.from(state.mean120),
    toolWearRate: state.toolWearRate,
    readingsSinceToolChange: state.readingsSinceToolChange,
    readingsSinceStop: state.readingsSinceStop,
  });
}

const STATE_KEYS = new Set([
  'version',
  'lastRecordedAt',
  'lastToolWearMin',
  'typicalIntervalMs',
  'mean15',
  'mean120',
  'toolWearRate',
  'readingsSinceToolChange',
  'readingsSinceStop',
]);

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

const isCounter = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= WINDOW_COUNTER_CAP;

const isMeans = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length === QUANTITY_COUNT && value.every(isFiniteNumber);

/**
 * A state from its stored form: JSON text, or the value a driver already parsed (MySQL's JSON type). Null for
 * anything else: another layout version, a missing or extra field, a value out of range, text that is not JSON.
 * The caller then starts the asset afresh (its features are off for about 120 readings, then right again).
 */
export function windowStateFromJson(stored: unknown): WindowState | null {
  let value: unknown = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch {
      // Not JSON: a state of no known layout, started afresh like any other.
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const s = value as Record<string, unknown>;
  const keys = Object.keys(s);
  if (keys.length !== STATE_KEYS.size || !keys.every((k) => STATE_KEYS.has(k))) return null;
  if (s['version'] !== WINDOW_STATE_VERSION) return null;
  const { lastRecordedAt, lastToolWearMin, typicalIntervalMs: interval, mean15, mean120, toolWearRate } = s;
  if (!(lastRecordedAt === null || (isFiniteNumber(lastRecordedAt) && Number.isInteger(lastRecordedAt)))) {
    return null;
  }
  if (!isFiniteNumber(lastToolWearMin) || !isFiniteNumber(toolWearRate)) return null;
  if (!(interval === null || (isFiniteNumber(interval) && interval > 0))) return null;
  if (!isMeans(mean15) || !isMeans(mean120)) return null;
  if (!isCounter(s['readingsSinceToolChange']) || !isCounter(s['readingsSinceStop'])) return null;
  if (lastRecordedAt === null && interval !== null) return null;
  return makeWindowState(
    lastRecordedAt ?? Number.NaN,
    lastToolWearMin,
    interval ?? Number.NaN,
    Float64Array.from(mean15),
    Float64Array.from(mean120),
    toolWearRate,
    s['readingsSinceToolChange'],
    s['readingsSinceStop'],
  );
}
