import { detectServer } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { fleetStateSql, readingRateSql } from './kpis.js';
import { trendSql } from './trends.js';

/** An analytic statement of the read model with representative parameters, for the offload check. */
export interface AnalyticQuery {
  readonly name: string;
  readonly sql: string;
  readonly params: readonly unknown[];
}

const HOUR_MS = 3_600_000;

/**
 * The statements that aggregate (fleet state, reading rate, downsampling, hourly, trends): on HeatWave each must be
 * offloadable to RAPID (every table they touch is RAPID-defined, no NOT SECONDARY column is referenced). The
 * per-asset primary-key lookups are deliberately left to InnoDB, where an index dive beats a columnar scan.
 */
export function analyticQueries(nowMs: number): AnalyticQuery[] {
  const now = new Date(nowMs);
  const hourAgo = new Date(nowMs - HOUR_MS);
  return [
    { name: 'kpi fleet state', sql: fleetStateSql(''), params: [hourAgo] },
    { name: 'kpi fleet state by site', sql: fleetStateSql('a.site_id = ?'), params: [hourAgo, 'site-1'] },
    { name: 'kpi reading rate', sql: readingRateSql(''), params: [new Date(nowMs - 60_000), now] },
    {
      name: 'readings downsampled',
      sql: `SELECT FLOOR(TIMESTAMPDIFF(MICROSECOND, ?, recorded_at) / ?) AS bucket, COUNT(*) AS n,
              AVG(torque_nm), MIN(torque_nm), MAX(torque_nm), MAX(failure_probability)
            FROM readings WHERE asset_id = ? AND recorded_at >= ? AND recorded_at < ? GROUP BY bucket ORDER BY bucket`,
      params: [hourAgo, 7_200_000, 'M-0001', hourAgo, now],
    },
    {
      name: 'hourly aggregates by site',
      sql: 'SELECT site_id, SUM(reading_count), MAX(max_failure_probability) FROM hourly_aggregates WHERE hour_start >= ? GROUP BY site_id',
      params: [new Date(nowMs - 24 * HOUR_MS)],
    },
    {
      name: 'trends by site',
      sql: trendSql('site', []),
      params: [new Date(nowMs - 28 * 24 * HOUR_MS), now],
    },
  ];
}

/** Result of {@link explainOffload} for one statement. */
export interface OffloadResult {
  readonly name: string;
  readonly offloaded: boolean;
  /** The EXPLAIN `Extra` texts, joined. */
  readonly extra: string;
}

/**
 * Runs `EXPLAIN` on every analytic statement. On HeatWave the statement carries
 * `SET_VAR(use_secondary_engine = FORCED)` so the plan shows whether RAPID *can* run it, whatever the cost threshold
 * decides for small data; `offloaded` is true when Extra says `Using secondary engine RAPID`. On MariaDB and plain
 * MySQL the plans are returned with `offloaded: false` (there is no RAPID to offload to).
 */
export async function explainOffload(
  pool: Pool,
  nowMs: number,
): Promise<{ readonly serverKind: string; readonly results: OffloadResult[] }> {
  const server = await detectServer(pool);
  const results: OffloadResult[] = [];
  for (const query of analyticQueries(nowMs)) {
    const sql = server.hasRapid
      ? query.sql.replace(/^SELECT/, 'SELECT /*+ SET_VAR(use_secondary_engine = FORCED) */')
      : query.sql;
    const [rows] = await pool.query<RowDataPacket[]>(`EXPLAIN ${sql}`, [...query.params]);
    const extra = rows.map((r) => String(r['Extra'] ?? '')).join(' | ');
    results.push({ name: query.name, offloaded: /Using secondary engine RAPID/i.test(extra), extra });
  }
  return { serverKind: server.kind, results };
}
