import { ASSET_TYPES } from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import { SiteOrLineId } from './common.js';

/*
 * The contract of GET /api/v1/trends (issue #17): failure-probability trends over days or weeks from the daily
 * rollups. The helpers below follow common.ts's conventions (nullable scalars as JSON-schema type arrays, which
 * fast-json-stringify writes directly; epoch ms UTC) and take a description.
 */

const nullableNumber = (description: string) =>
  Type.Unsafe<number | null>({ type: ['number', 'null'], description });
const nullableString = (description: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], description });
/** Epoch milliseconds UTC, from 2000-01-01 to 2100-01-01 (common.ts's EpochMs bounds). */
const epochMs = (description: string) =>
  Type.Integer({ minimum: 946_684_800_000, maximum: 4_102_444_800_000, description });

/** Bucket sizes of a trend: UTC days, or ISO weeks (Monday 00:00 UTC to the next Monday). */
export const TREND_BUCKETS = ['day', 'week'] as const;
/** What a trend's series are split by (manufacturer: the asset register's, from daily_manufacturer_rollups). */
export const TREND_GROUPS = ['site', 'line', 'assetType', 'manufacturer'] as const;
/** The `manufacturer` filter value that selects assets without a register row (stored as ''). */
export const NO_MANUFACTURER = '(none)';
/** Longest range one request may cover, in days (two years of daily rollups). */
export const MAX_TREND_DAYS = 731;
/** Range when `from` is not given: this many days before `to`. */
export const DEFAULT_TREND_DAYS = 28;

export const TrendQuerySchema = Type.Object(
  {
    from: Type.Optional(
      epochMs(
        `Start, epoch ms UTC; widened to the start of its day or week. Default: ${String(DEFAULT_TREND_DAYS)} days before to`,
      ),
    ),
    to: Type.Optional(epochMs('End (exclusive), epoch ms UTC. Default: now')),
    bucket: Type.Union(
      TREND_BUCKETS.map((b) => Type.Literal(b)),
      { default: 'day', description: 'day (UTC) or week (ISO, from Monday)' },
    ),
    groupBy: Type.Union(
      TREND_GROUPS.map((g) => Type.Literal(g)),
      {
        default: 'site',
        description:
          "One series per site, per line (within its site), per asset type or per the asset register's manufacturer",
      },
    ),
    siteId: Type.Optional(SiteOrLineId),
    lineId: Type.Optional(SiteOrLineId),
    assetType: Type.Optional(
      Type.Union(
        ASSET_TYPES.map((t) => Type.Literal(t)),
        { description: 'Product quality variant L/M/H' },
      ),
    ),
    manufacturer: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: `Only assets of this manufacturer (the asset register's); "${NO_MANUFACTURER}" for assets without a register row`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type TrendQuery = Static<typeof TrendQuerySchema>;

/** One bucket of a series: counts and the failure probability's mean with its range. */
export const TrendPointSchema = Type.Object({
  bucketStart: Type.Integer({ description: 'Start of the day or week, epoch ms UTC' }),
  readingCount: Type.Integer(),
  scoredCount: Type.Integer({ description: 'Readings with a failure probability' }),
  meanFailureProbability: nullableNumber('Mean over the scored readings; null when none was scored'),
  minFailureProbability: nullableNumber('Lowest probability in the bucket'),
  maxFailureProbability: nullableNumber('Highest probability in the bucket'),
  countProbabilityAbove0_6: Type.Integer({
    description: 'Readings above 0.6 (the hourly aggregates’ band count)',
  }),
  countProbabilityAbove0_9: Type.Integer({ description: 'Readings above 0.9' }),
  failureCount: Type.Integer({ description: 'Labelled machine failures' }),
});
export type TrendPoint = Static<typeof TrendPointSchema>;

export const TrendSeriesSchema = Type.Object({
  key: Type.String({
    description:
      'Site id, "site/line", asset type or manufacturer; "(none)" for assets without a site, line or register row',
  }),
  siteId: nullableString('Site of the series (groupBy site or line)'),
  lineId: nullableString('Line of the series (groupBy line)'),
  assetType: nullableString('Asset type of the series (groupBy assetType)'),
  manufacturer: nullableString(
    'Manufacturer of the series (groupBy manufacturer); null for assets without a register row',
  ),
  points: Type.Array(TrendPointSchema, { description: 'Buckets with readings, oldest first' }),
});
export type TrendSeries = Static<typeof TrendSeriesSchema>;

export const TrendsSchema = Type.Object({
  from: Type.Integer({ description: 'Start of the first bucket, epoch ms UTC' }),
  to: Type.Integer({ description: 'End of the range (exclusive), epoch ms UTC' }),
  bucket: Type.String(),
  groupBy: Type.String(),
  series: Type.Array(TrendSeriesSchema),
});
export type Trends = Static<typeof TrendsSchema>;
