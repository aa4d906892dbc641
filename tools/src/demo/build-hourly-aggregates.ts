import type { Pool, ResultSetHeader } from 'mysql2/promise';

const MEASURES = [
  'air_temperature_k',
  'process_temperature_k',
  'rotational_speed_rpm',
  'torque_nm',
  'tool_wear_min',
] as const;

/**
 * Rebuilds the hourly aggregates (silver layer) from the readings in SQL. This is the local shortcut; the Data
 * Flow Spark job (issue #4) builds the same table at scale. REPLACE keeps it idempotent.
 */
export async function buildHourlyAggregates(pool: Pool): Promise<number> {
  const stats = MEASURES.flatMap((m) => [`AVG(r.${m})`, `MIN(r.${m})`, `MAX(r.${m})`]).join(', ');
  const columns = MEASURES.flatMap((m) => [`mean_${m}`, `min_${m}`, `max_${m}`]).join(', ');
  const [result] = await pool.query<ResultSetHeader>(`
    REPLACE INTO hourly_aggregates (asset_id, hour_start, asset_type, site_id, line_id, reading_count, ${columns},
      mean_failure_probability, max_failure_probability, count_probability_above_0_6, count_probability_above_0_9, failure_count)
    SELECT r.asset_id, CAST(DATE_FORMAT(r.recorded_at, '%Y-%m-%d %H:00:00') AS DATETIME) AS hour_start, MIN(r.asset_type), MIN(a.site_id), MIN(a.line_id), COUNT(*), ${stats},
      AVG(r.failure_probability), MAX(r.failure_probability),
      COALESCE(SUM(r.failure_probability > 0.6), 0), COALESCE(SUM(r.failure_probability > 0.9), 0), SUM(COALESCE(r.machine_failure, 0))
    FROM readings r
    LEFT JOIN assets a ON a.asset_id = r.asset_id
    GROUP BY r.asset_id, hour_start`);
  return result.affectedRows;
}
