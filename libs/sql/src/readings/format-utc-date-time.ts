const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const SECONDS = Array.from({ length: 60 }, (_, s) => pad(s, 2));
const MILLIS = Array.from({ length: 1000 }, (_, ms) => pad(ms, 3));
let cachedMinute = Number.NaN;
let cachedPrefix = '';

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the DATETIME(3) text form. Runs once per reading on the ingest and bulk-load
 * hot paths, where consecutive readings share their minute: the `YYYY-MM-DD HH:MM:` prefix of the last minute is
 * kept, seconds and milliseconds come from tables.
 */
export function formatUtcDateTime(epochMs: number): string {
  const minute = Math.floor(epochMs / 60_000);
  if (minute !== cachedMinute) {
    const iso = new Date(minute * 60_000).toISOString();
    cachedPrefix = `${iso.slice(0, 10)} ${iso.slice(11, 17)}`;
    cachedMinute = minute;
  }
  const rest = epochMs - minute * 60_000;
  const second = Math.floor(rest / 1000);
  return `${cachedPrefix}${SECONDS[second] ?? ''}.${MILLIS[rest - second * 1000] ?? ''}`;
}
