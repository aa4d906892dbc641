import type { Logger } from '@lakehouse/runtime';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { CsvReject } from './read-csv-table.js';

/*
 * The writing half of the CSV imports (`assets import`, `stock import`; ADR 0042, ADR 0046): every line validated,
 * the valid ones upserted by the table's key in one transaction (a re-import of the same file changes nothing), every
 * bad line written to the reject file with its line number and reasons. The reject file is rewritten on each run, so
 * it describes the last one.
 */

/** What a CSV parser made of a file: every data line is an entry, a reject or blank. */
export interface ParsedCsvFile<E> {
  readonly entries: readonly E[];
  readonly rejects: readonly CsvReject[];
  readonly blankLines: number;
}

/** What an upsert did with the valid rows. */
export interface CsvUpsertCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** What an import did; every data line is in exactly one of entries, rejected or blankLines. */
export interface CsvImportSummary extends CsvUpsertCounts {
  readonly file: string;
  /** Lines after the header. */
  readonly lines: number;
  /** Valid rows, upserted. */
  readonly entries: number;
  readonly rejected: number;
  readonly blankLines: number;
  /** One JSON object per rejected line: `{file, line, reasons: [{path, reason, message}], record}`. */
  readonly rejectFile: string;
}

/** Options of {@link importCsvFile}. */
export interface ImportCsvFileOptions<E> {
  /** The CSV. */
  readonly file: string;
  /** Folder of the reject file `<file name>.rejects.jsonl`. */
  readonly outDir: string;
  readonly logger: Logger;
  /** Parses the text of `file` (its absolute path). */
  readonly parse: (text: string, file: string) => ParsedCsvFile<E>;
  /** Upserts the valid entries of `file` (its absolute path) in one transaction. */
  readonly upsert: (entries: readonly E[], file: string) => Promise<CsvUpsertCounts>;
  /** The info line logged with the summary, e.g. `'asset register imported'`. */
  readonly importedMessage: string;
}

/** Reads, validates and upserts one CSV file, writes its reject file and logs and returns the summary. */
export async function importCsvFile<E>(options: ImportCsvFileOptions<E>): Promise<CsvImportSummary> {
  const file = resolve(options.file);
  const parsed = options.parse(await readFile(file, 'utf8'), file);
  await mkdir(options.outDir, { recursive: true });
  const rejectFile = join(resolve(options.outDir), `${basename(file)}.rejects.jsonl`);
  await writeFile(rejectFile, parsed.rejects.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const result = await options.upsert(parsed.entries, file);
  const summary: CsvImportSummary = {
    file,
    lines: parsed.entries.length + parsed.rejects.length + parsed.blankLines,
    entries: parsed.entries.length,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: parsed.rejects.length,
    blankLines: parsed.blankLines,
    rejectFile,
  };
  options.logger.info(
    {
      file,
      entries: summary.entries,
      inserted: result.inserted,
      updated: result.updated,
      rejected: summary.rejected,
    },
    options.importedMessage,
  );
  return summary;
}
