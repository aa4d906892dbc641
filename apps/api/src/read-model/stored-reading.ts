import { UpstreamError } from '@lakehouse/runtime';
import type { RowDataPacket } from 'mysql2/promise';
import type { StoredReading } from '../schemas/readings.js';

/** Columns of `readings` that {@link toStoredReading} maps, prefixed with the table alias. */
export function storedReadingColumns(alias: string): string {
  return [
    'recorded_at',
    'air_temperature_k',
    'process_temperature_k',
    'rotational_speed_rpm',
    'torque_nm',
    'tool_wear_min',
    'power_w',
    'temperature_difference_k',
    'failure_probability',
    'model_id',
  ]
    .map((c) => `${alias}.${c} AS r_${c}`)
    .join(', ');
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Epoch ms of a DATETIME that mysql2 returned as a Date (the pool works in UTC). */
export function epochMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
}

/** The reading selected with {@link storedReadingColumns}, or null when the join found none. */
export function toStoredReading(row: RowDataPacket): StoredReading | null {
  if (row['r_recorded_at'] === null || row['r_recorded_at'] === undefined) return null;
  return {
    recordedAt: epochMs(row['r_recorded_at']),
    airTemperatureK: num(row['r_air_temperature_k']),
    processTemperatureK: num(row['r_process_temperature_k']),
    rotationalSpeedRpm: num(row['r_rotational_speed_rpm']),
    torqueNm: num(row['r_torque_nm']),
    toolWearMin: num(row['r_tool_wear_min']),
    powerW: num(row['r_power_w']),
    temperatureDifferenceK: num(row['r_temperature_difference_k']),
    failureProbability: numOrNull(row['r_failure_probability']),
    modelId: numOrNull(row['r_model_id']),
  };
}

/** Wraps a failed read with the table it was reading. */
export function readFailed(table: string, err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read ${table}: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table },
  });
}

export { numOrNull };
