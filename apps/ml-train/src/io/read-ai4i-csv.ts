import {
  AI4I_CSV_COLUMNS,
  AI4I_CSV_HEADER,
  ai4iRecordToReading,
  parseAi4iRow,
  type LabelledReading,
} from '@lakehouse/domain';
import { ValidationError } from '@lakehouse/runtime';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/** At most this many problems are listed in one error; the count of all of them is always given. */
const MAX_LISTED_PROBLEMS = 20;
/** Readings from a file get one synthetic asset and instants one minute apart, in file order. */
const FILE_START_MS = Date.UTC(2024, 0, 1);
const STEP_MS = 60_000;

/** Resolves a `--csv` argument: absolute, or relative to the workspace root. */
export function resolveCsvPath(file: string, workspaceRoot: string): string {
  return isAbsolute(file) ? file : resolve(workspaceRoot, file);
}

/**
 * Parses the text of a labelled file in the AI4I column layout. Every malformed line is reported by line and column
 * (1-based) in one `DATASET_INVALID` error; nothing is half-read.
 */
export function parseAi4iCsv(text: string, source: string): LabelledReading[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = (lines[0] ?? '').replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (header !== AI4I_CSV_HEADER) {
    const got = header.split(',');
    const column =
      AI4I_CSV_COLUMNS.findIndex((name, i) => got[i]?.trim() !== name) + 1 || AI4I_CSV_COLUMNS.length + 1;
    throw new ValidationError(
      `${source}: line 1, column ${String(column)}: header is not the AI4I layout (expected ${AI4I_CSV_HEADER})`,
      [{ path: 'line 1', reason: 'HEADER_MISMATCH', message: `expected ${AI4I_CSV_HEADER}, got ${header}` }],
      { code: 'DATASET_INVALID', context: { file: source, line: 1, column } },
    );
  }
  const readings: LabelledReading[] = [];
  const problems: { path: string; reason: string; message: string }[] = [];
  let badLines = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const lineNo = i + 1;
    const result = parseAi4iRow(lines[i] as string, lineNo);
    if (!result.ok) {
      badLines += 1;
      for (const p of result.problems) {
        problems.push({
          path: `line ${String(p.line)}, column ${String(p.column)}`,
          reason: 'MALFORMED_FIELD',
          message: p.message,
        });
      }
      continue;
    }
    readings.push(
      ai4iRecordToReading(result.record, {
        assetId: `file-${result.record.assetType}`,
        recordedAt: FILE_START_MS + i * STEP_MS,
      }),
    );
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => p.message);
    throw new ValidationError(
      `${source}: ${String(badLines)} malformed line(s): ${listed.join('; ')}${problems.length > listed.length ? `; … ${String(problems.length - listed.length)} more` : ''}`,
      problems,
      { code: 'DATASET_INVALID', context: { file: source, badLines } },
    );
  }
  if (readings.length === 0) {
    throw new ValidationError(`${source}: no data rows after the header`, [], {
      code: 'DATASET_INVALID',
      context: { file: source },
    });
  }
  return readings;
}

/** Reads and parses a labelled AI4I-layout file; a missing file is a `DATASET_INVALID` error naming the path. */
export async function readAi4iCsv(path: string): Promise<LabelledReading[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err: unknown) {
    throw new ValidationError(`cannot read ${path}: ${(err as Error).message}`, [], {
      code: 'DATASET_INVALID',
      cause: err,
      context: { file: path },
    });
  }
  return parseAi4iCsv(text, path);
}
