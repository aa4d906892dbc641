import type { Pool } from 'mysql2/promise';
import { DAY_MS, planAggregateRebuild } from './covering-ranges.js';
import { rebuildDailyRollups } from './rebuild-daily-rollups.js';
import { rebuildHourlyAggregates } from './rebuild-hourly-aggregates.js';

/** Options of {@link refreshAggregates}. */
export interface RefreshAggregatesOptions {
  /** Called after each UTC day is rebuilt (its hours, then its rollup). */
  readonly onDay?: (progress: {
    readonly dayStartMs: number;
    readonly done: number;
    readonly days: number;
  }) => void;
}

/** What {@link refreshAggregates} rebuilt. */
export interface RefreshAggregatesResult {
  readonly days: number;
  readonly hourRanges: number;
}

/**
 * Rebuilds what readings at `instantsMs` feed: the hourly aggregates of their hours (from `readings`), then the
 * daily rollups of their UTC days (from `hourly_aggregates`), day by day. Used after history scoring (the hours it
 * scored), after a bulk load, and for the live hours.
 */
export async function refreshAggregates(
  pool: Pool,
  instantsMs: Iterable<number>,
  options: RefreshAggregatesOptions = {},
): Promise<RefreshAggregatesResult> {
  const plan = planAggregateRebuild(instantsMs);
  let hourRanges = 0;
  for (const [index, day] of plan.entries()) {
    for (const range of day.hourRanges) {
      await rebuildHourlyAggregates(pool, { fromMs: range.startMs, toMs: range.endMs });
      hourRanges += 1;
    }
    await rebuildDailyRollups(pool, { fromMs: day.dayStartMs, toMs: day.dayStartMs + DAY_MS });
    options.onDay?.({ dayStartMs: day.dayStartMs, done: index + 1, days: plan.length });
  }
  return { days: plan.length, hourRanges };
}
