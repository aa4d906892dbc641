import type { FailureLabels, Reading } from '@lakehouse/domain';
import { msOf } from '../alert-episodes/episode-state-rows.js';
import { READING_COLUMN_FIELDS, type ReadingColumnField } from '../schema/reading-column-fields.js';
import { LABEL_COLUMNS } from '../schema/shared-columns.js';

/** The readings columns {@link readingFromRow} reads: the key, the asset type and the five measures. */
export const READING_ROW_COLUMNS: readonly string[] = (
  [
    'assetId',
    'recordedAt',
    'assetType',
    'airTemperatureK',
    'processTemperatureK',
    'rotationalSpeedRpm',
    'torqueNm',
    'toolWearMin',
  ] as const satisfies readonly ReadingColumnField[]
).map((f) => READING_COLUMN_FIELDS[f]);

const C = READING_COLUMN_FIELDS;

/**
 * A domain Reading (key, type and measures; no labels) from a row selected with {@link READING_ROW_COLUMNS}.
 * Written out field by field rather than looped: it runs once per row when history is scored.
 */
export function readingFromRow(row: Readonly<Record<string, unknown>>): Reading {
  return {
    recordedAt: msOf(row[C.recordedAt]),
    assetId: String(row[C.assetId]),
    assetType: row[C.assetType] as Reading['assetType'],
    airTemperatureK: Number(row[C.airTemperatureK]),
    processTemperatureK: Number(row[C.processTemperatureK]),
    rotationalSpeedRpm: Number(row[C.rotationalSpeedRpm]),
    torqueNm: Number(row[C.torqueNm]),
    toolWearMin: Number(row[C.toolWearMin]),
  };
}

/** The label columns {@link labelsFromRow} reads, in table order. */
export const LABEL_ROW_COLUMNS: readonly string[] = LABEL_COLUMNS.map((c) => c.name);

const flag = (value: unknown): boolean => Number(value) === 1;

/** The failure labels of a row that selected {@link LABEL_ROW_COLUMNS}; a NULL or 0 flag is false. */
export function labelsFromRow(row: Readonly<Record<string, unknown>>): FailureLabels {
  return {
    machineFailure: flag(row[C.machineFailure]),
    TWF: flag(row[C.TWF]),
    HDF: flag(row[C.HDF]),
    PWF: flag(row[C.PWF]),
    OSF: flag(row[C.OSF]),
    RNF: flag(row[C.RNF]),
  };
}
