import { Type, type Static } from '@sinclair/typebox';
import {
  AssetIdSchema,
  BucketStat,
  Cursor,
  EpochMs,
  SiteOrLineId,
  nullableNumber,
  nullableString,
} from './common.js';

export const HourlyQuerySchema = Type.Object(
  {
    assetId: Type.Optional(AssetIdSchema),
    siteId: Type.Optional(SiteOrLineId),
    from: Type.Optional(EpochMs),
    to: Type.Optional(EpochMs),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type HourlyQuery = Static<typeof HourlyQuerySchema>;

export const HourlyAggregateSchema = Type.Object({
  assetId: Type.String(),
  hourStart: Type.Integer({ description: 'Epoch ms UTC' }),
  assetType: Type.String(),
  siteId: nullableString(),
  lineId: nullableString(),
  readingCount: Type.Integer(),
  airTemperatureK: BucketStat,
  processTemperatureK: BucketStat,
  rotationalSpeedRpm: BucketStat,
  torqueNm: BucketStat,
  toolWearMin: BucketStat,
  meanFailureProbability: nullableNumber(),
  maxFailureProbability: nullableNumber(),
  countProbabilityAbove0_6: Type.Integer(),
  countProbabilityAbove0_9: Type.Integer(),
  failureCount: Type.Integer(),
});
export type HourlyAggregate = Static<typeof HourlyAggregateSchema>;

export const HourlyPageSchema = Type.Object({
  items: Type.Array(HourlyAggregateSchema),
  nextCursor: nullableString(),
});
export type HourlyPage = Static<typeof HourlyPageSchema>;
