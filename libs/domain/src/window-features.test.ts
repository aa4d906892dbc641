import { describe, expect, it } from 'vitest';
import { deriveFeatures } from './derive-features.js';
import {
  WINDOW_COUNTER_CAP,
  WINDOW_FEATURE_COUNT,
  WINDOW_FEATURE_NAMES,
  WINDOW_STATE_VERSION,
  advanceWindow,
  createWindowState,
  expectedFailureAtMs,
  typicalIntervalMs,
  windowStateFromJson,
  windowStateToJson,
  type WindowFeatureName,
  type WindowInput,
  type WindowState,
} from './window-features.js';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

const base: WindowInput = {
  recordedAt: T0,
  assetType: 'M',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 0,
};

const at = (name: WindowFeatureName): number => WINDOW_FEATURE_NAMES.indexOf(name);

/** Folds `readings` into `state` in order; returns each reading's features. */
function run(readings: readonly WindowInput[], state: WindowState = createWindowState()): Float64Array[] {
  return readings.map((r) => {
    const out = new Float64Array(WINDOW_FEATURE_COUNT);
    advanceWindow(state, r, out, 0);
    return out;
  });
}

/** `n` readings a minute apart from `start`, each changed by `change(i)`. */
function series(
  n: number,
  change: (i: number) => Partial<WindowInput> = () => ({}),
  start = T0,
): WindowInput[] {
  return Array.from({ length: n }, (_, i) => ({ ...base, recordedAt: start + i * MINUTE, ...change(i) }));
}

function last(features: readonly Float64Array[]): Float64Array {
  const f = features.at(-1);
  if (f === undefined) throw new Error('no features');
  return f;
}

describe('WINDOW_FEATURE_NAMES', () => {
  it('lists the 27 features in the order of the ADR, the per-reading ones first', () => {
    expect(WINDOW_FEATURE_COUNT).toBe(27);
    expect(WINDOW_FEATURE_NAMES.slice(0, 9)).toEqual([
      'airTemperatureK',
      'processTemperatureK',
      'rotationalSpeedRpm',
      'torqueNm',
      'toolWearMin',
      'assetTypeCode',
      'powerW',
      'temperatureDifferenceK',
      'overstrainRatio',
    ]);
    const windowed = [
      'torqueNm',
      'rotationalSpeedRpm',
      'powerW',
      'temperatureDifferenceK',
      'overstrainRatio',
    ];
    expect(WINDOW_FEATURE_NAMES.slice(9, 24)).toEqual(
      windowed.flatMap((q) => [`${q}Mean15`, `${q}Mean120`, `${q}Slope`]),
    );
    expect(WINDOW_FEATURE_NAMES.slice(24)).toEqual([
      'toolWearRate',
      'readingsSinceToolChange',
      'readingsSinceStop',
    ]);
    expect(new Set(WINDOW_FEATURE_NAMES).size).toBe(27);
  });
});

describe('advanceWindow', () => {
  it('writes the per-reading features from deriveFeatures and the variant code', () => {
    const reading = { ...base, assetType: 'H' as const, toolWearMin: 120 };
    const [f] = run([reading]);
    const physics = deriveFeatures(reading);
    expect(Array.from(f?.slice(0, 9) ?? [])).toEqual([
      300,
      310,
      1500,
      40,
      120,
      2,
      physics.powerW,
      physics.temperatureDifferenceK,
      physics.overstrainRatio,
    ]);
    expect(run([{ ...base, assetType: 'L' }])[0]?.[at('assetTypeCode')]).toBe(0);
    expect(run([base])[0]?.[at('assetTypeCode')]).toBe(1);
  });

  it('starts every mean at the first reading, slopes, rate and counters at 0', () => {
    const [f] = run([{ ...base, toolWearMin: 50 }]);
    expect(f?.[at('torqueNmMean15')]).toBe(40);
    expect(f?.[at('torqueNmMean120')]).toBe(40);
    expect(f?.[at('powerWMean120')]).toBe(f?.[at('powerW')]);
    expect(f?.[at('overstrainRatioMean15')]).toBe(f?.[at('overstrainRatio')]);
    for (const name of [
      'torqueNmSlope',
      'rotationalSpeedRpmSlope',
      'powerWSlope',
      'temperatureDifferenceKSlope',
      'overstrainRatioSlope',
      'toolWearRate',
      'readingsSinceToolChange',
      'readingsSinceStop',
    ] as const) {
      expect(f?.[at(name)], name).toBe(0);
    }
  });

  it('computes exponentially weighted means with alpha = 2/(N+1), the current reading included', () => {
    const f = last(run(series(3, (i) => ({ torqueNm: [10, 20, 30][i] ?? 0 }))));
    // Span 15: alpha 1/8; 10, 11.25, 13.59375.
    expect(f[at('torqueNmMean15')]).toBe(13.59375);
    // Span 120: alpha 2/121; 10, 10.16529, 10.49314.
    expect(f[at('torqueNmMean120')]).toBeCloseTo(10.493135714773581, 12);
    expect(f[at('torqueNmSlope')]).toBeCloseTo((13.59375 - 10.493135714773581) / 52.5, 12);
  });

  it('gives a linear ramp its slope per reading once the long mean has warmed up', () => {
    const slopeNmPerReading = 0.01;
    const features = run(series(3_000, (i) => ({ torqueNm: 20 + slopeNmPerReading * i })));
    expect(last(features)[at('torqueNmSlope')]).toBeCloseTo(slopeNmPerReading, 9);
    // Power is torque × speed × 2π/60, so it ramps by 0.01 × 1500 × 2π/60 W per reading.
    expect(last(features)[at('powerWSlope')]).toBeCloseTo(slopeNmPerReading * 50 * Math.PI, 6);
    expect(last(features)[at('rotationalSpeedRpmSlope')]).toBe(0);
    // Early on the long mean still remembers the start, so the slope is below the trend.
    expect(features[20]?.[at('torqueNmSlope')]).toBeLessThan(slopeNmPerReading * 0.5);
  });

  it('measures the tool-wear rate, and restarts the tool counter on a tool change without disturbing the rate', () => {
    const wear = [0, 2, 4, 6, 8, 10, 1, 3];
    const features = run(series(wear.length, (i) => ({ toolWearMin: wear[i] ?? 0 })));
    expect(features.map((f) => f[at('readingsSinceToolChange')])).toEqual([0, 1, 2, 3, 4, 5, 0, 1]);
    const rate = features.map((f) => f[at('toolWearRate')] ?? NaN);
    // EWMA of increments 2, 2, 2, 2, 2 from 0 with alpha 1/8: 1 - (7/8)^n of 2.
    expect(rate[5]).toBeCloseTo(2 * (1 - (7 / 8) ** 5), 12);
    expect(rate[6]).toBe(rate[5]);
    expect(rate[7]).toBeCloseTo((rate[6] ?? NaN) + (2 - (rate[6] ?? NaN)) / 8, 12);
  });

  it('counts readings since a stop: a gap of more than 5 typical intervals', () => {
    const times = [0, 1, 2, 3, 7, 8, 14, 15].map((m) => T0 + m * MINUTE);
    const state = createWindowState();
    const features = run(
      times.map((recordedAt) => ({ ...base, recordedAt })),
      state,
    );
    // 4 minutes is no stop (4 ≤ 5 × 1), 6 minutes is.
    expect(features.map((f) => f[at('readingsSinceStop')])).toEqual([0, 1, 2, 3, 4, 5, 0, 1]);
    // Both long intervals (more than 3 typical ones) are left out of the typical interval.
    expect(typicalIntervalMs(state)).toBe(MINUTE);
  });

  it('starts the typical interval from the first interval and follows intervals up to 3 typical ones', () => {
    const state = createWindowState();
    run([base], state);
    expect(typicalIntervalMs(state)).toBeNull();
    run([{ ...base, recordedAt: T0 + 100 }], state);
    expect(typicalIntervalMs(state)).toBe(100);
    run([{ ...base, recordedAt: T0 + 100 + 300 }], state);
    expect(typicalIntervalMs(state)).toBe(100 + (300 - 100) / 8);
    run([{ ...base, recordedAt: T0 + 400 + 10_000 }], state);
    expect(typicalIntervalMs(state)).toBe(125);
  });

  it('leaves the state unchanged for a reading at or before its latest, and gives it the state window features', () => {
    const state = createWindowState();
    const features = run(
      series(10, (i) => ({ torqueNm: 30 + i, toolWearMin: i })),
      state,
    );
    const before = windowStateToJson(state);
    const late = { ...base, recordedAt: T0 + 3 * MINUTE, torqueNm: 70, toolWearMin: 100 };
    const redelivered = { ...base, recordedAt: T0 + 9 * MINUTE, torqueNm: 39, toolWearMin: 9 };
    const [fLate, fAgain] = run([late, redelivered], state);
    expect(windowStateToJson(state)).toBe(before);
    expect(fLate?.[at('torqueNm')]).toBe(70);
    expect(fLate?.[at('toolWearMin')]).toBe(100);
    expect(Array.from(fLate?.slice(9) ?? [])).toEqual(Array.from(last(features).slice(9)));
    expect(Array.from(fAgain ?? [])).toEqual(Array.from(last(features)));
  });

  it('caps the counters', () => {
    const state = createWindowState();
    run([base], state);
    state.readingsSinceStop = WINDOW_COUNTER_CAP;
    state.readingsSinceToolChange = WINDOW_COUNTER_CAP - 1;
    const [f] = run([{ ...base, recordedAt: T0 + MINUTE }], state);
    expect(f?.[at('readingsSinceStop')]).toBe(WINDOW_COUNTER_CAP);
    expect(f?.[at('readingsSinceToolChange')]).toBe(WINDOW_COUNTER_CAP);
  });

  it('writes at an offset of a shared matrix and refuses one that does not fit', () => {
    const matrix = new Float64Array(2 * WINDOW_FEATURE_COUNT).fill(-1);
    const state = createWindowState();
    advanceWindow(state, base, matrix, WINDOW_FEATURE_COUNT);
    expect(matrix[WINDOW_FEATURE_COUNT - 1]).toBe(-1);
    expect(matrix[WINDOW_FEATURE_COUNT]).toBe(300);
    expect(() => {
      advanceWindow(state, base, matrix, WINDOW_FEATURE_COUNT + 1);
    }).toThrow(RangeError);
    expect(() => {
      advanceWindow(state, base, matrix, -1);
    }).toThrow(/do not fit at offset -1/);
  });
});

describe('expectedFailureAtMs', () => {
  it('converts machine-minutes to the asset sampling interval', () => {
    const state = createWindowState();
    run([base, { ...base, recordedAt: T0 + 100 }], state);
    // One reading a machine-minute every 100 ms: 30 machine-minutes are 3 s.
    expect(expectedFailureAtMs(state, T0 + 100, 30)).toBe(T0 + 100 + 3_000);
    expect(expectedFailureAtMs(state, T0 + 100, 0)).toBe(T0 + 100);
  });

  it('gives no time without an estimate or before the asset has an interval', () => {
    const state = createWindowState();
    run([base], state);
    expect(expectedFailureAtMs(state, T0, 30)).toBeNull();
    run([{ ...base, recordedAt: T0 + MINUTE }], state);
    expect(expectedFailureAtMs(state, T0 + MINUTE, null)).toBeNull();
    expect(expectedFailureAtMs(state, T0 + MINUTE, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('windowStateToJson / windowStateFromJson', () => {
  const readings = series(300, (i) => ({
    torqueNm: 30 + 10 * Math.sin(i / 7),
    toolWearMin: i % 120,
    // A stop of 10 minutes after every 50 readings.
    recordedAt: T0 + i * MINUTE + Math.floor(i / 50) * 10 * MINUTE,
  }));

  it('round-trips a state exactly: a restart from the stored form computes what one continuous run does', () => {
    const continuous = createWindowState();
    const whole = run(readings, continuous);
    const first = createWindowState();
    run(readings.slice(0, 170), first);
    const stored = windowStateToJson(first);
    const restored = windowStateFromJson(stored);
    expect(restored).toEqual(first);
    const rest = run(readings.slice(170), restored ?? createWindowState());
    expect(rest.map((f) => Array.from(f))).toEqual(whole.slice(170).map((f) => Array.from(f)));
    expect(windowStateToJson(restored ?? createWindowState())).toBe(windowStateToJson(continuous));
  });

  it('accepts the value a driver parsed already, and a state with no reading yet', () => {
    const state = createWindowState();
    run(readings.slice(0, 3), state);
    expect(windowStateFromJson(JSON.parse(windowStateToJson(state)))).toEqual(state);
    expect(windowStateFromJson(windowStateToJson(createWindowState()))).toEqual(createWindowState());
    // "Not yet" is NaN in memory (no boxing on the hot path) and null in the stored form.
    expect(JSON.parse(windowStateToJson(createWindowState()))).toMatchObject({
      lastRecordedAt: null,
      typicalIntervalMs: null,
    });
    expect(createWindowState().lastRecordedAt).toBeNaN();
  });

  it('does not share arrays with the parsed value', () => {
    const parsed = JSON.parse(windowStateToJson(createWindowState())) as { mean15: number[] };
    const state = windowStateFromJson(parsed);
    state?.mean15.fill(5);
    expect(parsed.mean15).toEqual([0, 0, 0, 0, 0]);
  });

  it('returns null for another layout version, so the caller starts afresh', () => {
    const state = createWindowState();
    run(readings.slice(0, 3), state);
    const stored = JSON.parse(windowStateToJson(state)) as Record<string, unknown>;
    expect(stored['version']).toBe(WINDOW_STATE_VERSION);
    expect(windowStateFromJson({ ...stored, version: WINDOW_STATE_VERSION + 1 })).toBeNull();
    expect(windowStateFromJson({ ...stored, version: '1' })).toBeNull();
  });

  it('returns null for a wrong shape', () => {
    const state = createWindowState();
    run(readings.slice(0, 3), state);
    const good = JSON.parse(windowStateToJson(state)) as Record<string, unknown>;
    const missing = Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'toolWearRate'));
    const bad: unknown[] = [
      'not json',
      '[]',
      'null',
      42,
      null,
      missing,
      { ...good, extra: 1 },
      { ...good, mean15: [1, 2, 3, 4] },
      { ...good, mean120: [1, 2, 3, 4, '5'] },
      { ...good, mean15: 'x' },
      { ...good, lastRecordedAt: 1.5 },
      { ...good, lastRecordedAt: '2026-01-01' },
      { ...good, typicalIntervalMs: 0 },
      { ...good, typicalIntervalMs: -5 },
      { ...good, readingsSinceStop: -1 },
      { ...good, readingsSinceToolChange: 2.5 },
      { ...good, readingsSinceToolChange: WINDOW_COUNTER_CAP + 1 },
      { ...good, toolWearRate: null },
      { ...good, lastToolWearMin: '3' },
      { ...good, lastRecordedAt: null },
    ];
    for (const value of bad) expect(windowStateFromJson(value), JSON.stringify(value)).toBeNull();
    expect(windowStateFromJson(good)).not.toBeNull();
  });
});
