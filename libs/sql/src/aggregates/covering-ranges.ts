/** One hour in ms: the grain of `hourly_aggregates`. */
export const HOUR_MS = 3_600_000;
/** One day in ms: the grain of `daily_rollups` (UTC days). */
export const DAY_MS = 86_400_000;

/** A half-open time range [startMs, endMs), epoch ms UTC. */
export interface TimeRange {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The fewest ranges of whole `unitMs` units (hours, UTC days) that hold every instant: each instant's unit, with
 * adjacent and repeated units merged, oldest first. What a rebuild needs to touch after scattered rows changed.
 */
export function coveringRanges(instantsMs: Iterable<number>, unitMs: number): TimeRange[] {
  if (!Number.isSafeInteger(unitMs) || unitMs < 1) {
    throw new RangeError(`unitMs must be a positive integer, got ${String(unitMs)}`);
  }
  const units = new Set<number>();
  for (const at of instantsMs) {
    if (!Number.isFinite(at)) throw new RangeError(`instants must be finite epoch ms, got ${String(at)}`);
    units.add(Math.floor(at / unitMs));
  }
  const sorted = [...units].sort((a, b) => a - b);
  const ranges: TimeRange[] = [];
  let first: number | undefined;
  let last = 0;
  for (const unit of sorted) {
    if (first !== undefined && unit === last + 1) {
      last = unit;
      continue;
    }
    if (first !== undefined) ranges.push({ startMs: first * unitMs, endMs: (last + 1) * unitMs });
    first = unit;
    last = unit;
  }
  if (first !== undefined) ranges.push({ startMs: first * unitMs, endMs: (last + 1) * unitMs });
  return ranges;
}

/** The hours of one UTC day to rebuild, as merged ranges. */
export interface DayRebuild {
  readonly dayStartMs: number;
  readonly hourRanges: readonly TimeRange[];
}

/**
 * Groups the hours holding `instantsMs` by UTC day, oldest first: per day, the merged hour ranges whose hourly
 * aggregates to rebuild, after which that day's rollup is rebuilt. An hour range never crosses midnight, so each
 * day is finished (hourly, then daily) before the next one starts.
 */
export function planAggregateRebuild(instantsMs: Iterable<number>): DayRebuild[] {
  const byDay = new Map<number, number[]>();
  for (const range of coveringRanges(instantsMs, HOUR_MS)) {
    for (let hour = range.startMs; hour < range.endMs; hour += HOUR_MS) {
      const day = Math.floor(hour / DAY_MS) * DAY_MS;
      const hours = byDay.get(day);
      if (hours === undefined) byDay.set(day, [hour]);
      else hours.push(hour);
    }
  }
  return [...byDay].map(([dayStartMs, hours]) => ({
    dayStartMs,
    hourRanges: coveringRanges(hours, HOUR_MS),
  }));
}
