const DAY_MS = 86_400_000;

/** ISO weekday of a UTC instant: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(epochMs: number): number {
  const day = new Date(epochMs).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * ISO-8601 week of a UTC instant, `YYYY-Www`: weeks start on Monday and belong to the year of their Thursday, so
 * 2026-12-31 (a Thursday) is `2026-W53` and 2027-01-01 is too.
 */
export function isoWeekOf(epochMs: number): string {
  const dayMs = Math.floor(epochMs / DAY_MS) * DAY_MS;
  const thursdayMs = dayMs + (4 - isoWeekday(dayMs)) * DAY_MS;
  const year = new Date(thursdayMs).getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const week = 1 + Math.floor((thursdayMs - jan1.getTime()) / (7 * DAY_MS));
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}
