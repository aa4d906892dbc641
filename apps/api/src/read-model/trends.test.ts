import { describe, expect, it } from 'vitest';
import type { TrendQuery } from '../schemas/trends.js';
import {
  foldTrendRows,
  trendRange,
  trendSql,
  trendTable,
  weekStartMs,
  type DailyTrendRow,
} from './trends.js';

const DAY = 86_400_000;
/** Wednesday 2026-01-07 00:00 UTC. */
const WED = Date.UTC(2026, 0, 7);
const MON = Date.UTC(2026, 0, 5);

const day = (dayStartMs: number, overrides: Partial<DailyTrendRow> = {}): DailyTrendRow => ({
  dayStartMs,
  siteId: 'site-a',
  lineId: '',
  assetType: '',
  manufacturer: '',
  readingCount: 100,
  scoredCount: 100,
  sumProbability: 10,
  minProbability: 0.01,
  maxProbability: 0.5,
  above0_6: 0,
  above0_9: 0,
  failures: 1,
  ...overrides,
});

const query = (q: Partial<TrendQuery>): TrendQuery => ({ bucket: 'day', groupBy: 'site', ...q });

describe('weekStartMs', () => {
  it('is the Monday 00:00 UTC of the ISO week, Sundays belonging to the week before', () => {
    expect(weekStartMs(WED + 13 * 3_600_000)).toBe(MON);
    expect(weekStartMs(MON)).toBe(MON);
    expect(weekStartMs(MON - 1)).toBe(MON - 7 * DAY);
    expect(new Date(weekStartMs(Date.UTC(2026, 0, 11, 23))).getUTCDay()).toBe(1);
  });
});

describe('trendRange', () => {
  it('defaults to the 28 days before now and widens from to its day or week', () => {
    const now = WED + 5 * 3_600_000;
    expect(trendRange(query({}), now)).toEqual({ fromMs: WED - 28 * DAY, toMs: now });
    expect(trendRange(query({ from: WED + 1, to: WED + DAY }), now)).toEqual({
      fromMs: WED,
      toMs: WED + DAY,
    });
    expect(trendRange(query({ bucket: 'week', from: WED, to: WED + DAY }), now).fromMs).toBe(MON);
  });

  it('refuses an empty or reversed range and one longer than two years, naming the parameter', () => {
    expect(() => trendRange(query({ from: WED, to: WED }), WED)).toThrow(/\/query\/to: must be after from/);
    expect(() => trendRange(query({ from: WED - 800 * DAY, to: WED }), WED)).toThrow(
      /\/query\/from: the range may cover at most 731 days, got 800/,
    );
  });
});

describe('foldTrendRows', () => {
  it('keeps one point per day, the mean being the sum over the scored readings', () => {
    const [series] = foldTrendRows(
      [day(WED), day(WED + DAY, { scoredCount: 50, sumProbability: 20 })],
      'day',
      'site',
    );
    expect(series?.key).toBe('site-a');
    expect(series?.points.map((p) => [p.bucketStart, p.meanFailureProbability])).toEqual([
      [WED, 0.1],
      [WED + DAY, 0.4],
    ]);
  });

  it('folds days into ISO weeks: counts add up, the mean is weighted by scored readings, min and max span the days', () => {
    const rows = [
      day(MON - DAY, { sumProbability: 1, minProbability: 0.001 }), // Sunday: the week before
      day(MON, { scoredCount: 300, readingCount: 300, sumProbability: 30, above0_6: 2 }),
      day(WED, { scoredCount: 100, sumProbability: 50, maxProbability: 0.97, above0_6: 5, above0_9: 1 }),
      day(WED + DAY, { scoredCount: 0, sumProbability: null, minProbability: null, maxProbability: null }),
    ];
    const [series] = foldTrendRows(rows, 'week', 'site');
    expect(series?.points).toEqual([
      {
        bucketStart: MON - 7 * DAY,
        readingCount: 100,
        scoredCount: 100,
        meanFailureProbability: 0.01,
        minFailureProbability: 0.001,
        maxFailureProbability: 0.5,
        countProbabilityAbove0_6: 0,
        countProbabilityAbove0_9: 0,
        failureCount: 1,
      },
      {
        bucketStart: MON,
        readingCount: 500,
        scoredCount: 400,
        meanFailureProbability: 80 / 400,
        minFailureProbability: 0.01,
        maxFailureProbability: 0.97,
        countProbabilityAbove0_6: 7,
        countProbabilityAbove0_9: 1,
        failureCount: 3,
      },
    ]);
  });

  it('has no mean for a bucket without scored readings', () => {
    const [series] = foldTrendRows([day(WED, { scoredCount: 0, sumProbability: null })], 'day', 'site');
    expect(series?.points[0]?.meanFailureProbability).toBeNull();
  });

  it('names series by site, by site and line, or by asset type, "(none)" standing for an unknown site or line', () => {
    const rows = [
      day(WED, { siteId: 'site-b', lineId: 'line-1' }),
      day(WED, { siteId: '', lineId: '' }),
      day(WED, { siteId: 'site-a', lineId: 'line-1' }),
    ];
    expect(foldTrendRows(rows, 'day', 'line').map((s) => [s.key, s.siteId, s.lineId])).toEqual([
      ['(none)/(none)', null, null],
      ['site-a/line-1', 'site-a', 'line-1'],
      ['site-b/line-1', 'site-b', 'line-1'],
    ]);
    expect(foldTrendRows([day(WED, { siteId: '', assetType: 'H' })], 'day', 'assetType')[0]).toMatchObject({
      key: 'H',
      siteId: null,
      assetType: 'H',
    });
    expect(foldTrendRows([day(WED, { siteId: '' })], 'day', 'site')[0]?.key).toBe('(none)');
  });

  it('names series by manufacturer, "(none)" standing for assets without a register row', () => {
    const rows = [day(WED, { manufacturer: 'Veskor' }), day(WED, { manufacturer: '' })];
    expect(foldTrendRows(rows, 'day', 'manufacturer').map((s) => [s.key, s.manufacturer, s.siteId])).toEqual([
      ['(none)', null, null],
      ['Veskor', 'Veskor', null],
    ]);
  });
});

describe('trendSql', () => {
  it('groups by day and the chosen columns only, filling the others with empty strings', () => {
    const sql = trendSql('line', ['asset_type = ?']);
    expect(sql).toContain("SELECT day_start, site_id, line_id, '' AS asset_type,");
    expect(sql).toContain('WHERE day_start >= ? AND day_start < ? AND asset_type = ?');
    expect(sql).toMatch(/GROUP BY day_start, site_id, line_id$/);
    expect(trendSql('assetType', [])).toMatch(
      /'' AS site_id, '' AS line_id, asset_type, '' AS manufacturer,[\s\S]*GROUP BY day_start, asset_type$/,
    );
  });

  it('reads the manufacturer rollups only when the query groups or filters by manufacturer', () => {
    expect(trendTable({ groupBy: 'site' })).toBe('daily_rollups');
    expect(trendTable({ groupBy: 'site', manufacturer: 'Veskor' })).toBe('daily_manufacturer_rollups');
    const sql = trendSql('manufacturer', [], trendTable({ groupBy: 'manufacturer' }));
    expect(sql).toContain("'' AS asset_type, manufacturer,");
    expect(sql).toMatch(/FROM daily_manufacturer_rollups\n[\s\S]*GROUP BY day_start, manufacturer$/);
  });
});
