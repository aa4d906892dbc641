const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a time axis may use: round units of UTC time. */
const STEPS = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
] as const;

/**
 * Tick positions for an axis of epoch milliseconds: the smallest round step (1 s … 7 d) that gives at most
 * `maxTicks` ticks, at multiples of that step (so hours fall on the hour, in UTC).
 */
export function timeTicks(min: number, max: number, maxTicks = 8): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return Number.isFinite(min) ? [min] : [];
  const span = max - min;
  const step =
    STEPS.find((s) => Math.floor(span / s) + 1 <= maxTicks) ??
    Math.ceil(span / Math.max(1, maxTicks - 1) / DAY) * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}
