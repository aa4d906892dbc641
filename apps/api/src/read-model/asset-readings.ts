import { MEASURES } from '@lakehouse/domain';
import { READING_COLUMN_FIELDS } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { badRequest } from '../http/api-problem.js';
import type { ReadingBucket, ReadingsPage, ReadingsQuery } from '../schemas/readings.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { numOrNull, readFailed, storedReadingColumns, toStoredReading } from './stored-reading.js';

const MEASURE_SQL = MEASURES.map((m) => [m, READING_COLUMN_FIELDS[m]] as const);

const BUCKET_COLUMNS = MEASURE_SQL.map(
  ([, c]) => `AVG(${c}) AS mean_${c}, MIN(${c}) AS min_${c}, MAX(${c}) AS max_${c}`,
).join(', ');

/**
 * Readings of one asset in [from, to). Everything runs inside the primary-key range (asset_id, recorded_at), so
 * the cost depends on the rows in the range, never on the table. Up to `maxPoints` rows the readings are returned
 * raw and keyset-paginated; above it the range is grouped into `maxPoints` time buckets (mean/min/max) in one
 * GROUP BY over the same range.
 */
export async function readAssetReadings(
  pool: Pool,
  assetId: string,
  query: ReadingsQuery,
): Promise<ReadingsPage> {
  if (query.from >= query.to)
    throw badRequest('/query/to', `must be after from (${query.from}), got ${query.to}`);
  const from = new Date(query.from);
  const to = new Date(query.to);
  let total: number;
  try {
    const [rows] = await pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM readings WHERE asset_id = ? AND recorded_at >= ? AND recorded_at < ?',
      [assetId, from, to],
    );
    total = Number(rows[0]?.['n'] ?? 0);
  } catch (err: unknown) {
    throw readFailed('readings', err);
  }
  const base = { assetId, from: query.from, to: query.to, total };
  if (total > query.maxPoints && query.cursor === undefined) {
    const bucketMs = Math.ceil((query.to - query.from) / query.maxPoints);
    let rows: RowDataPacket[];
    try {
      [rows] = await pool.query<RowDataPacket[]>(
        `SELECT FLOOR(TIMESTAMPDIFF(MICROSECOND, ?, recorded_at) / ?) AS bucket, COUNT(*) AS n, ${BUCKET_COLUMNS},
           MAX(failure_probability) AS max_p
         FROM readings WHERE asset_id = ? AND recorded_at >= ? AND recorded_at < ?
         GROUP BY bucket ORDER BY bucket`,
        [from, bucketMs * 1000, assetId, from, to],
      );
    } catch (err: unknown) {
      throw readFailed('readings', err);
    }
    const buckets = rows.map((row): ReadingBucket => {
      const stat = (c: string) => ({
        mean: Number(row[`mean_${c}`]),
        min: Number(row[`min_${c}`]),
        max: Number(row[`max_${c}`]),
      });
      return {
        bucketStart: query.from + Number(row['bucket']) * bucketMs,
        count: Number(row['n']),
        airTemperatureK: stat('air_temperature_k'),
        processTemperatureK: stat('process_temperature_k'),
        rotationalSpeedRpm: stat('rotational_speed_rpm'),
        torqueNm: stat('torque_nm'),
        toolWearMin: stat('tool_wear_min'),
        maxFailureProbability: numOrNull(row['max_p']),
      };
    });
    return { ...base, downsampled: true, bucketMs, readings: [], buckets, nextCursor: null };
  }
  const params: unknown[] = [assetId, from, to];
  let after = '';
  if (query.cursor !== undefined) {
    const [afterMs] = decodeCursor(query.cursor, ['number'] as const);
    after = ' AND recorded_at > ?';
    params.push(new Date(afterMs));
  }
  params.push(query.limit + 1);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(
      `SELECT ${storedReadingColumns('r')} FROM readings r
       WHERE r.asset_id = ? AND r.recorded_at >= ? AND r.recorded_at < ?${after}
       ORDER BY r.recorded_at LIMIT ?`,
      params,
    );
  } catch (err: unknown) {
    throw readFailed('readings', err);
  }
  const readings = rows.slice(0, query.limit).flatMap((r) => {
    const reading = toStoredReading(r);
    return reading === null ? [] : [reading];
  });
  const last = readings[readings.length - 1];
  return {
    ...base,
    downsampled: false,
    bucketMs: null,
    readings,
    buckets: [],
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.recordedAt]) : null,
  };
}
