// A corpus of damaged CSV files for the loader's fuzz (#20): each line's damage and whether it must load.
import fc from 'fast-check';
import { rawCsvHeader, rawCsvLine, type RawReadingRow } from '../raw/write-raw-readings.js';

/** What is done to one data line. */
export type LineDamage =
  | 'none'
  | 'crlf'
  | 'quoted'
  | 'quoted-comma'
  | 'extra-column'
  | 'missing-column'
  | 'bad-number'
  | 'unknown-type'
  | 'blank-field-id';

/** Damages that leave a valid reading (the loader must store it). */
const VALID_DAMAGES: ReadonlySet<LineDamage> = new Set(['none', 'crlf', 'quoted']);

/** What is done to the whole file. */
export interface FileDamage {
  readonly hasBom: boolean;
  readonly isCrlf: boolean;
  /** Cut the last line at this fraction of its length, without its newline. */
  readonly truncateLast: number | null;
}

/** One damaged file: its bytes and, per data line (1-based file line, header = 1), whether it must load. */
export interface DamagedCsv {
  readonly bytes: Buffer;
  /** Lines that must be loaded, and lines that must be rejected. */
  readonly good: readonly number[];
  readonly bad: readonly number[];
  /** The cut last line: loaded or rejected, but exactly one of them. */
  readonly either: number | null;
}

/** A line damage, mostly none. */
export const lineDamage: fc.Arbitrary<LineDamage> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('none' as const) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<LineDamage>(
      'crlf',
      'quoted',
      'quoted-comma',
      'extra-column',
      'missing-column',
      'bad-number',
      'unknown-type',
      'blank-field-id',
    ),
  },
);

/** A file damage. */
export const fileDamage: fc.Arbitrary<FileDamage> = fc.record({
  hasBom: fc.boolean(),
  isCrlf: fc.boolean(),
  truncateLast: fc.option(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { freq: 3 }),
});

function damage(line: string, how: LineDamage): string {
  const fields = line.split(',');
  switch (how) {
    case 'none':
      return line;
    case 'crlf':
      return `${line}\r`;
    case 'quoted':
      // RFC 4180: a quoted field, with a doubled quote nowhere needed; the value is the same.
      return [`"${fields[0] ?? ''}"`, ...fields.slice(1)].join(',');
    case 'quoted-comma':
      return [fields[0], fields[1], fields[2], `"S01,L01"`, ...fields.slice(4)].join(',');
    case 'extra-column':
      return `${line},extra`;
    case 'missing-column':
      return fields.slice(0, -1).join(',');
    case 'bad-number':
      return [...fields.slice(0, 8), '4o.2', ...fields.slice(9)].join(',');
    case 'unknown-type':
      return [fields[0], fields[1], 'Q', ...fields.slice(3)].join(',');
    case 'blank-field-id':
      return ['', ...fields.slice(1)].join(',');
  }
}

/** Builds the file: header, one line per row with its damage, then the file damage. */
export function damagedCsv(
  rows: readonly RawReadingRow[],
  damages: readonly LineDamage[],
  file: FileDamage,
): DamagedCsv {
  const eol = file.isCrlf ? '\r\n' : '\n';
  let good: number[] = [];
  let bad: number[] = [];
  const lines = rows.map((row, i) => {
    const how = damages[i % damages.length] ?? 'none';
    (VALID_DAMAGES.has(how) ? good : bad).push(i + 2);
    // A CRLF file's line already ends in \r\n: no extra \r for the 'crlf' damage there.
    return damage(rawCsvLine(row).trimEnd(), file.isCrlf && how === 'crlf' ? 'none' : how);
  });
  let text = `${rawCsvHeader().trimEnd()}${eol}${lines.join(eol)}${eol}`;
  let either: number | null = null;
  const last = lines.at(-1);
  if (file.truncateLast !== null && last !== undefined) {
    const lineNo = lines.length + 1;
    text = `${text.slice(0, text.length - last.length - eol.length)}${last.slice(0, Math.max(1, Math.floor(last.length * file.truncateLast)))}`;
    good = good.filter((n) => n !== lineNo);
    bad = bad.filter((n) => n !== lineNo);
    either = lineNo;
  }
  const bytes = Buffer.concat([Buffer.from(file.hasBom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
  return { bytes, good, bad, either };
}
