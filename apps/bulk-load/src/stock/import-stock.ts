import type { Logger } from '@lakehouse/runtime';
import { upsertSparePartStock } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseStockCsv } from './stock-csv.js';

/** Options of {@link importStock}. */
export interface ImportStockOptions {
  readonly pool: Pool;
  /** The stock CSV. */
  readonly file: string;
  /** Folder of the reject file `<file name>.rejects.jsonl`. */
  readonly outDir: string;
  readonly logger: Logger;
}

/** What {@link importStock} did; every data line is in exactly one of entries, rejected or blankLines. */
export interface ImportStockSummary {
  readonly file: string;
  /** Lines after the header. */
  readonly lines: number;
  /** Valid rows, upserted. */
  readonly entries: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly blankLines: number;
  /** One JSON object per rejected line: `{file, line, reasons: [{path, reason, message}], record}`. */
  readonly rejectFile: string;
}

/**
 * Imports a spare-part stock CSV into `spare_part_stock`, as `assets import` does the register: every line
 * validated, the valid ones upserted by (site, part) in one transaction (a re-import of the same file changes
 * nothing), every bad line written to the reject file (rewritten on each run) with its line number and reasons.
 */
export async function importStock(options: ImportStockOptions): Promise<ImportStockSummary> {
  const file = resolve(options.file);
  const parsed = parseStockCsv(await readFile(file, 'utf8'), { file });
  await mkdir(options.outDir, { recursive: true });
  const rejectFile = join(resolve(options.outDir), `${basename(file)}.rejects.jsonl`);
  await writeFile(rejectFile, parsed.rejects.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const result = await upsertSparePartStock(
    options.pool,
    parsed.entries.map((e) => ({
      stock: e.stock,
      source: 'import' as const,
      sourceFile: file,
      sourceLine: e.line,
    })),
  );
  const summary: ImportStockSummary = {
    file,
    lines: parsed.entries.length + parsed.rejects.length + parsed.blankLines,
    entries: parsed.entries.length,
    ...result,
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
    'spare-part stock imported',
  );
  return summary;
}
