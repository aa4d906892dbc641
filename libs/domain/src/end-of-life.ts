import { calendarDateMs, toCalendarDate } from './asset-master-data.js';

/** Mean length of a Gregorian month (365.2425 / 12 days), ms: the unit of "months remaining". */
export const MEAN_MONTH_MS = (365.2425 / 12) * 86_400_000;

/**
 * The calendar date `months` after `dateOn` (`YYYY-MM-DD`), the day clamped to the end of a shorter month
 * (2024-01-31 + 1 month = 2024-02-29). Throws RangeError on a date that names no real day or a non-integer count.
 */
export function addCalendarMonths(dateOn: string, months: number): string {
  if (calendarDateMs(dateOn) === undefined)
    throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(dateOn)}`);
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer, got ${String(months)}`);
  const [year, month, day] = dateOn.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  // Day 0 of the next month is the last day of this one; setUTCFullYear, unlike Date.UTC, keeps years 0-99.
  const probe = new Date(0);
  probe.setUTCFullYear(targetYear, targetMonth + 1, 0);
  const daysInTarget = probe.getUTCDate();
  const result = new Date(0);
  result.setUTCFullYear(targetYear, targetMonth, Math.min(day, daysInTarget));
  return toCalendarDate(result.getTime());
}

/** What {@link endOfLife} needs from the master data. */
export interface EndOfLifeInput {
  /** Install date, `YYYY-MM-DD`. */
  readonly installedOn: string;
  /** Expected service life from the install date, months. */
  readonly serviceLifeMonths: number;
}

/** Expected end of life of a machine. */
export interface EndOfLife {
  /** Install date plus the service life in calendar months, `YYYY-MM-DD`. */
  readonly endOfLifeOn: string;
  /** UTC midnight at the start of that day, epoch ms. */
  readonly endOfLifeAt: number;
  /** `(endOfLifeAt - nowMs) / MEAN_MONTH_MS`: negative once the end of life has passed. */
  readonly monthsRemaining: number;
  readonly isPastEndOfLife: boolean;
}

/** Expected end of life from install date and service life, and the months from `nowMs` until it. */
export function endOfLife(input: EndOfLifeInput, nowMs: number): EndOfLife {
  if (!Number.isSafeInteger(input.serviceLifeMonths) || input.serviceLifeMonths < 1)
    throw new RangeError(
      `serviceLifeMonths must be a positive integer, got ${String(input.serviceLifeMonths)}`,
    );
  const endOfLifeOn = addCalendarMonths(input.installedOn, input.serviceLifeMonths);
  const endOfLifeAt = calendarDateMs(endOfLifeOn) as number;
  return {
    endOfLifeOn,
    endOfLifeAt,
    monthsRemaining: (endOfLifeAt - nowMs) / MEAN_MONTH_MS,
    isPastEndOfLife: endOfLifeAt <= nowMs,
  };
}

/** The horizons the fleet summary counts assets reaching end of life within, months. */
export const END_OF_LIFE_HORIZONS_MONTHS = [6, 12, 24] as const;

/** End-of-life figures of one group of assets (a site, a manufacturer, the whole fleet). */
export interface EndOfLifeGroup {
  readonly key: string;
  readonly assets: number;
  /** Mean of the assets' months remaining (negative ones included), null for an empty group. */
  readonly meanMonthsToEndOfLife: number | null;
  /** Assets whose end of life has passed. */
  readonly pastEndOfLife: number;
  /** Assets at or past end of life within 6 / 12 / 24 months (those already past count in every horizon). */
  readonly within6Months: number;
  readonly within12Months: number;
  readonly within24Months: number;
}

/**
 * Groups assets by `keyOf` (e.g. site or manufacturer) and sums their end-of-life figures; groups in key order.
 * `monthsRemaining` is what {@link endOfLife} returns.
 */
export function summariseEndOfLife<T extends { readonly monthsRemaining: number }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): EndOfLifeGroup[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => endOfLifeGroup(key, members));
}

/** The end-of-life figures of one group of assets. */
export function endOfLifeGroup(
  key: string,
  members: readonly { readonly monthsRemaining: number }[],
): EndOfLifeGroup {
  const within = (months: number): number => members.filter((m) => m.monthsRemaining <= months).length;
  const [h6, h12, h24] = END_OF_LIFE_HORIZONS_MONTHS;
  return {
    key,
    assets: members.length,
    meanMonthsToEndOfLife:
      members.length === 0 ? null : members.reduce((sum, m) => sum + m.monthsRemaining, 0) / members.length,
    pastEndOfLife: members.filter((m) => m.monthsRemaining <= 0).length,
    within6Months: within(h6),
    within12Months: within(h12),
    within24Months: within(h24),
  };
}
