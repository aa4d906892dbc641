import type { Logger } from '@lakehouse/runtime';
import { upsertAssetMasterData } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
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
export interface ImportAssetRegisterSummary {
  readonly file: string;
  /** Lines after the header. */
  readonly lines: number;
  /** Valid entries, upserted. */
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
 * Imports a customer's asset register into `asset_master_data`: every line validated, the valid ones upserted by
 * asset id in one transaction (a re-import of the same file changes nothing), every bad line written to the reject
 * file with its line number and reasons. The reject file is rewritten on each run, so it describes the last one.
 */
export async function importAssetRegister(
  options: ImportAssetRegisterOptions,
): Promise<ImportAssetRegisterSummary> {
  const file = resolve(options.file);
  const text = await readFile(file, 'utf8');
  const parsed = parseAssetRegister(text, { file, nowMs: options.nowMs });
  await mkdir(options.outDir, { recursive: true });
  const rejectFile = join(resolve(options.outDir), `${basename(file)}.rejects.jsonl`);
  await writeFile(rejectFile, parsed.rejects.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const result = await upsertAssetMasterData(
    options.pool,
    parsed.entries.map((e) => ({
      data: e.data,
      source: 'import' as const,
      sourceFile: file,
      sourceLine: e.line,
    })),
  );
  const summary: ImportAssetRegisterSummary = {
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
    'asset register imported',
  );
  return summary;
}
