/**
 * How the command-line jobs print counts and times in their progress lines, so that every job reads the same:
 * `12,345 rows`, `3.4 s`, `1:02:05`. English grouping is fixed (not the machine's locale) because tests and
 * operators grep these lines.
 */

/** A count rounded to a whole number with `,` thousands separators: `12,345`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A duration in milliseconds as seconds with `fractionDigits` decimals and the unit: `3.4 s`. @default 1 digit */
export function formatSeconds(durationMs: number, fractionDigits = 1): string {
  return `${(durationMs / 1000).toFixed(fractionDigits)} s`;
}

/** A duration in seconds as a clock, `h:mm:ss` or `m:ss`; `--:--` when unknown (NaN, infinite, negative). */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${String(h)}:${String(m).padStart(2, '0')}:${rest}` : `${String(m)}:${rest}`;
}
