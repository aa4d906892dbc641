import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { formatUtcDateTime } from '../readings/format-utc-date-time.js';
import { DAY_MS } from './covering-ranges.js';

/** Options of {@link rebuildDailyRollups}. */
export interface RebuildDailyOptions {
  /** Rebuild from the UTC day holding this instant on. @default every day */
  readonly fromMs?: number;
  /** Rebuild the days that start before this instant (an exclusive bound). @default no upper bound */
  readonly toMs?: number;
}

/*
 * Readings scored in an hour (the weight of its mean). Hours built before migration 5 have no scored count: such an
 * hour counts as fully scored when it has a mean. Every hour built since carries the count (the SQL rebuild and the
 * Data Flow job both write it), so the daily mean is exact for them.
 */
const SCORED = `COALESCE(h.scored_count, CASE WHEN h.mean_failure_probability IS NULL THEN 0 ELSE h.reading_count END)`;

/** The measures of a rollup row, the same in both rollup tables (`h` is `hourly_aggregates`). */
const MEASURES = `COUNT(DISTINCT h.asset_id), SUM(h.reading_count), SUM(${SCORED}),
        SUM(h.mean_failure_probability * ${SCORED}) / NULLIF(SUM(${SCORED}), 0),
        MIN(h.min_failure_probability), MAX(h.max_failure_probability),
        SUM(h.count_probability_above_0_6), SUM(h.count_probability_above_0_9), SUM(h.failure_count)`;
const MEASURE_COLUMNS = `asset_count, reading_count, scored_count,
        mean_failure_probability, min_failure_probability, max_failure_probability,
        count_probability_above_0_6, count_probability_above_0_9, failure_count`;
const DAY = `CAST(DATE_FORMAT(h.hour_start, '%Y-%m-%d 00:00:00') AS DATETIME)`;

/**
 * Rebuilds `daily_rollups` (one row per UTC day, site, line and asset type) and `daily_manufacturer_rollups` (the
 * same with the register's manufacturer, migration 7) from `hourly_aggregates` for the whole days of [fromMs, toMs),
 * or every day: the days' rows of both tables are deleted and written again in one transaction, so a group that
 * has no hours any more disappears and the two tables always agree. Counts are sums of the hourly ones, the mean is
 * weighted by each hour's scored readings, min and max are those of the hours. Reads hourly rows (per asset and
 * hour, so each joins its asset's register row by primary key) and never `readings`: a day of a 100-asset fleet is
 * 2,400 hourly rows however many readings it had. The manufacturer is the register's when the rollup runs: a
 * register written later reaches the rollups with the next rebuild. Returns the `daily_rollups` rows written.
 */
export async function rebuildDailyRollups(pool: Pool, options: RebuildDailyOptions = {}): Promise<number> {
  const bounds: { readonly op: string; readonly at: string }[] = [];
  if (options.fromMs !== undefined) {
    bounds.push({ op: '>=', at: formatUtcDateTime(Math.floor(options.fromMs / DAY_MS) * DAY_MS) });
  }
  if (options.toMs !== undefined) {
    bounds.push({ op: '<', at: formatUtcDateTime(Math.ceil(options.toMs / DAY_MS) * DAY_MS) });
  }
  const where = (column: string): string =>
    bounds.length === 0 ? '' : ` WHERE ${bounds.map((b) => `${column} ${b.op} ?`).join(' AND ')}`;
  const params = bounds.map((b) => b.at);
  let conn: PoolConnection | undefined;
  try {
    conn = await pool.getConnection();
    await conn.beginTransaction();
    await conn.query(`DELETE FROM daily_rollups${where('day_start')}`, params);
    await conn.query(`DELETE FROM daily_manufacturer_rollups${where('day_start')}`, params);
    const [result] = await conn.query<ResultSetHeader>(
      `INSERT INTO daily_rollups (day_start, site_id, line_id, asset_type, ${MEASURE_COLUMNS})
      SELECT ${DAY} AS day_start, COALESCE(h.site_id, '') AS site, COALESCE(h.line_id, '') AS line, h.asset_type,
        ${MEASURES}
      FROM hourly_aggregates h${where('h.hour_start')}
      GROUP BY day_start, site, line, h.asset_type`,
      params,
    );
    await conn.query(
      `INSERT INTO daily_manufacturer_rollups (day_start, site_id, line_id, asset_type, manufacturer, ${MEASURE_COLUMNS})
      SELECT ${DAY} AS day_start, COALESCE(h.site_id, '') AS site, COALESCE(h.line_id, '') AS line, h.asset_type,
        COALESCE(m.manufacturer, '') AS maker, ${MEASURES}
      FROM hourly_aggregates h LEFT JOIN asset_master_data m ON m.asset_id = h.asset_id${where('h.hour_start')}
      GROUP BY day_start, site, line, h.asset_type, maker`,
      params,
    );
    await conn.commit();
    return result.affectedRows;
  } catch (err: unknown) {
    await conn?.rollback().catch(() => undefined);
    const errno = (err as { errno?: number }).errno;
    throw new UpstreamError(
      'SQL_WRITE_FAILED',
      `cannot rebuild the daily rollups: ${(err as Error).message}`,
      {
        cause: err,
        // Deadlock or lock wait against a concurrent refresh of the same days: running again succeeds.
        retryable: errno === 1213 || errno === 1205,
        context: { table: 'daily_rollups', ...options },
      },
    );
  } finally {
    conn?.release();
  }
}
