import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleRows } from '../testing/sample-rows.js';
import {
  CANONICAL_CSV_HEADER,
  checkCanonicalCsvLine,
  emptyLineFacts,
  rawCsvLoadDataColumns,
} from './canonical-csv-line.js';
import { csvLineValue } from './read-raw-records.js';
import { toReadingToStore } from './to-reading-to-store.js';
import { rawCsvLine } from './write-raw-readings.js';

const NOW_MS = Date.UTC(2026, 5, 1);
const HEADER = CANONICAL_CSV_HEADER.split(',');
const ROWS = sampleRows({ seed: 11, rows: 400, assets: 8 });
const LINES = ROWS.map((row) => rawCsvLine(row).trimEnd());

/** The general path's verdict on a line: what toReadingToStore makes of its CSV record. */
function generalVerdict(line: string): ReturnType<typeof toReadingToStore> | undefined {
  const value = csvLineValue(line, HEADER);
  return value.ok ? toReadingToStore(value.record, NOW_MS) : undefined;
}

function fastVerdict(line: string): ReturnType<typeof emptyLineFacts> | undefined {
  const buf = Buffer.from(`xx${line}\n`, 'utf8');
  const facts = emptyLineFacts();
  return checkCanonicalCsvLine(buf, 2, buf.length - 1, NOW_MS, facts) ? facts : undefined;
}

/** Values a field may be replaced with: near and beyond the limits, other syntaxes, hostile text. */
const FIELD_VALUES = [
  '',
  '0',
  '1',
  '-0',
  '-1',
  '2',
  '0.5',
  '1.0',
  '1.00000000000000001',
  '0.99999999999999999999',
  '199.99999999999999',
  '200',
  '400',
  '400.0000000000001',
  '500',
  '500.00001',
  '10000',
  '10000.000000000001',
  '1000',
  '1e2',
  '+300',
  ' 300',
  '300 ',
  '.5',
  '5.',
  '3..1',
  'NaN',
  'Infinity',
  'true',
  'false',
  'L',
  'M',
  'H',
  'X',
  'l',
  'A-1',
  'a:b.c_d-e',
  '-bad',
  'x'.repeat(64),
  'x'.repeat(65),
  'é',
  '"L"',
  'a\\b',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00.000+00:00',
  '2026-02-29T00:00:00.000Z',
  '2024-02-29T23:59:59.999Z',
  '2026-06-01T00:05:00.000Z',
  '2026-06-01T00:05:00.001Z',
  '1999-12-31T23:59:59.999Z',
  '2026-13-01T00:00:00.000Z',
  '2026-01-01t00:00:00.000z',
  '2026-01-01T24:00:00.000Z',
  '1767225600000',
];

describe('canonical CSV lines', () => {
  it('accepts the lines rawCsvLine writes, with the facts the loader keeps', () => {
    for (const [i, line] of LINES.entries()) {
      const facts = fastVerdict(line);
      const reading = ROWS[i]?.reading;
      expect(facts, line).toBeDefined();
      expect(facts?.recordedAtMs).toBe(reading?.recordedAt);
      expect(facts?.assetEnd === undefined ? '' : `xx${line}`.slice(facts.assetStart, facts.assetEnd)).toBe(
        reading?.assetId,
      );
    }
  });

  it('never accepts a line the general path rejects, and agrees on the instant (any field replaced)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LINES),
        fc.array(
          fc.tuple(fc.nat(HEADER.length - 1), fc.oneof(fc.constantFrom(...FIELD_VALUES), fc.string())),
          { minLength: 1, maxLength: 3 },
        ),
        (line, edits) => {
          const fields = line.split(',');
          for (const [index, value] of edits) fields[index] = value;
          const edited = fields.join(',');
          const facts = fastVerdict(edited);
          if (facts === undefined) return;
          const general = generalVerdict(edited);
          expect(general?.ok, edited).toBe(true);
          if (general?.ok === true) expect(facts.recordedAtMs).toBe(general.item.reading.recordedAt);
        },
      ),
      { numRuns: 5_000, seed: 20261121 },
    );
  });

  it('rejects lines with a wrong field count, quotes, CR or arbitrary text', () => {
    const line = LINES[0] ?? '';
    expect(fastVerdict(`${line},`)).toBeUndefined();
    expect(fastVerdict(line.split(',').slice(1).join(','))).toBeUndefined();
    expect(fastVerdict(`${line}\r`)).toBeUndefined();
    expect(fastVerdict(line.replace(',L,', ',"L",'))).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        if (fastVerdict(text) !== undefined) expect(generalVerdict(text)?.ok).toBe(true);
      }),
      { numRuns: 2_000, seed: 7 },
    );
  });

  it('names every raw column in the LOAD DATA column list, in file order', () => {
    const { columns, set } = rawCsvLoadDataColumns();
    expect(columns.map((c) => c.replace(/^@/, ''))).toEqual(HEADER);
    expect(set).toEqual(
      expect.arrayContaining([
        "recorded_at = STR_TO_DATE(@recorded_at, '%Y-%m-%dT%H:%i:%s.%fZ')",
        "failure_probability = NULLIF(@failure_probability, '')",
        "source = 'bulk'",
      ]),
    );
  });
});
