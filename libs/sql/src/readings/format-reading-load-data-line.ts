import { deriveFeatures } from '@lakehouse/domain';
import { formatUtcDateTime } from './format-utc-date-time.js';
import type { ReadingToStore } from './upsert-readings.js';

export { formatUtcDateTime };

const flag = (value: boolean | undefined): string => (value === undefined ? '\\N' : value ? '1' : '0');
const orNull = (value: number | null | undefined): string =>
  value === undefined || value === null ? '\\N' : String(value);

/**
 * One line (with its newline) of the tab-separated LOAD DATA format, columns in READING_UPSERT_COLUMNS order, `\N`
 * for NULL: the same values as `readingColumnValues`, written without intermediate arrays because this runs once
 * per row on the ingest and bulk-load hot paths (a unit test checks it against the generic mapping). Asset ids
 * cannot hold tabs or newlines (libs/domain's id pattern), so no field needs escaping.
 */
export function formatReadingLoadDataLine(item: ReadingToStore): string {
  const r = item.reading;
  const f = deriveFeatures(r);
  const l = r.labels;
  return `${r.assetId}\t${formatUtcDateTime(r.recordedAt)}\t${r.assetType}\t${r.airTemperatureK}\t${r.processTemperatureK}\t${r.rotationalSpeedRpm}\t${r.torqueNm}\t${r.toolWearMin}\t${f.powerW}\t${f.temperatureDifferenceK}\t${f.overstrainMinNm}\t${flag(l?.machineFailure)}\t${flag(l?.TWF)}\t${flag(l?.HDF)}\t${flag(l?.PWF)}\t${flag(l?.OSF)}\t${flag(l?.RNF)}\t${orNull(item.failureProbability)}\t${orNull(item.modelId)}\t${item.source}\t${orNull(item.streamPartition)}\t${orNull(item.streamOffset)}\n`;
}
