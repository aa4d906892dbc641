import type { Pool, ResultSetHeader } from 'mysql2/promise';
import { formatUtcDateTime } from '../readings/format-utc-date-time.js';
import { MEASURE_COLUMNS } from '../schema/shared-columns.js';
import { HOUR_MS } from './covering-ranges.js';
import { atOrAboveRiskBandSql } from '@lakehouse/domain';
import { RISK_BAND_COUNT_COLUMNS } from './risk-band-counts.js';

const MEASURES = MEASURE_COLUMNS.map((c) => c.name);

/** Options of {@link rebuildHourlyAggregates}. */
export interface RebuildHourlyOptions {
  /** Rebuild from the hour holding this instant on. @default every hour */
  readonly fromMs?: number;
  /** Rebuild the hours that start before this instant (an exclusive bound). @default no upper bound */
  readonly toMs?: number;
}

/**
 * Rebuilds `hourly_aggregates` (the silver layer) from `readings` in SQL: every hour, or the hours of
 * [fromMs, toMs) widened to whole hours (a refresh of the live hours, or of the hours history scoring changed).
 * The local counterpart of the Data Flow job's aggregation, with the same measures and band counts (readings at or
 * above each RISK_BANDS floor), plus the scored-reading count and the lowest probability; REPLACE keeps it
 * idempotent. Site and line come from `assets`. Returns the rows written (REPLACE counts a replaced row twice).
 */
export async function rebuildHourlyAggregates(
  pool: Pool,
  options: RebuildHourlyOptions = {},
): Promise<number> {
  const stats = MEASURES.flatMap((m) => [`AVG(r.${m})`, `MIN(r.${m})`, `MAX(r.${m})`]).join(', ');
  const columns = MEASURES.flatMap((m) => [`mean_${m}`, `min_${m}`, `max_${m}`]).join(', ');
  const bandColumns = RISK_BAND_COUNT_COLUMNS.map((b) => b.column).join(', ');
  const bandCounts = RISK_BAND_COUNT_COLUMNS.map(
    (b) => `COALESCE(SUM(${atOrAboveRiskBandSql('r.failure_probability', b.band)}), 0)`,
  ).join(', ');
  const where: string[] = [];
  const params: string[] = [];
  if (options.fromMs !== undefined) {
    where.push('r.recorded_at >= ?');
    params.push(formatUtcDateTime(Math.floor(options.fromMs / HOUR_MS) * HOUR_MS));
  }
  if (options.toMs !== undefined) {
    where.push('r.recorded_at < ?');
    params.push(formatUtcDateTime(Math.ceil(options.toMs / HOUR_MS) * HOUR_MS));
  }
  const [result] = await pool.query<ResultSetHeader>(
    `REPLACE INTO hourly_aggregates (asset_id, hour_start, asset_type, site_id, line_id, reading_count, scored_count,
      ${columns}, mean_failure_probability, min_failure_probability, max_failure_probability,
      ${bandColumns}, failure_count)
    SELECT r.asset_id, CAST(DATE_FORMAT(r.recorded_at, '%Y-%m-%d %H:00:00') AS DATETIME) AS hour_start,
      MIN(r.asset_type), MIN(a.site_id), MIN(a.line_id), COUNT(*), COUNT(r.failure_probability), ${stats},
      AVG(r.failure_probability), MIN(r.failure_probability), MAX(r.failure_probability),
      ${bandCounts},
      SUM(COALESCE(r.machine_failure, 0))
    FROM readings r
    LEFT JOIN assets a ON a.asset_id = r.asset_id${where.length === 0 ? '' : `\n    WHERE ${where.join(' AND ')}`}
    GROUP BY r.asset_id, hour_start`,
    params,
  );
  return result.affectedRows;
}
