import { DAY_MS } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { badRequest } from '../http/api-problem.js';
import {
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  type TrendPoint,
  type TrendQuery,
  type Trends,
  type TrendSeries,
  NO_MANUFACTURER,
} from '../schemas/trends.js';
import { epochMs, readFailed } from './stored-reading.js';

/** Label of the series of assets without a known site or line (as the KPIs name it). */
const NONE = '(none)';

/** One day of one group, summed over the rollup rows inside the group (sums, so days fold into weeks exactly). */
export interface DailyTrendRow {
  readonly dayStartMs: number;
  /** '' when not known, as daily_rollups stores it; '' too when the grouping does not use it. */
  readonly siteId: string;
  readonly lineId: string;
  readonly assetType: string;
  /** The register's manufacturer ('' without a register row); '' too when the grouping does not use it. */
  readonly manufacturer: string;
  readonly readingCount: number;
  readonly scoredCount: number;
  /** Σ probability over the scored readings (mean × scored count per rollup row); null when none was scored. */
  readonly sumProbability: number | null;
  readonly minProbability: number | null;
  readonly maxProbability: number | null;
  readonly above0_6: number;
  readonly above0_9: number;
  readonly failures: number;
}

/** Start of the ISO week (Monday 00:00 UTC) that holds `ms`; 1970-01-01 was a Thursday. */
export function weekStartMs(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  return (day - ((day + 3) % 7)) * DAY_MS;
}

/** The range a query covers: defaults applied, `from` widened to its bucket's start; 400 when it is not usable. */
export function trendRange(
  query: TrendQuery,
  nowMs: number,
): { readonly fromMs: number; readonly toMs: number } {
  const toMs = query.to ?? nowMs;
  const requestedFrom = query.from ?? toMs - DEFAULT_TREND_DAYS * DAY_MS;
  if (requestedFrom >= toMs)
    throw badRequest('/query/to', `must be after from (${requestedFrom}), got ${toMs}`);
  const fromMs =
    query.bucket === 'week' ? weekStartMs(requestedFrom) : Math.floor(requestedFrom / DAY_MS) * DAY_MS;
  if (toMs - fromMs > MAX_TREND_DAYS * DAY_MS) {
    throw badRequest(
      '/query/from',
      `the range may cover at most ${String(MAX_TREND_DAYS)} days, got ${String(Math.ceil((toMs - fromMs) / DAY_MS))}`,
    );
  }
  return { fromMs, toMs };
}

const minOrNull = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxOrNull = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

function seriesIdentity(row: DailyTrendRow, groupBy: TrendQuery['groupBy']): Omit<TrendSeries, 'points'> {
  const site = row.siteId === '' ? null : row.siteId;
  const line = row.lineId === '' ? null : row.lineId;
  const none = { siteId: null, lineId: null, assetType: null, manufacturer: null };
  if (groupBy === 'assetType') return { ...none, key: row.assetType, assetType: row.assetType };
  if (groupBy === 'manufacturer') {
    const maker = row.manufacturer === '' ? null : row.manufacturer;
    return { ...none, key: maker ?? NONE, manufacturer: maker };
  }
  if (groupBy === 'line') {
    // Line ids need not be unique across sites: the key names both.
    return { ...none, key: `${site ?? NONE}/${line ?? NONE}`, siteId: site, lineId: line };
  }
  return { ...none, key: site ?? NONE, siteId: site };
}

/**
 * Folds daily rows (already one per day and group) into series of day or week buckets: counts add up, the mean is
 * Σ probability / scored readings over the bucket, min and max are those of its days. Series are ordered by key,
 * points oldest first; a bucket without readings has no point.
 */
export function foldTrendRows(
  rows: readonly DailyTrendRow[],
  bucket: TrendQuery['bucket'],
  groupBy: TrendQuery['groupBy'],
): TrendSeries[] {
  interface Acc {
    readonly identity: Omit<TrendSeries, 'points'>;
    readonly buckets: Map<number, DailyTrendRow>;
  }
  const series = new Map<string, Acc>();
  for (const row of rows) {
    const identity = seriesIdentity(row, groupBy);
    let acc = series.get(identity.key);
    if (acc === undefined) {
      acc = { identity, buckets: new Map() };
      series.set(identity.key, acc);
    }
    const start = bucket === 'week' ? weekStartMs(row.dayStartMs) : row.dayStartMs;
    const seen = acc.buckets.get(start);
    acc.buckets.set(
      start,
      seen === undefined
        ? { ...row, dayStartMs: start }
        : {
            ...seen,
            readingCount: seen.readingCount + row.readingCount,
            scoredCount: seen.scoredCount + row.scoredCount,
            sumProbability:
              seen.sumProbability === null && row.sumProbability === null
                ? null
                : (seen.sumProbability ?? 0) + (row.sumProbability ?? 0),
            minProbability: minOrNull(seen.minProbability, row.minProbability),
            maxProbability: maxOrNull(seen.maxProbability, row.maxProbability),
            above0_6: seen.above0_6 + row.above0_6,
            above0_9: seen.above0_9 + row.above0_9,
            failures: seen.failures + row.failures,
          },
    );
  }
  return [...series.values()]
    .sort((a, b) => (a.identity.key < b.identity.key ? -1 : a.identity.key > b.identity.key ? 1 : 0))
    .map(({ identity, buckets }) => ({
      ...identity,
      points: [...buckets.values()]
        .sort((a, b) => a.dayStartMs - b.dayStartMs)
        .map((b): TrendPoint => ({
          bucketStart: b.dayStartMs,
          readingCount: b.readingCount,
          scoredCount: b.scoredCount,
          meanFailureProbability:
            b.sumProbability === null || b.scoredCount === 0 ? null : b.sumProbability / b.scoredCount,
          minFailureProbability: b.minProbability,
          maxFailureProbability: b.maxProbability,
          countProbabilityAbove0_6: b.above0_6,
          countProbabilityAbove0_9: b.above0_9,
          failureCount: b.failures,
        })),
    }));
}

const GROUP_COLUMNS: Readonly<Record<TrendQuery['groupBy'], readonly string[]>> = {
  site: ['site_id'],
  line: ['site_id', 'line_id'],
  assetType: ['asset_type'],
  manufacturer: ['manufacturer'],
};

/**
 * The rollup table a query reads: `daily_manufacturer_rollups` (migration 7) when it groups or filters by
 * manufacturer, else `daily_rollups`, which has the same figures without that column (the rebuild writes both).
 */
export function trendTable(query: Pick<TrendQuery, 'groupBy' | 'manufacturer'>): string {
  return query.groupBy === 'manufacturer' || query.manufacturer !== undefined
    ? 'daily_manufacturer_rollups'
    : 'daily_rollups';
}

/**
 * The daily statement of a trend: one row per day and group from a rollup table, through its primary key
 * (day_start leads). A year of a fleet on 3 sites and 12 lines is at most 4,380 rows, whatever the readings.
 */
export function trendSql(
  groupBy: TrendQuery['groupBy'],
  filters: readonly string[],
  table = 'daily_rollups',
): string {
  const group = GROUP_COLUMNS[groupBy];
  const column = (name: string) => (group.includes(name) ? name : `'' AS ${name}`);
  return `SELECT day_start, ${column('site_id')}, ${column('line_id')}, ${column('asset_type')}, ${column('manufacturer')},
  SUM(reading_count) AS reading_count, SUM(scored_count) AS scored_count,
  SUM(mean_failure_probability * scored_count) AS sum_p,
  MIN(min_failure_probability) AS min_p, MAX(max_failure_probability) AS max_p,
  SUM(count_probability_above_0_6) AS above_0_6, SUM(count_probability_above_0_9) AS above_0_9,
  SUM(failure_count) AS failures
FROM ${table}
WHERE ${['day_start >= ?', 'day_start < ?', ...filters].join(' AND ')}
GROUP BY day_start, ${group.join(', ')}`;
}

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * GET /trends: the daily rollups of [from, to), folded into day or week buckets per site, line, asset type or
 * manufacturer.
 */
export async function readTrends(pool: Pool, query: TrendQuery, nowMs: number): Promise<Trends> {
  const { fromMs, toMs } = trendRange(query, nowMs);
  const filters: string[] = [];
  const params: unknown[] = [new Date(fromMs), new Date(toMs)];
  for (const [column, value] of [
    ['site_id', query.siteId],
    ['line_id', query.lineId],
    ['asset_type', query.assetType],
    ['manufacturer', query.manufacturer === NO_MANUFACTURER ? '' : query.manufacturer],
  ] as const) {
    if (value !== undefined) {
      filters.push(`${column} = ?`);
      params.push(value);
    }
  }
  const table = trendTable(query);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(trendSql(query.groupBy, filters, table), params);
  } catch (err: unknown) {
    throw readFailed(table, err);
  }
  const daily = rows.map((r): DailyTrendRow => ({
    dayStartMs: epochMs(r['day_start']),
    siteId: String(r['site_id']),
    lineId: String(r['line_id']),
    assetType: String(r['asset_type']),
    manufacturer: String(r['manufacturer']),
    readingCount: Number(r['reading_count']),
    scoredCount: Number(r['scored_count']),
    sumProbability: numOrNull(r['sum_p']),
    minProbability: numOrNull(r['min_p']),
    maxProbability: numOrNull(r['max_p']),
    above0_6: Number(r['above_0_6']),
    above0_9: Number(r['above_0_9']),
    failures: Number(r['failures']),
  }));
  return {
    from: fromMs,
    to: toMs,
    bucket: query.bucket,
    groupBy: query.groupBy,
    series: foldTrendRows(daily, query.bucket, query.groupBy),
  };
}
