import type { Logger } from '@lakehouse/runtime';
import { upsertAssetMasterData } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { importCsvFile, type CsvImportSummary } from '../csv/import-csv-file.js';
import { parseAssetRegister } from './asset-register-csv.js';

/** Options of {@link importAssetRegister}. */
export interface ImportAssetRegisterOptions {
  readonly pool: Pool;
  /** The register CSV. */
  readonly file: string;
  /** Folder of the reject file `<file name>.rejects.jsonl`. */
  readonly outDir: string;
  /** Instant install dates may not lie after, epoch ms. */
  readonly nowMs: number;
  readonly logger: Logger;
}

/** What {@link importAssetRegister} did; every data line is in exactly one of entries, rejected or blankLines. */
export type ImportAssetRegisterSummary = CsvImportSummary;

/**
 * Imports a customer's asset register into `asset_master_data`: every line validated, the valid ones upserted by
 * asset id in one transaction (a re-import of the same file changes nothing), every bad line written to the reject
 * file with its line number and reasons. The reject file is rewritten on each run, so it describes the last one.
 */
export function importAssetRegister(
  options: ImportAssetRegisterOptions,
): Promise<ImportAssetRegisterSummary> {
  return importCsvFile({
    file: options.file,
    outDir: options.outDir,
    logger: options.logger,
    parse: (text, file) => parseAssetRegister(text, { file, nowMs: options.nowMs }),
    upsert: (entries, file) =>
      upsertAssetMasterData(
        options.pool,
        entries.map((e) => ({
          data: e.data,
          source: 'import' as const,
          sourceFile: file,
          sourceLine: e.line,
        })),
      ),
    importedMessage: 'asset register imported',
  });
}
