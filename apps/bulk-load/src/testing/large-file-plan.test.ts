import { describe, expect, it } from 'vitest';
import { sampleRows } from './sample-rows.js';
import { rawCsvLine } from '../raw/write-raw-readings.js';
import { checkCanonicalCsvLine, emptyLineFacts } from '../raw/canonical-csv-line.js';
import {
  checkLargeFilePlan,
  damageLine,
  ExpectationBuilder,
  judgeLargeFile,
  killAfterRows,
  plantedDamage,
  truncatedLine,
  type RejectEntry,
} from './large-file-plan.js';

const plan = { badEvery: 10, seed: 3 };
const line = rawCsvLine(sampleRows({ seed: 1, rows: 1, assets: 1, intervalMs: 1_000 })[0]!);
/** Whether the loader's byte check passes a line (without its newline) as canonical and valid. */
const isCanonical = (text: string): boolean => {
  const buf = Buffer.from(text);
  return checkCanonicalCsvLine(buf, 0, buf.length, Date.now(), emptyLineFacts());
};

describe('plantedDamage', () => {
  it('damages exactly every badEvery-th line, never the header, the same way each time', () => {
    const damaged = Array.from({ length: 100 }, (_, i) => i + 1).filter(
      (l) => plantedDamage(plan, l) !== undefined,
    );
    expect(damaged).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(plantedDamage({ badEvery: 2, seed: 3 }, 1)).toBeUndefined();
    expect(damaged.map((l) => plantedDamage(plan, l))).toEqual(damaged.map((l) => plantedDamage(plan, l)));
  });

  it('uses every kind of damage over a file', () => {
    const kinds = new Set(Array.from({ length: 60 }, (_, i) => plantedDamage(plan, (i + 1) * plan.badEvery)));
    expect(kinds).toEqual(new Set(['extra-column', 'missing-column', 'out-of-range']));
  });

  it('refuses a plan that would damage every line or has a fractional step', () => {
    expect(() => checkLargeFilePlan({ badEvery: 1, seed: 0 })).toThrow(/badEvery/);
    expect(() => checkLargeFilePlan({ badEvery: 2.5, seed: 0 })).toThrow(/badEvery/);
    expect(() => checkLargeFilePlan({ badEvery: 5, seed: 0.5 })).toThrow(/seed/);
  });
});

describe('damageLine and truncatedLine', () => {
  it('starts from a line the loader accepts', () => {
    expect(isCanonical(line.slice(0, -1))).toBe(true);
  });

  it('changes the column count or puts the speed out of range, keeping the newline', () => {
    const fields = line.slice(0, -1).split(',').length;
    const extra = damageLine(line, 'extra-column');
    const missing = damageLine(line, 'missing-column');
    const range = damageLine(line, 'out-of-range');
    expect(extra.slice(0, -1).split(',')).toHaveLength(fields + 1);
    expect(missing.slice(0, -1).split(',')).toHaveLength(fields - 1);
    expect(range.slice(0, -1).split(',')[7]).toBe('20000');
    for (const bad of [extra, missing, range]) {
      expect(bad.endsWith('\n')).toBe(true);
      expect(isCanonical(bad.slice(0, -1))).toBe(false);
    }
    expect(() => damageLine('a,b\n', 'extra-column')).toThrow(/not a raw CSV line/);
    expect(() => damageLine(line.slice(0, -1), 'extra-column')).toThrow(/newline/);
  });

  it('cuts the last line after three fields, without a newline', () => {
    const cut = truncatedLine(line);
    expect(cut.split(',')).toHaveLength(3);
    expect(cut.includes('\n')).toBe(false);
    expect(line.startsWith(cut)).toBe(true);
  });
});

describe('judgeLargeFile', () => {
  const builder = new ExpectationBuilder();
  for (const a of ['A', 'A', 'B']) builder.addGood(a);
  builder.addBad(4);
  builder.addBad(9);
  const expected = builder.build();
  const rejects = (lines: readonly number[]): RejectEntry[] =>
    lines.map((l) => ({ line: l, reasons: [{ reason: 'out_of_range' }] }));

  it('accepts exactly the good rows and exactly the planted rejects', () => {
    const verdict = judgeLargeFile(
      expected,
      new Map([
        ['A', 2],
        ['B', 1],
      ]),
      rejects([4, 9]),
    );
    expect(verdict).toMatchObject({ isOk: true, missing: 0, duplicates: 0, rejectsReported: 2 });
    expect(expected.goodRows).toBe(3);
  });

  it('counts lost rows, extra rows and repeated rejects', () => {
    expect(judgeLargeFile(expected, new Map([['A', 1]]), rejects([4, 9]))).toMatchObject({
      isOk: false,
      missing: 2,
      duplicates: 0,
    });
    expect(
      judgeLargeFile(
        expected,
        new Map([
          ['A', 3],
          ['B', 1],
          ['C', 2],
        ]),
        rejects([4, 9]),
      ),
    ).toMatchObject({
      isOk: false,
      missing: 0,
      duplicates: 3,
    });
    expect(
      judgeLargeFile(
        expected,
        new Map([
          ['A', 2],
          ['B', 1],
        ]),
        rejects([4, 4, 9]),
      ),
    ).toMatchObject({
      isOk: false,
      duplicates: 1,
      rejectsReported: 3,
    });
  });

  it('names unreported bad lines, rejected good lines and rejects without a reason', () => {
    const stored = new Map([
      ['A', 2],
      ['B', 1],
    ]);
    expect(judgeLargeFile(expected, stored, rejects([4]))).toMatchObject({
      isOk: false,
      unreportedBadLines: [9],
    });
    expect(judgeLargeFile(expected, stored, rejects([4, 5, 9]))).toMatchObject({
      isOk: false,
      unexpectedRejectLines: [5],
    });
    expect(judgeLargeFile(expected, stored, [...rejects([4]), { line: 9, reasons: [] }])).toMatchObject({
      isOk: false,
      rejectsWithoutReason: [9],
    });
  });

  it('refuses bad lines out of order', () => {
    const b = new ExpectationBuilder();
    b.addBad(5);
    expect(() => b.addBad(5)).toThrow(/ascend/);
  });
});

describe('killAfterRows', () => {
  it('is seeded and falls within 20-80 % of the good rows', () => {
    const points = Array.from({ length: 50 }, (_, seed) => killAfterRows(1_000_000, seed));
    expect(points.every((p) => p >= 200_000 && p <= 800_000)).toBe(true);
    expect(new Set(points).size).toBeGreaterThan(40);
    expect(killAfterRows(1_000_000, 7)).toBe(killAfterRows(1_000_000, 7));
  });
});
