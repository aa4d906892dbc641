import { AppError, type Logger } from '@lakehouse/runtime';
import { formatUtcDateTime, hourlyAggregatesTable, loadDataLocalInfile } from '@lakehouse/sql';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SILVER_TABLE, type HeatwaveLoadPlan } from './heatwave-load-plan.js';

/** The silver Parquet files the Spark job wrote under `<silverDir>/hourly_aggregates/parquet/`. */
export async function silverParquetFiles(silverDir: string): Promise<string[]> {
  const dir = join(silverDir, hourlyAggregatesTable.name, 'parquet');
  if (!existsSync(dir)) {
    throw new AppError('BULK_FILE_INVALID', `no silver Parquet folder ${dir}: run the Spark job first`, {
      context: { dir },
    });
  }
  return (await readdir(dir))
    .filter((f) => f.endsWith('.parquet'))
    .sort()
    .map((f) => join(dir, f));
}

/** One tab-separated LOAD DATA line of a silver row, in hourly_aggregates column order (`\N` = NULL). */
export function silverRowLine(row: Readonly<Record<string, unknown>>): string {
  return `${hourlyAggregatesTable.columns
    .map((c) => {
      const v = row[c.name];
      if (v === null || v === undefined) return '\\N';
      if (v instanceof Date) return formatUtcDateTime(v.getTime());
      return String(v);
    })
    .join('\t')}\n`;
}

/** Prints the plan as SQL text (what `heatwave dryrun` shows). */
export function formatPlan(plan: HeatwaveLoadPlan, silverDir: string | undefined): string {
  const lines = [`-- server kind: ${plan.kind}`, ...plan.notes.map((n) => `-- note: ${n}`)];
  if (plan.lakehouseFileForm !== undefined)
    lines.push(`-- Lakehouse file entries: ${plan.lakehouseFileForm} form`);
  if (plan.features.length > 0) lines.push(`-- HeatWave features used: ${plan.features.join(', ')}`);
  for (const s of plan.statements) lines.push(`-- ${s.purpose}`, `${s.sql};`);
  if (plan.loadSilverLocally) {
    lines.push(
      `-- load the silver rows (${silverDir ?? '$HEATWAVE_SILVER_DIR'}/${hourlyAggregatesTable.name}/parquet/*.parquet), streamed per file:`,
      `LOAD DATA LOCAL INFILE 'stream' REPLACE INTO TABLE \`${SILVER_TABLE}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${hourlyAggregatesTable.columns.map((c) => `\`${c.name}\``).join(', ')});`,
    );
  }
  if (plan.statusSql !== undefined) lines.push('-- load status', `${plan.statusSql};`);
  return `${lines.join('\n')}\n`;
}

/** Result of {@link runHeatwaveLoad}. */
export interface HeatwaveLoadResult {
  readonly statementsRun: number;
  readonly silverRowsLoaded: number;
  readonly status: readonly Record<string, unknown>[];
}

/**
 * Runs a plan: its statements in order, then (without HeatWave) the silver Parquet rows into the ordinary table,
 * or (with HeatWave) the rpd_tables status query. Every failure names the statement that failed.
 */
export async function runHeatwaveLoad(options: {
  readonly pool: Pool;
  readonly plan: HeatwaveLoadPlan;
  readonly silverDir?: string;
  readonly logger: Logger;
}): Promise<HeatwaveLoadResult> {
  const { pool, plan, logger } = options;
  for (const note of plan.notes) logger.warn({ kind: plan.kind }, note);
  let statementsRun = 0;
  for (const s of plan.statements) {
    logger.info({ purpose: s.purpose }, 'running statement');
    try {
      await pool.query(s.sql);
    } catch (err: unknown) {
      throw new AppError(
        'SQL_WRITE_FAILED',
        `heatwave load: "${s.purpose}" failed: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
          context: { statement: s.sql.slice(0, 200) },
        },
      );
    }
    statementsRun += 1;
  }
  let silverRowsLoaded = 0;
  if (plan.loadSilverLocally) {
    if (options.silverDir === undefined) {
      throw new AppError(
        'BULK_FILE_INVALID',
        'set HEATWAVE_SILVER_DIR to the folder the Spark job wrote its silver files to',
      );
    }
    for (const file of await silverParquetFiles(options.silverDir)) {
      const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
      await loadDataLocalInfile(pool, {
        table: SILVER_TABLE,
        columns: hourlyAggregatesTable.columns.map((c) => c.name),
        stream: Readable.from(rows.map(silverRowLine)),
        onDuplicate: 'replace',
      });
      silverRowsLoaded += rows.length;
      logger.info({ file, rows: rows.length }, 'silver file loaded');
    }
  }
  let status: Record<string, unknown>[] = [];
  if (plan.statusSql !== undefined) {
    const [rows] = await pool.query<RowDataPacket[]>(plan.statusSql);
    status = rows.map((r) => ({ ...r }));
    const notLoaded = status.filter((r) => r['LOAD_STATUS'] !== 'AVAIL_RPDGSTABSTATE');
    if (notLoaded.length > 0) logger.warn({ notLoaded }, 'some tables are not (yet) available in HeatWave');
  }
  return { statementsRun, silverRowsLoaded, status };
}
