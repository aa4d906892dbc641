import { describe, expect, it } from 'vitest';
import { LABEL_ROW_COLUMNS, READING_ROW_COLUMNS, labelsFromRow, readingFromRow } from './reading-from-row.js';

describe('readingFromRow', () => {
  it('selects the key, type and measures, and maps them to a domain reading', () => {
    expect(READING_ROW_COLUMNS).toEqual([
      'asset_id',
      'recorded_at',
      'asset_type',
      'air_temperature_k',
      'process_temperature_k',
      'rotational_speed_rpm',
      'torque_nm',
      'tool_wear_min',
    ]);
    const at = Date.UTC(2026, 2, 3, 4, 5, 6, 789);
    expect(
      readingFromRow({
        asset_id: 'A1',
        recorded_at: new Date(at),
        asset_type: 'M',
        air_temperature_k: 300.1,
        process_temperature_k: '310.2',
        rotational_speed_rpm: 1500,
        torque_nm: 40.5,
        tool_wear_min: 12,
        model_id: 3,
      }),
    ).toEqual({
      recordedAt: at,
      assetId: 'A1',
      assetType: 'M',
      airTemperatureK: 300.1,
      processTemperatureK: 310.2,
      rotationalSpeedRpm: 1500,
      torqueNm: 40.5,
      toolWearMin: 12,
    });
  });

  it('reads the six label flags, NULL and 0 as false', () => {
    expect(LABEL_ROW_COLUMNS).toEqual(['machine_failure', 'twf', 'hdf', 'pwf', 'osf', 'rnf']);
    expect(labelsFromRow({ machine_failure: 1, twf: '1', hdf: 0, pwf: null, osf: 0, rnf: 0 })).toEqual({
      machineFailure: true,
      TWF: true,
      HDF: false,
      PWF: false,
      OSF: false,
      RNF: false,
    });
  });
});
