import type { AssetType, Reading } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';

/** The `readings` columns the scorers read, as mysql2 returns them. */
export interface ReadingRow extends RowDataPacket {
  asset_id: string;
  recorded_at: Date;
  asset_type: AssetType;
  air_temperature_k: number;
  process_temperature_k: number;
  rotational_speed_rpm: number;
  torque_nm: number;
  tool_wear_min: number;
}

/** A stored reading's measures as the domain reading the scorer takes. */
export function rowToReading(row: ReadingRow): Reading {
  return {
    recordedAt: row.recorded_at.getTime(),
    assetId: row.asset_id,
    assetType: row.asset_type,
    airTemperatureK: Number(row.air_temperature_k),
    processTemperatureK: Number(row.process_temperature_k),
    rotationalSpeedRpm: Number(row.rotational_speed_rpm),
    torqueNm: Number(row.torque_nm),
    toolWearMin: Number(row.tool_wear_min),
  };
}
