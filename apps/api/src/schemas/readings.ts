import { Type, type Static } from '@sinclair/typebox';
import { BucketStat, Cursor, EpochMs, nullableInteger, nullableNumber, nullableString } from './common.js';

/** The stored reading of an asset, as the read routes return it. */
export const StoredReadingSchema = Type.Object({
  recordedAt: Type.Integer({ description: 'Epoch ms UTC' }),
  airTemperatureK: Type.Number(),
  processTemperatureK: Type.Number(),
  rotationalSpeedRpm: Type.Number(),
  torqueNm: Type.Number(),
  toolWearMin: Type.Number(),
  powerW: Type.Number(),
  temperatureDifferenceK: Type.Number(),
  failureProbability: nullableNumber({ description: 'From the model that scored it at ingest' }),
  modelId: nullableInteger(),
});
export type StoredReading = Static<typeof StoredReadingSchema>;
export const ReadingsQuerySchema = Type.Object(
  {
    from: EpochMs,
    to: EpochMs,
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
    cursor: Type.Optional(Cursor),
    maxPoints: Type.Integer({
      minimum: 10,
      maximum: 5000,
      default: 500,
      description: 'Above this many rows in [from, to) the range is returned as that many time buckets',
    }),
  },
  { additionalProperties: false },
);
export type ReadingsQuery = Static<typeof ReadingsQuerySchema>;

/** A time bucket of a downsampled range. */
export const ReadingBucketSchema = Type.Object({
  bucketStart: Type.Integer({ description: 'Epoch ms UTC' }),
  count: Type.Integer(),
  airTemperatureK: BucketStat,
  processTemperatureK: BucketStat,
  rotationalSpeedRpm: BucketStat,
  torqueNm: BucketStat,
  toolWearMin: BucketStat,
  maxFailureProbability: nullableNumber(),
});
export type ReadingBucket = Static<typeof ReadingBucketSchema>;

export const ReadingsPageSchema = Type.Object({
  assetId: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  /** Rows stored in [from, to). */
  total: Type.Integer(),
  downsampled: Type.Boolean(),
  bucketMs: nullableInteger(),
  /** Raw readings, oldest first (empty when downsampled). */
  readings: Type.Array(StoredReadingSchema),
  /** Buckets, oldest first (empty unless downsampled). */
  buckets: Type.Array(ReadingBucketSchema),
  nextCursor: nullableString(),
});
export type ReadingsPage = Static<typeof ReadingsPageSchema>;
