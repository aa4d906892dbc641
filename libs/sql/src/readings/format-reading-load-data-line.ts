import type { Pool, PoolConnection } from 'mysql2/promise';
import type { Readable } from 'node:stream';
import { loadDataLocalInfile, type LoadDataResult } from '../load-data-local-infile.js';
import { DERIVED_FEATURE_SQL } from './derived-feature-sql.js';
import { formatUtcDateTime } from './format-utc-date-time.js';
import { READING_UPSERT_COLUMNS, type ReadingToStore } from './upsert-readings.js';

export { formatUtcDateTime };

const flag = (value: boolean | undefined): string => (value === undefined ? '\\N' : value ? '1' : '0');
const orNull = (value: number | null | undefined): string =>
  value === undefined || value === null ? '\\N' : String(value);

/**
 * How the server reads {@link formatReadingLoadDataLine} lines (`loadDataLocalInfile` columns and SET): the upsert
 * columns except the derived features, which the server computes with libs/domain's arithmetic
 * (DERIVED_FEATURE_SQL; a test checks the stored doubles equal deriveFeatures). Printing a full-precision double
 * costs the client far more than the multiplication costs the server.
 */
export const READING_LOAD_DATA_LAYOUT: {
  readonly columns: readonly string[];
  readonly set: readonly string[];
} = {
  columns: READING_UPSERT_COLUMNS.filter((c) => !Object.hasOwn(DERIVED_FEATURE_SQL, c)),
  set: Object.entries(DERIVED_FEATURE_SQL).map(([column, expression]) => `${column} = ${expression}`),
};

/**
 * One line (with its newline) of the tab-separated LOAD DATA format, columns in READING_LOAD_DATA_LAYOUT order,
 * `\N` for NULL: the values of `readingColumnValues` without the derived features, written without intermediate
 * arrays because this runs once per row on the ingest and bulk-load hot paths (a unit test checks it against the
 * generic mapping). Asset ids cannot hold tabs or newlines (libs/domain's id pattern), so no field needs escaping.
 */
export function formatReadingLoadDataLine(item: ReadingToStore): string {
  const r = item.reading;
  const l = r.labels;
  return `${r.assetId}\t${formatUtcDateTime(r.recordedAt)}\t${r.assetType}\t${r.airTemperatureK}\t${r.processTemperatureK}\t${r.rotationalSpeedRpm}\t${r.torqueNm}\t${r.toolWearMin}\t${flag(l?.machineFailure)}\t${flag(l?.TWF)}\t${flag(l?.HDF)}\t${flag(l?.PWF)}\t${flag(l?.OSF)}\t${flag(l?.RNF)}\t${orNull(item.failureProbability)}\t${orNull(item.modelId)}\t${item.source}\t${orNull(item.streamPartition)}\t${orNull(item.streamOffset)}\n`;
}

/**
 * `LOAD DATA LOCAL INFILE` of {@link formatReadingLoadDataLine} lines into `readings`, with the matching column
 * list and SET clause: the one way to load such lines, so that the format and the statement cannot drift apart.
 */
export function loadReadingLines(
  db: Pool | PoolConnection,
  options: { readonly stream: Readable; readonly onDuplicate: 'replace' | 'ignore' },
): Promise<LoadDataResult> {
  return loadDataLocalInfile(db, { table: 'readings', ...READING_LOAD_DATA_LAYOUT, ...options });
}
