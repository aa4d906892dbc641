import { ValidationError } from '@lakehouse/runtime';
import { splitCsvLine } from '../raw/split-csv-line.js';

/*
 * The reading half of the CSV imports (`assets import`, `stock import`; ADR 0042, ADR 0046): one header line naming
 * the columns in any order, RFC 4180 quoting, LF or CRLF, an optional UTF-8 BOM; a header that lacks a required
 * column or names an unknown or repeated one refuses the file; every other line is a row, a reject or blank.
 */

/** One problem of a line; `path` is `/<column>` (the CSV's own name), `''` for the whole line. */
export interface CsvProblem {
  readonly path: string;
  readonly reason: string;
  readonly message: string;
}

/** A bad line, as the reject file holds it: file, 1-based line number (header = 1), every reason, the text. */
export interface CsvReject {
  readonly file: string;
  readonly line: number;
  readonly reasons: readonly CsvProblem[];
  readonly record: string;
}

/** A line split into as many fields as the header has. */
export interface CsvRow<C extends string> {
  /** 1-based line number, header = 1. */
  readonly line: number;
  readonly record: string;
  /** The trimmed cell of a column, `''` when the header lacks it. */
  readonly cell: (column: C) => string;
}

/** Result of {@link readCsvTable}. */
export interface CsvTable<C extends string> {
  readonly rows: readonly CsvRow<C>[];
  /** Lines that could not be split or have the wrong number of fields. */
  readonly rejects: readonly CsvReject[];
  /** Empty or whitespace-only lines after the header (no record, counted so that every line is accounted for). */
  readonly blankLines: number;
}

/** How {@link readCsvTable} reads a file. */
export interface CsvTableOptions<C extends string> {
  readonly file: string;
  /** What the file is, in messages: "register", "stock file". */
  readonly kind: string;
  readonly columns: readonly C[];
  readonly required: readonly C[];
  /** Further header rules (such as "one of two columns"), as problems. */
  readonly headerProblems?: (header: readonly string[]) => CsvProblem[];
}

function readHeader<C extends string>(line: string | undefined, options: CsvTableOptions<C>): C[] {
  const { file, kind, columns } = options;
  const known: ReadonlySet<string> = new Set(columns);
  const split = line === undefined ? null : splitCsvLine(line.replace(/^\uFEFF/, ''));
  const header = split?.ok === true ? split.fields.map((f) => f.trim()) : [];
  const problems: CsvProblem[] = [];
  for (const column of options.required)
    if (!header.includes(column))
      problems.push({ path: `/${column}`, reason: 'missing', message: `header column ${column} is missing` });
  problems.push(...(options.headerProblems?.(header) ?? []));
  for (const column of header.filter((c) => !known.has(c)))
    problems.push({
      path: `/${column}`,
      reason: 'unknown_field',
      message: `header column ${JSON.stringify(column)} is not a ${kind} column (${columns.join(', ')})`,
    });
  for (const column of new Set(header.filter((c, i) => header.indexOf(c) !== i)))
    problems.push({
      path: `/${column}`,
      reason: 'duplicate_column',
      message: `header names ${column} twice`,
    });
  if (problems.length > 0) {
    throw new ValidationError(
      `${file}: the ${kind} header is not usable (line 1: ${JSON.stringify((line ?? '').slice(0, 200))}): ${problems
        .map((p) => p.message)
        .join('; ')}`,
      problems,
      { code: 'BULK_FILE_INVALID', context: { file } },
    );
  }
  return header as C[];
}

/** Splits a CSV text into lines: CRLF as LF, and a final newline ends the last line rather than starting one. */
export function csvLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Reads the header and splits every following line. Throws BULK_FILE_INVALID (naming every problem) when the
 * header is not usable; lines that do not split or whose field count differs from the header's are rejects.
 */
export function readCsvTable<C extends string>(text: string, options: CsvTableOptions<C>): CsvTable<C> {
  const { file } = options;
  const lines = csvLines(text);
  const header = readHeader(lines[0], options);
  const rows: CsvRow<C>[] = [];
  const rejects: CsvReject[] = [];
  let blankLines = 0;
  for (let i = 1; i < lines.length; i++) {
    const record = lines[i] as string;
    const line = i + 1;
    if (record.trim() === '') {
      blankLines += 1;
      continue;
    }
    const split = splitCsvLine(record);
    if (!split.ok) {
      rejects.push({
        file,
        line,
        record,
        reasons: [{ path: '', reason: 'invalid_format', message: split.message }],
      });
      continue;
    }
    if (split.fields.length !== header.length) {
      rejects.push({
        file,
        line,
        record,
        reasons: [
          {
            path: '',
            reason: 'field_count',
            message: `the line has ${split.fields.length} fields, the header ${header.length}`,
          },
        ],
      });
      continue;
    }
    const fields = split.fields;
    rows.push({
      line,
      record,
      cell: (column) => {
        const index = header.indexOf(column);
        return index < 0 ? '' : (fields[index] ?? '').trim();
      },
    });
  }
  return { rows, rejects, blankLines };
}

/**
 * Keeps the candidates whose key occurs once and rejects every line of a key that occurs more than once (the file
 * contradicts itself; which line is right is its owner's call). Keys should be normalised as the database compares
 * them (lower-cased for the case-insensitive key columns).
 */
export function rejectRepeatedKeys<E extends { readonly line: number; readonly record: string }>(
  candidates: readonly E[],
  options: {
    readonly file: string;
    readonly keyOf: (candidate: E) => string;
    readonly problem: (candidate: E, lines: readonly number[]) => CsvProblem;
  },
): { readonly kept: E[]; readonly rejects: CsvReject[] } {
  const linesByKey = new Map<string, number[]>();
  for (const c of candidates) {
    const key = options.keyOf(c);
    linesByKey.set(key, [...(linesByKey.get(key) ?? []), c.line]);
  }
  const kept: E[] = [];
  const rejects: CsvReject[] = [];
  for (const c of candidates) {
    const lines = linesByKey.get(options.keyOf(c)) ?? [];
    if (lines.length === 1) kept.push(c);
    else
      rejects.push({
        file: options.file,
        line: c.line,
        record: c.record,
        reasons: [options.problem(c, lines)],
      });
  }
  return { kept, rejects };
}

/** A CSV field, quoted when it holds a quote, comma or line break. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
