import type { Pool, RowDataPacket } from 'mysql2/promise';
import { badRequest } from '../http/api-problem.js';
import type { HourlyAggregate, HourlyPage, HourlyQuery } from '../schemas/hourly-aggregates.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { epochMs, numOrNull, readFailed } from './stored-reading.js';

/**
 * The silver table (`hourly_aggregates`, built by the Data Flow job or the local SQL job), newest hour first,
 * keyset-paginated on (hour_start, asset_id). With an asset id the primary key serves it; otherwise the
 * `hourly_aggregates_hour` index does.
 */
export async function readHourlyAggregates(pool: Pool, query: HourlyQuery): Promise<HourlyPage> {
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    throw badRequest('/query/to', `must be after from (${query.from}), got ${query.to}`);
  }
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.assetId !== undefined) {
    where.push('asset_id = ?');
    params.push(query.assetId);
  }
  if (query.siteId !== undefined) {
    where.push('site_id = ?');
    params.push(query.siteId);
  }
  if (query.from !== undefined) {
    where.push('hour_start >= ?');
    params.push(new Date(query.from));
  }
  if (query.to !== undefined) {
    where.push('hour_start < ?');
    params.push(new Date(query.to));
  }
  if (query.cursor !== undefined) {
    const [hourMs, assetId] = decodeCursor(query.cursor, ['number', 'string'] as const);
    where.push('(hour_start < ? OR (hour_start = ? AND asset_id > ?))');
    params.push(new Date(hourMs), new Date(hourMs), assetId);
  }
  params.push(query.limit + 1);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(
      `SELECT * FROM hourly_aggregates${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY hour_start DESC, asset_id LIMIT ?`,
      params,
    );
  } catch (err: unknown) {
    throw readFailed('hourly_aggregates', err);
  }
  const items = rows.slice(0, query.limit).map((row): HourlyAggregate => {
    const stat = (c: string) => ({
      mean: Number(row[`mean_${c}`]),
      min: Number(row[`min_${c}`]),
      max: Number(row[`max_${c}`]),
    });
    return {
      assetId: String(row['asset_id']),
      hourStart: epochMs(row['hour_start']),
      assetType: String(row['asset_type']),
      siteId: (row['site_id'] as string | null) ?? null,
      lineId: (row['line_id'] as string | null) ?? null,
      readingCount: Number(row['reading_count']),
      airTemperatureK: stat('air_temperature_k'),
      processTemperatureK: stat('process_temperature_k'),
      rotationalSpeedRpm: stat('rotational_speed_rpm'),
      torqueNm: stat('torque_nm'),
      toolWearMin: stat('tool_wear_min'),
      meanFailureProbability: numOrNull(row['mean_failure_probability']),
      maxFailureProbability: numOrNull(row['max_failure_probability']),
      countProbabilityAbove0_6: Number(row['count_probability_above_0_6']),
      countProbabilityAbove0_9: Number(row['count_probability_above_0_9']),
      failureCount: Number(row['failure_count']),
    };
  });
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > query.limit && last !== undefined ? encodeCursor([last.hourStart, last.assetId]) : null,
  };
}
