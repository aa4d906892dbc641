import { createFleet, createFleetMasterData } from '@lakehouse/domain';
import {
  upsertAssetMasterData,
  type UpsertAssetMasterDataResult,
  formatUtcDateTime,
  HOURLY_AGGREGATES_LAKE_TABLE,
  hourlyAggregatesTable,
  quoteIdentifier,
  rebuildDailyRollups,
} from '@lakehouse/sql';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** Readings stored in [startMs, endMs] (through the recorded_at index). */
export async function readingsBetween(pool: Pool, startMs: number, endMs: number): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM readings WHERE recorded_at BETWEEN ? AND ?',
    [formatUtcDateTime(startMs), formatUtcDateTime(endMs)],
  );
  return Number(rows[0]?.['n'] ?? 0);
}

/**
 * Copies the Spark job's silver aggregates (loaded into the lake table) into `hourly_aggregates`, the table the API
 * serves. REPLACE: a re-run leaves the same rows.
 */
export async function copyLakeAggregates(pool: Pool): Promise<number> {
  const columns = hourlyAggregatesTable.columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const [result] = await pool.query<ResultSetHeader>(
    `REPLACE INTO ${quoteIdentifier(hourlyAggregatesTable.name)} (${columns}) SELECT ${columns} FROM ${quoteIdentifier(HOURLY_AGGREGATES_LAKE_TABLE)}`,
  );
  return result.affectedRows;
}

/**
 * Registers every asset of the stored readings with its first and last reading (what the API's read model joins
 * on), taking site and line from the hourly aggregates (the raw files carry them; `readings` does not). Widens the
 * window of assets already registered; never clears a known site or line.
 */
export async function registerAssetsFromHistory(pool: Pool): Promise<number> {
  const [result] = await pool.query<ResultSetHeader>(
    `INSERT INTO assets (asset_id, asset_type, site_id, line_id, first_seen_at, last_seen_at)
     SELECT r.asset_id, r.asset_type, h.site_id, h.line_id, r.first_at, r.last_at
     FROM (SELECT asset_id, MIN(asset_type) AS asset_type, MIN(recorded_at) AS first_at, MAX(recorded_at) AS last_at
           FROM readings GROUP BY asset_id) r
     LEFT JOIN (SELECT asset_id, MIN(site_id) AS site_id, MIN(line_id) AS line_id
                FROM hourly_aggregates GROUP BY asset_id) h ON h.asset_id = r.asset_id
     ON DUPLICATE KEY UPDATE asset_type = VALUES(asset_type),
       site_id = COALESCE(assets.site_id, VALUES(site_id)), line_id = COALESCE(assets.line_id, VALUES(line_id)),
       first_seen_at = LEAST(assets.first_seen_at, VALUES(first_seen_at)),
       last_seen_at = GREATEST(assets.last_seen_at, VALUES(last_seen_at))`,
  );
  return result.affectedRows;
}

/**
 * Writes the asset register of the simulated fleet (libs/domain's `createFleetMasterData`: maker, model, install
 * date, service life, criticality) for the fleet the history was generated for, described as of the history's end,
 * so the same history always gets the same register. Idempotent: a second run finds every row unchanged.
 */
export async function registerFleetMasterData(
  pool: Pool,
  spec: {
    readonly assets: number;
    readonly sites: number;
    readonly linesPerSite: number;
    readonly seed: number;
  },
  asOfMs: number,
): Promise<UpsertAssetMasterDataResult> {
  const fleet = createFleet(spec);
  const register = createFleetMasterData({ seed: spec.seed, fleet, asOfMs });
  return upsertAssetMasterData(
    pool,
    register.map((data) => ({ data, source: 'generator' as const })),
  );
}

/** What {@link removeHistory} deleted. */
export interface RemovedHistory {
  readonly readings: number;
  readonly failureEvents: number;
  readonly hourlyAggregates: number;
  /** Daily rollup rows of the window's days written again from the hourly aggregates that remain. */
  readonly dailyRollups: number;
  /** Streamed readings inside the window, which stay: their hours need aggregating again. */
  readonly streamedKept: number;
}

/** Note of the failure events {@link recordLabelledFailures} writes, which tells them from operators' events. */
const LABEL_NOTE = 'label from the generated history';

/**
 * Removes a generated history that a new one replaces: its readings (source `bulk`, recorded in [startMs, endMs]),
 * the failure events recorded from its labels and the hourly aggregates of its hours; the daily rollups of its days
 * are rebuilt from the hours that remain. Readings from the stream and
 * everything outside the window stay (the count of streamed readings kept in it is returned). Deletes in slices of `sliceRows` (short transactions, progress between
 * them).
 */
export async function removeHistory(
  pool: Pool,
  startMs: number,
  endMs: number,
  options: { readonly sliceRows?: number; readonly onProgress?: (deleted: number) => void } = {},
): Promise<RemovedHistory> {
  const window = [formatUtcDateTime(startMs), formatUtcDateTime(endMs)];
  const slice = options.sliceRows ?? 100_000;
  let readings = 0;
  for (;;) {
    const [result] = await pool.query<ResultSetHeader>(
      `DELETE FROM readings WHERE source = 'bulk' AND recorded_at BETWEEN ? AND ? LIMIT ${String(slice)}`,
      window,
    );
    readings += result.affectedRows;
    options.onProgress?.(readings);
    if (result.affectedRows < slice) break;
  }
  const [events] = await pool.query<ResultSetHeader>(
    `DELETE FROM failure_events WHERE note = ? AND occurred_at BETWEEN ? AND ?`,
    [LABEL_NOTE, ...window],
  );
  const [aggregates] = await pool.query<ResultSetHeader>(
    `DELETE FROM ${quoteIdentifier(hourlyAggregatesTable.name)} WHERE hour_start BETWEEN ? AND ?`,
    [formatUtcDateTime(Math.floor(startMs / 3_600_000) * 3_600_000), window[1]],
  );
  const dailyRollups = await rebuildDailyRollups(pool, { fromMs: startMs, toMs: endMs + 1 });
  const [streamed] = await pool.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n FROM readings WHERE source = 'stream' AND recorded_at BETWEEN ? AND ?",
    window,
  );
  return {
    readings,
    failureEvents: events.affectedRows,
    hourlyAggregates: aggregates.affectedRows,
    dailyRollups,
    streamedKept: Number(streamed[0]?.['n'] ?? 0),
  };
}

/** Records the labelled failures of the history in `failure_events` (INSERT IGNORE: once per reading). */
export async function recordLabelledFailures(pool: Pool, startMs: number, endMs: number): Promise<number> {
  const [result] = await pool.query<ResultSetHeader>(
    `INSERT IGNORE INTO failure_events (asset_id, occurred_at, event_kind, machine_failure, twf, hdf, pwf, osf, rnf, note)
     SELECT asset_id, recorded_at, 'failure', 1, twf, hdf, pwf, osf, rnf, ?
     FROM readings WHERE machine_failure = 1 AND recorded_at BETWEEN ? AND ?`,
    [LABEL_NOTE, formatUtcDateTime(startMs), formatUtcDateTime(endMs)],
  );
  return result.affectedRows;
}
