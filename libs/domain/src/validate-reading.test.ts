import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FUTURE_SKEW_MS, EARLIEST_RECORDED_AT_MS } from './check-recorded-at.js';
import {
  READING_PROBLEM_REASONS,
  type ReadingProblem,
  type ReadingProblemReason,
} from './reading-problem.js';
import { validateReading, validateReadings } from './validate-reading.js';

const NOW_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const options = { nowMs: NOW_MS };

const valid = (): Record<string, unknown> => ({
  recordedAt: NOW_MS - 1_000,
  assetId: 'S01-L02-M0007',
  assetType: 'M',
  siteId: 'S01',
  lineId: 'S01-L02',
  airTemperatureK: 298.1,
  processTemperatureK: 308.6,
  rotationalSpeedRpm: 1551,
  torqueNm: 42.8,
  toolWearMin: 0,
  labels: { machineFailure: false, TWF: false, HDF: false, PWF: false, OSF: false, RNF: false },
});

const problemsOf = (input: unknown, opts = options): readonly ReadingProblem[] => {
  const result = validateReading(input, opts);
  return result.ok ? [] : result.problems;
};
const reasonsAt = (input: unknown): [string, ReadingProblemReason][] =>
  problemsOf(input).map((p) => [p.path, p.reason]);

describe('validateReading', () => {
  it('accepts a complete reading and returns it unchanged', () => {
    const input = valid();
    expect(validateReading(input, options)).toEqual({ ok: true, reading: input });
  });

  it('accepts a reading without the optional site, line and labels', () => {
    const minimal = valid();
    delete minimal['siteId'];
    delete minimal['lineId'];
    delete minimal['labels'];
    const result = validateReading(minimal, options);
    expect(result).toEqual({ ok: true, reading: minimal });
  });

  it('treats keys set to undefined like absent keys', () => {
    expect(validateReading({ ...valid(), siteId: undefined, labels: undefined }, options).ok).toBe(true);
  });

  it('rejects anything that is not a plain object with not_an_object', () => {
    for (const input of [null, undefined, 42, 'reading', [valid()], true]) {
      expect(reasonsAt(input)).toEqual([['', 'not_an_object']]);
    }
  });

  it('reports each missing required field', () => {
    expect(reasonsAt({})).toEqual([
      ['/recordedAt', 'missing'],
      ['/assetId', 'missing'],
      ['/assetType', 'missing'],
      ['/airTemperatureK', 'missing'],
      ['/processTemperatureK', 'missing'],
      ['/rotationalSpeedRpm', 'missing'],
      ['/torqueNm', 'missing'],
      ['/toolWearMin', 'missing'],
    ]);
  });

  it('treats null in a required field as missing', () => {
    expect(reasonsAt({ ...valid(), torqueNm: null, assetId: null })).toEqual([
      ['/assetId', 'missing'],
      ['/torqueNm', 'missing'],
    ]);
  });

  it('rejects strings, booleans and objects where numbers belong, without coercion, as wrong_type', () => {
    expect(
      reasonsAt({
        ...valid(),
        torqueNm: '42.8',
        airTemperatureK: 'NaN',
        rotationalSpeedRpm: true,
        toolWearMin: {},
      }),
    ).toEqual([
      ['/airTemperatureK', 'wrong_type'],
      ['/rotationalSpeedRpm', 'wrong_type'],
      ['/torqueNm', 'wrong_type'],
      ['/toolWearMin', 'wrong_type'],
    ]);
  });

  it('rejects NaN and infinities as non_finite', () => {
    const problems = problemsOf({
      ...valid(),
      torqueNm: Number.NaN,
      rotationalSpeedRpm: Number.POSITIVE_INFINITY,
      recordedAt: Number.NEGATIVE_INFINITY,
    });
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      ['/recordedAt', 'non_finite'],
      ['/rotationalSpeedRpm', 'non_finite'],
      ['/torqueNm', 'non_finite'],
    ]);
    expect(problems[2]?.message).toContain('NaN');
  });

  it('rejects values outside PHYSICAL_RANGES as out_of_range, naming bounds and unit', () => {
    const problems = problemsOf({ ...valid(), torqueNm: 612, airTemperatureK: -3, toolWearMin: 1_000.5 });
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      ['/airTemperatureK', 'out_of_range'],
      ['/torqueNm', 'out_of_range'],
      ['/toolWearMin', 'out_of_range'],
    ]);
    expect(problems[1]?.message).toBe('torqueNm must be within 0..500 Nm, got 612');
  });

  it('accepts values exactly on the range bounds', () => {
    expect(validateReading({ ...valid(), torqueNm: 0, rotationalSpeedRpm: 10_000 }, options).ok).toBe(true);
  });

  it('rejects an asset type other than L, M or H as unknown_asset_type', () => {
    expect(reasonsAt({ ...valid(), assetType: 'X' })).toEqual([['/assetType', 'unknown_asset_type']]);
    expect(reasonsAt({ ...valid(), assetType: 'l' })).toEqual([['/assetType', 'unknown_asset_type']]);
    expect(reasonsAt({ ...valid(), assetType: 1 })).toEqual([['/assetType', 'wrong_type']]);
  });

  it('rejects ids that break the asset id pattern as invalid_format', () => {
    expect(reasonsAt({ ...valid(), assetId: 'machine 7', siteId: '', lineId: '-L1' })).toEqual([
      ['/assetId', 'invalid_format'],
      ['/siteId', 'invalid_format'],
      ['/lineId', 'invalid_format'],
    ]);
    expect(reasonsAt({ ...valid(), assetId: 'x'.repeat(65) })).toEqual([['/assetId', 'invalid_format']]);
  });

  it('rejects non-string ids, including null optional ids, as wrong_type', () => {
    expect(reasonsAt({ ...valid(), assetId: 7, siteId: null })).toEqual([
      ['/assetId', 'wrong_type'],
      ['/siteId', 'wrong_type'],
    ]);
  });

  it('rejects unknown fields at the top level and in labels, escaping the pointer', () => {
    const input = {
      ...valid(),
      deviceId: 'x',
      'a/b~c': 1,
      labels: { ...(valid()['labels'] as object), XYZ: true },
    };
    expect(reasonsAt(input)).toEqual([
      ['/deviceId', 'unknown_field'],
      ['/a~1b~0c', 'unknown_field'],
      ['/labels/XYZ', 'unknown_field'],
    ]);
  });

  describe('recordedAt', () => {
    it('normalises an ISO-8601 instant with Z or an offset to epoch ms', () => {
      const at = (recordedAt: string): unknown => {
        const result = validateReading({ ...valid(), recordedAt }, options);
        return result.ok ? result.reading.recordedAt : result.problems;
      };
      expect(at('2025-06-01T11:00:00Z')).toBe(Date.UTC(2025, 5, 1, 11));
      expect(at('2025-06-01T13:30:00.250+02:00')).toBe(Date.UTC(2025, 5, 1, 11, 30, 0, 250));
      expect(at('2025-06-01T06:00:00-05:00')).toBe(Date.UTC(2025, 5, 1, 11));
      // Sub-millisecond digits are truncated, not rounded up into the next millisecond.
      expect(at('2025-06-01T11:00:00.123999999Z')).toBe(Date.UTC(2025, 5, 1, 11, 0, 0, 123));
    });

    it('rejects an ISO string without a zone, or any other string, as wrong_type', () => {
      for (const recordedAt of ['2025-06-01T11:00:00', '2025-06-01', 'yesterday', '1748775600000', '']) {
        expect(reasonsAt({ ...valid(), recordedAt })).toEqual([['/recordedAt', 'wrong_type']]);
      }
    });

    it('rejects other types as wrong_type', () => {
      for (const recordedAt of [true, {}, [NOW_MS], 10n]) {
        expect(reasonsAt({ ...valid(), recordedAt })).toEqual([['/recordedAt', 'wrong_type']]);
      }
    });

    it('rejects fractional epoch ms and well-formed strings that name no instant as invalid_timestamp', () => {
      for (const recordedAt of [
        NOW_MS - 0.5,
        '2025-02-29T00:00:00Z',
        '2025-06-01T24:00:00Z',
        '2016-12-31T23:59:60Z',
      ]) {
        expect(reasonsAt({ ...valid(), recordedAt })).toEqual([['/recordedAt', 'invalid_timestamp']]);
      }
      expect(reasonsAt({ ...valid(), recordedAt: '2025-06-01T11:00:00+24:00' })).toEqual([
        ['/recordedAt', 'invalid_timestamp'],
      ]);
    });

    it('accepts 29 February in a leap year', () => {
      expect(validateReading({ ...valid(), recordedAt: '2024-02-29T00:00:00Z' }, options).ok).toBe(true);
    });

    it('rejects instants before 2000-01-01 as invalid_timestamp, including years below 100', () => {
      expect(reasonsAt({ ...valid(), recordedAt: EARLIEST_RECORDED_AT_MS - 1 })).toEqual([
        ['/recordedAt', 'invalid_timestamp'],
      ]);
      expect(reasonsAt({ ...valid(), recordedAt: 0 })).toEqual([['/recordedAt', 'invalid_timestamp']]);
      expect(reasonsAt({ ...valid(), recordedAt: '0099-01-01T00:00:00Z' })).toEqual([
        ['/recordedAt', 'invalid_timestamp'],
      ]);
      expect(validateReading({ ...valid(), recordedAt: EARLIEST_RECORDED_AT_MS }, options).ok).toBe(true);
    });

    it('rejects readings stamped beyond the allowed clock skew as future_timestamp', () => {
      expect(DEFAULT_MAX_FUTURE_SKEW_MS).toBe(300_000);
      expect(validateReading({ ...valid(), recordedAt: NOW_MS + 300_000 }, options).ok).toBe(true);
      expect(reasonsAt({ ...valid(), recordedAt: NOW_MS + 300_001 })).toEqual([
        ['/recordedAt', 'future_timestamp'],
      ]);
      expect(reasonsAt({ ...valid(), recordedAt: '2025-06-01T12:06:00Z' })).toEqual([
        ['/recordedAt', 'future_timestamp'],
      ]);
    });

    it('honours a custom maxFutureSkewMs', () => {
      const strict = { nowMs: NOW_MS, maxFutureSkewMs: 0 };
      expect(problemsOf({ ...valid(), recordedAt: NOW_MS + 1 }, strict).map((p) => p.reason)).toEqual([
        'future_timestamp',
      ]);
      expect(validateReading({ ...valid(), recordedAt: NOW_MS }, strict).ok).toBe(true);
    });

    it('refuses to validate against a non-finite clock', () => {
      expect(() => validateReading(valid(), { nowMs: Number.NaN })).toThrow(RangeError);
    });
  });

  describe('consistency', () => {
    it('rejects a process temperature below the air temperature as inconsistent', () => {
      const problems = problemsOf({ ...valid(), processTemperatureK: 297.9 });
      expect(problems.map((p) => [p.path, p.reason])).toEqual([['/processTemperatureK', 'inconsistent']]);
    });

    it('rejects a failure mode without machine failure as inconsistent', () => {
      const labels = { machineFailure: false, TWF: false, HDF: true, PWF: false, OSF: true, RNF: false };
      const problems = problemsOf({ ...valid(), labels });
      expect(problems.map((p) => [p.path, p.reason])).toEqual([['/labels/machineFailure', 'inconsistent']]);
      expect(problems[0]?.message).toContain('HDF, OSF are true');
    });

    it('accepts machine failure without a mode, as in nine rows of the published AI4I data', () => {
      const labels = { machineFailure: true, TWF: false, HDF: false, PWF: false, OSF: false, RNF: false };
      expect(validateReading({ ...valid(), labels }, options).ok).toBe(true);
    });

    it('reports missing and non-boolean labels', () => {
      expect(
        reasonsAt({
          ...valid(),
          labels: { machineFailure: 1, TWF: false, HDF: 'no', OSF: null, RNF: false },
        }),
      ).toEqual([
        ['/labels/machineFailure', 'wrong_type'],
        ['/labels/HDF', 'wrong_type'],
        ['/labels/PWF', 'missing'],
        ['/labels/OSF', 'missing'],
      ]);
      expect(reasonsAt({ ...valid(), labels: [] })).toEqual([['/labels', 'wrong_type']]);
      expect(reasonsAt({ ...valid(), labels: null })).toEqual([['/labels', 'wrong_type']]);
    });
  });

  it('reports every problem at once instead of stopping at the first', () => {
    const input = {
      recordedAt: NOW_MS + 3_600_000,
      assetId: 'bad id',
      assetType: 'Q',
      airTemperatureK: 301,
      processTemperatureK: 300,
      rotationalSpeedRpm: '1500',
      torqueNm: Number.NaN,
      toolWearMin: -1,
      colour: 'red',
      labels: { machineFailure: false, TWF: true, HDF: false, PWF: false, OSF: false, RNF: false },
    };
    expect(reasonsAt(input)).toEqual([
      ['/colour', 'unknown_field'],
      ['/recordedAt', 'future_timestamp'],
      ['/assetId', 'invalid_format'],
      ['/assetType', 'unknown_asset_type'],
      ['/rotationalSpeedRpm', 'wrong_type'],
      ['/torqueNm', 'non_finite'],
      ['/toolWearMin', 'out_of_range'],
      ['/processTemperatureK', 'inconsistent'],
      ['/labels/machineFailure', 'inconsistent'],
    ]);
  });

  it('has a test above for every reason code', () => {
    // Guards the list: a new reason must come with a test of its own.
    expect(READING_PROBLEM_REASONS).toEqual([
      'not_an_object',
      'missing',
      'wrong_type',
      'non_finite',
      'out_of_range',
      'unknown_asset_type',
      'invalid_timestamp',
      'future_timestamp',
      'invalid_format',
      'unknown_field',
      'inconsistent',
    ]);
  });
});

describe('validateReadings', () => {
  it('keeps valid readings in order and rejects the others with their index', () => {
    const batch = [
      valid(),
      { ...valid(), torqueNm: -1 },
      'garbage',
      { ...valid(), recordedAt: '2025-06-01T11:00:00Z' },
    ];
    const result = validateReadings(batch, options);
    expect(result.readings.map((r) => r.recordedAt)).toEqual([NOW_MS - 1_000, Date.UTC(2025, 5, 1, 11)]);
    expect(result.rejected.map((r) => [r.index, r.problems.map((p) => p.reason)])).toEqual([
      [1, ['out_of_range']],
      [2, ['not_an_object']],
    ]);
  });

  it('returns empty lists for an empty batch', () => {
    expect(validateReadings([], options)).toEqual({ readings: [], rejected: [] });
  });
});
