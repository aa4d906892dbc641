import { deriveFeatures, FAILURE_MODES } from '@lakehouse/domain';
import type { ReadingToStore } from './upsert-readings.js';

const NULL = '\\N';

function flag(value: boolean | undefined): string {
  return value === undefined ? NULL : value ? '1' : '0';
}

function optional(value: number | null | undefined): string {
  return value === undefined || value === null ? NULL : String(value);
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the DATETIME(3) text form. */
export function formatUtcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 23);
}

/**
 * One line (with its newline) of the tab-separated LOAD DATA format, columns in READING_UPSERT_COLUMNS order.
 * Asset ids cannot hold tabs or newlines (libs/domain's id pattern), so no field needs escaping.
 */
export function formatReadingLoadDataLine(item: ReadingToStore): string {
  const r = item.reading;
  const f = deriveFeatures(r);
  return `${[
    r.assetId,
    formatUtcDateTime(r.recordedAt),
    r.assetType,
    r.airTemperatureK,
    r.processTemperatureK,
    r.rotationalSpeedRpm,
    r.torqueNm,
    r.toolWearMin,
    f.powerW,
    f.temperatureDifferenceK,
    f.overstrainMinNm,
    flag(r.labels?.machineFailure),
    ...FAILURE_MODES.map((m) => flag(r.labels?.[m])),
    optional(item.failureProbability),
    optional(item.modelId),
    item.source,
    optional(item.streamPartition),
    optional(item.streamOffset),
  ].join('\t')}\n`;
}
