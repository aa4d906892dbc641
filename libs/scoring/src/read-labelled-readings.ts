import type { AssetType, LabelledReading } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, RowDataPacket } from 'mysql2/promise';

/** Options of {@link readLabelledReadings}. */
export interface ReadLabelledReadingsOptions {
  /** Rows per round trip. @default 10000 */
  readonly batchSize?: number;
  /** Called after each batch with the running total. */
  readonly onProgress?: (rows: number) => void;
  /**
   * Only about the newest `newest` labelled readings: every labelled reading at or after the instant of the
   * `newest`-th newest one (ties at that instant are all kept). Undefined reads them all.
   */
  readonly newest?: number;
}

const flag = (value: unknown): boolean => Number(value) === 1;

/**
 * Reads the labelled history (readings whose `machine_failure` is known) in key order, the training input of the
 * failure model. Unlabelled rows (live readings) are skipped.
 */
export async function readLabelledReadings(
  db: Pool,
  options: ReadLabelledReadingsOptions = {},
): Promise<LabelledReading[]> {
  const batchSize = options.batchSize ?? 10_000;
  const out: LabelledReading[] = [];
  let after: [string, Date] | undefined;
  let since: Date | undefined;
  for (;;) {
    let rows: RowDataPacket[];
    try {
      if (options.newest !== undefined && since === undefined) {
        // Through the recorded_at index: the instant of the newest-th newest labelled reading.
        const [cut] = await db.query<RowDataPacket[]>(
          `SELECT recorded_at FROM readings WHERE machine_failure IS NOT NULL
            ORDER BY recorded_at DESC LIMIT 1 OFFSET ?`,
          [Math.max(0, options.newest - 1)],
        );
        since = (cut[0]?.['recorded_at'] as Date | undefined) ?? new Date(0);
      }
      const conditions = ['machine_failure IS NOT NULL'];
      const params: unknown[] = [];
      if (since !== undefined) {
        conditions.push('recorded_at >= ?');
        params.push(since);
      }
      if (after !== undefined) {
        conditions.push('(asset_id, recorded_at) > (?, ?)');
        params.push(...after);
      }
      [rows] = await db.query<RowDataPacket[]>(
        `SELECT asset_id, recorded_at, asset_type, air_temperature_k, process_temperature_k,
                rotational_speed_rpm, torque_nm, tool_wear_min, machine_failure, twf, hdf, pwf, osf, rnf
           FROM readings
          WHERE ${conditions.join(' AND ')}
          ORDER BY asset_id, recorded_at
          LIMIT ?`,
        [...params, batchSize],
      );
    } catch (err: unknown) {
      throw new UpstreamError('SQL_READ_FAILED', `cannot read labelled readings: ${(err as Error).message}`, {
        cause: err,
        retryable: true,
        context: { table: 'readings' },
      });
    }
    for (const row of rows) {
      out.push({
        recordedAt: (row['recorded_at'] as Date).getTime(),
        assetId: String(row['asset_id']),
        assetType: row['asset_type'] as AssetType,
        airTemperatureK: Number(row['air_temperature_k']),
        processTemperatureK: Number(row['process_temperature_k']),
        rotationalSpeedRpm: Number(row['rotational_speed_rpm']),
        torqueNm: Number(row['torque_nm']),
        toolWearMin: Number(row['tool_wear_min']),
        labels: {
          machineFailure: flag(row['machine_failure']),
          TWF: flag(row['twf']),
          HDF: flag(row['hdf']),
          PWF: flag(row['pwf']),
          OSF: flag(row['osf']),
          RNF: flag(row['rnf']),
        },
      });
    }
    options.onProgress?.(out.length);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < batchSize) break;
    after = [String(last['asset_id']), last['recorded_at'] as Date];
  }
  return out;
}
