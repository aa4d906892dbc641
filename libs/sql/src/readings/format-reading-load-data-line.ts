import { readingColumnValues, type ReadingToStore } from './upsert-readings.js';

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the DATETIME(3) text form. */
export function formatUtcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 23);
}

/**
 * One line (with its newline) of the tab-separated LOAD DATA format, columns in READING_UPSERT_COLUMNS order, `\N`
 * for NULL. Asset ids cannot hold tabs or newlines (libs/domain's id pattern), so no field needs escaping.
 */
export function formatReadingLoadDataLine(item: ReadingToStore): string {
  return `${readingColumnValues(item)
    .map((v) => (v === null ? '\\N' : v instanceof Date ? formatUtcDateTime(v.getTime()) : String(v)))
    .join('\t')}\n`;
}
