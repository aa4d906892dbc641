/** Formatting of values for tables and tiles: always with the unit, never more digits than the sensor has. */

const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format;
}

/** `1234.5` -> `1,234.5 rpm`; `null`/`undefined` -> an em dash. */
export function formatNumber(value: number | null | undefined, digits: number, unit = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const text = numberFormat(digits).format(value);
  return unit === '' ? text : `${text} ${unit}`;
}

/** A fraction as a percentage: `0.934` -> `93.4 %` with one digit, `0.6` -> `60 %` with none. */
export function formatPercent(fraction: number | null | undefined, digits: number): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—';
  return `${numberFormat(digits).format(fraction * 100)} %`;
}

/** Failure probability as a percentage with one decimal: `0.934` -> `93.4 %`. */
export function formatProbability(probability: number | null | undefined): string {
  return formatPercent(probability, 1);
}

/** A duration in minutes: `90_000` -> `1.5 min` with one digit. */
export function formatMinutes(durationMs: number, digits: number): string {
  return formatNumber(durationMs / 60_000, digits, 'min');
}

/** Epoch milliseconds as a UTC date and time, to the second: `2026-11-21 22:14:57 UTC`. */
export function formatUtc(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return '—';
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Epoch milliseconds as a UTC date and time, to the minute and without the zone: `2026-11-21 22:14`. */
export function formatUtcMinute(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** Short UTC time for chart axes: `22:14` within a day, `21 Nov 22:14` (or `21 Nov` at midnight) across days. */
export function formatAxisTime(epochMs: number, spanMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const time = spanMs < 120_000 ? iso.slice(11, 19) : iso.slice(11, 16);
  if (spanMs <= 86_400_000) return time;
  const month = new Date(epochMs).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const day = `${iso.slice(8, 10)} ${month}`;
  // Across days, midnight ticks read as the day alone.
  return time === '00:00' ? day : `${day} ${time}`;
}

/** How long ago, for "last reading" cells: `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAge(epochMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - epochMs) / 1000));
  if (seconds < 60) return `${String(seconds)} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${String(minutes)} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${String(hours)} h ago`;
  return `${String(Math.round(hours / 24))} d ago`;
}

/**
 * When a warning's failure is expected, from now: `fails in < 1 min`, `fails in ~25 min` (below two hours),
 * `fails in ~5 h` (below two days), `fails in ~3 d`; `overdue by ~4 min` once the time has passed (the machine has
 * outlived the estimate, or no reading came since); `no estimate` without one (issue #18).
 */
export function formatFailsIn(expectedAtMs: number | null, nowMs: number): string {
  if (expectedAtMs === null) return 'no estimate';
  const aheadMs = expectedAtMs - nowMs;
  const span = approximateSpan(Math.abs(aheadMs));
  if (aheadMs <= 0) return span === null ? 'due now' : `overdue by ${span}`;
  return span === null ? 'fails in < 1 min' : `fails in ${span}`;
}

/** `~25 min`, `~5 h`, `~3 d`; null below a minute. */
function approximateSpan(ms: number): string | null {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return null;
  if (minutes < 120) return `~${String(minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `~${String(hours)} h`;
  return `~${String(Math.round(hours / 24))} d`;
}
