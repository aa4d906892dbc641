import type { Logger } from '@lakehouse/runtime';
import { upsertSparePartStock } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { importCsvFile, type CsvImportSummary } from '../csv/import-csv-file.js';
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
export type ImportStockSummary = CsvImportSummary;

/**
 * Imports a spare-part stock CSV into `spare_part_stock`, as `assets import` does the register: every line
 * validated, the valid ones upserted by (site, part) in one transaction (a re-import of the same file changes
 * nothing), every bad line written to the reject file (rewritten on each run) with its line number and reasons.
 */
export function importStock(options: ImportStockOptions): Promise<ImportStockSummary> {
  return importCsvFile({
    file: options.file,
    outDir: options.outDir,
    logger: options.logger,
    parse: (text, file) => parseStockCsv(text, { file }),
    upsert: (entries, file) =>
      upsertSparePartStock(
        options.pool,
        entries.map((e) => ({
          stock: e.stock,
          source: 'import' as const,
          sourceFile: file,
          sourceLine: e.line,
        })),
      ),
    importedMessage: 'spare-part stock imported',
  });
}
