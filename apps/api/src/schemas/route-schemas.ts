import {
  ASSET_ID_PATTERN,
  ASSET_TYPES,
  EPISODE_BANDS,
  EPISODE_ID_PATTERN,
  ReadingSchema,
  type EpisodeBand,
} from '@lakehouse/domain';
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/*
 * The route contract of /api/v1 (issue #7): every request and response schema, in TypeBox. Routes validate with
 * these (compiled once at start), the OpenAPI document is generated from them, and the dashboard (apps/api/web)
 * imports the derived types. JSON is camelCase; instants are epoch milliseconds UTC; temperatures are Kelvin.
 */

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/*
 * Nullable numbers and strings, and string enums, are written as JSON-schema type arrays / enums rather than
 * anyOf: fast-json-stringify serialises those directly, while anyOf makes it run a validator per value.
 */
const nullableNumber = (options: { description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['number', 'null'], ...options });
const nullableInteger = (options: { description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });
const nullableString = (options: { description?: string } = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

/** An asset id path/query parameter (the domain's id pattern). */
export const AssetIdSchema = Type.String({ pattern: ASSET_ID_PATTERN, description: 'Machine identifier' });
const SiteOrLineId = Type.String({ pattern: ASSET_ID_PATTERN });
const AssetTypeSchema = Type.Union(
  ASSET_TYPES.map((t) => Type.Literal(t)),
  { description: 'Product quality variant L/M/H' },
);
/** Epoch milliseconds UTC, from 2000-01-01 to 2100-01-01. */
const EpochMs = Type.Integer({
  minimum: 946_684_800_000,
  maximum: 4_102_444_800_000,
  description: 'Epoch ms UTC',
});
/** Opaque pagination cursor: pass back `nextCursor` unchanged. */
const Cursor = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'Opaque cursor',
});

// ---------------------------------------------------------------- errors

/** One problem with the request (RFC 6901 JSON pointer into the part named by `in`). */
export const ProblemItemSchema = Type.Object({
  path: Type.String(),
  message: Type.String(),
});

/** RFC 9457 problem details, as every error is returned (`application/problem+json`). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Platform error code, e.g. VALIDATION_FAILED, API_UNAUTHORIZED' }),
    errors: Type.Optional(Type.Array(ProblemItemSchema)),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
);
export type Problem = Static<typeof ProblemSchema>;

// ---------------------------------------------------------------- health

export const HealthSchema = Type.Object({ status: Type.Literal('ok'), uptimeS: Type.Number() });
export const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  activeModelId: nullableInteger(),
});

// ---------------------------------------------------------------- assets

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

/** Risk band of a probability: `high` >= 0.9, `elevated` >= 0.6, else `normal`; `unknown` when not scored. */
export const RiskBandSchema = Type.Unsafe<'normal' | 'elevated' | 'high' | 'unknown'>({
  type: 'string',
  enum: ['normal', 'elevated', 'high', 'unknown'],
});
export type RiskBand = Static<typeof RiskBandSchema>;

export const AssetSchema = Type.Object({
  assetId: Type.String(),
  assetType: Type.String(),
  siteId: nullableString(),
  lineId: nullableString(),
  firstSeenAt: Type.Integer({ description: 'Epoch ms UTC' }),
  lastSeenAt: Type.Integer({ description: 'Epoch ms UTC' }),
  isOperating: Type.Boolean({ description: 'Seen within the operating window (API_OPERATING_WINDOW_MS)' }),
  failureProbability: nullableNumber(),
  riskBand: RiskBandSchema,
  latestReading: nullable(StoredReadingSchema),
});
export type Asset = Static<typeof AssetSchema>;

export const AssetListQuerySchema = Type.Object(
  {
    siteId: Type.Optional(SiteOrLineId),
    lineId: Type.Optional(SiteOrLineId),
    assetType: Type.Optional(AssetTypeSchema),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type AssetListQuery = Static<typeof AssetListQuerySchema>;

export const AssetListSchema = Type.Object({
  items: Type.Array(AssetSchema),
  nextCursor: nullableString(),
});
export type AssetList = Static<typeof AssetListSchema>;

export const AssetParamsSchema = Type.Object({ assetId: AssetIdSchema }, { additionalProperties: false });

// ---------------------------------------------------------------- readings of one asset

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

const BucketStat = Type.Object({ mean: Type.Number(), min: Type.Number(), max: Type.Number() });
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

// ---------------------------------------------------------------- KPIs

export const KpiQuerySchema = Type.Object(
  {
    siteId: Type.Optional(SiteOrLineId),
    lineId: Type.Optional(SiteOrLineId),
    assetType: Type.Optional(AssetTypeSchema),
  },
  { additionalProperties: false },
);
export type KpiQuery = Static<typeof KpiQuerySchema>;

/** Failure risk of a group of assets (current state: each asset's latest reading). */
export const RiskGroupSchema = Type.Object({
  key: Type.String({ description: 'Asset type, site id or line id; "(none)" for assets without one' }),
  assets: Type.Integer(),
  meanFailureProbability: nullableNumber(),
  maxFailureProbability: nullableNumber(),
  above0_6: Type.Integer(),
  above0_9: Type.Integer(),
});
export type RiskGroup = Static<typeof RiskGroupSchema>;

export const KpisSchema = Type.Object({
  asOf: Type.Integer({ description: 'Epoch ms UTC the figures were computed for' }),
  assets: Type.Integer(),
  operatingAssets: Type.Integer({ description: 'Assets with a reading within the operating window' }),
  operatingWindowMs: Type.Integer(),
  readingsPerSecond: Type.Number({ description: 'Readings recorded in the last 60 s, per second' }),
  above0_6: Type.Integer({ description: 'Assets whose latest probability is >= 0.6' }),
  above0_9: Type.Integer({ description: 'Assets whose latest probability is >= 0.9' }),
  meanFailureProbability: nullableNumber(),
  meanAirTemperatureK: nullableNumber(),
  meanProcessTemperatureK: nullableNumber(),
  meanTorqueNm: nullableNumber(),
  meanToolWearMin: nullableNumber(),
  riskByType: Type.Array(RiskGroupSchema),
  riskBySite: Type.Array(RiskGroupSchema),
  riskByLine: Type.Array(RiskGroupSchema),
});
export type Kpis = Static<typeof KpisSchema>;

// ---------------------------------------------------------------- hourly aggregates

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

// ---------------------------------------------------------------- predict

/** Largest batch `POST /predict` accepts (also bounded by API_BODY_LIMIT_BYTES). */
export const MAX_PREDICT_READINGS = 1000;

export const PredictBodySchema = Type.Object(
  { readings: Type.Array(ReadingSchema, { minItems: 1, maxItems: MAX_PREDICT_READINGS }) },
  { additionalProperties: false },
);
export type PredictBody = Static<typeof PredictBodySchema>;

export const FeatureContributionSchema = Type.Object({
  feature: Type.String(),
  value: Type.Number(),
  contribution: Type.Number({ description: 'Change in failure log-odds; > 0 pushes towards failure' }),
});

export const PredictionSchema = Type.Object({
  assetId: Type.String(),
  recordedAt: Type.Integer(),
  failureProbability: Type.Number(),
  riskBand: RiskBandSchema,
  predictedFailure: Type.Boolean({ description: 'probability >= the model decision threshold' }),
  modes: Type.Array(Type.String(), { description: 'Failure modes the prediction points to' }),
  /** Top feature contributions, largest |contribution| first. */
  contributions: Type.Array(FeatureContributionSchema),
  baseLogOdds: Type.Number(),
});
export type Prediction = Static<typeof PredictionSchema>;

export const PredictResponseSchema = Type.Object({
  modelId: Type.Integer(),
  modelName: Type.String(),
  modelVersion: Type.Integer(),
  decisionThreshold: Type.Number(),
  predictions: Type.Array(PredictionSchema),
});
export type PredictResponse = Static<typeof PredictResponseSchema>;

// ---------------------------------------------------------------- alert episodes

const EPISODE_STATES = ['open', 'resolved', 'all'] as const;

export const EpisodeListQuerySchema = Type.Object(
  {
    state: Type.Union(
      EPISODE_STATES.map((s) => Type.Literal(s)),
      { default: 'open' },
    ),
    band: Type.Optional(
      Type.Union(
        EPISODE_BANDS.map((b) => Type.Literal(b)),
        { description: 'Only episodes of this band' },
      ),
    ),
    assetId: Type.Optional(AssetIdSchema),
    siteId: Type.Optional(SiteOrLineId),
    needsAttention: Type.Optional(
      Type.Boolean({ description: 'Only open episodes nobody acknowledged and that are not snoozed' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type EpisodeListQuery = Static<typeof EpisodeListQuerySchema>;

/** Delivery state of one notification of an episode (the outbox row). */
export const EpisodeNotificationSchema = Type.Object({
  event: Type.Unsafe<'open' | 'escalate'>({ type: 'string', enum: ['open', 'escalate'] }),
  dedupKey: Type.String({ description: 'Sent with every attempt; receivers drop repeats by it' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Integer({ description: 'Epoch ms UTC' }),
  lastAttemptAt: nullableInteger(),
  deliveredAt: nullableInteger(),
  deliveredVia: nullableString({ description: 'webhook or ons' }),
  lastError: nullableString({ description: 'Why the latest failed attempt failed' }),
});
export type EpisodeNotification = Static<typeof EpisodeNotificationSchema>;

/**
 * An alert episode: one per asset and period of sustained risk (ADR 0041), opened, escalated and resolved by the
 * ingest function's fold; acknowledged, assigned, snoozed or resolved by hand through this API.
 */
export const EpisodeSchema = Type.Object({
  episodeId: Type.String({ description: '<assetId>~<openedAt epoch ms>' }),
  assetId: Type.String(),
  assetType: nullableString(),
  siteId: nullableString(),
  lineId: nullableString(),
  state: Type.Unsafe<'open' | 'resolved'>({ type: 'string', enum: ['open', 'resolved'] }),
  band: Type.Unsafe<EpisodeBand>({
    type: 'string',
    enum: [...EPISODE_BANDS],
    description: 'Highest band held: elevated (>= 0.6) or high (>= 0.9)',
  }),
  openedAt: Type.Integer({ description: 'Reading time the hold was met, epoch ms UTC' }),
  firstHighAt: Type.Integer(),
  lastHighAt: Type.Integer(),
  escalatedAt: nullableInteger(),
  peakProbability: Type.Number(),
  peakAt: Type.Integer(),
  peakModelId: nullableInteger(),
  peakModes: Type.Array(Type.String(), { description: 'Failure modes the peak points to' }),
  peakExplanation: Type.Unknown({ description: 'Contributions behind the peak prediction, or null' }),
  resolvedAt: nullableInteger(),
  resolvedBy: nullableString({ description: 'Who resolved it by hand; null when the risk fell' }),
  acknowledgedAt: nullableInteger(),
  acknowledgedBy: nullableString(),
  assignedTo: nullableString(),
  snoozedUntil: nullableInteger(),
  isSnoozed: Type.Boolean(),
  note: nullableString(),
  notifications: Type.Array(EpisodeNotificationSchema),
});
export type Episode = Static<typeof EpisodeSchema>;

export const EpisodeListSchema = Type.Object({
  items: Type.Array(EpisodeSchema),
  nextCursor: nullableString(),
});
export type EpisodeList = Static<typeof EpisodeListSchema>;

export const EpisodeSummarySchema = Type.Object({
  asOf: Type.Integer(),
  open: Type.Integer({ description: 'Open episodes (at most one per asset)' }),
  openHigh: Type.Integer(),
  needsAttention: Type.Integer({ description: 'Open, not acknowledged, not snoozed' }),
  openedLastMinute: Type.Integer(),
  resolvedLastMinute: Type.Integer(),
  pendingNotifications: Type.Integer({ description: 'Not delivered yet' }),
  failingNotifications: Type.Integer({ description: 'Not delivered, with at least one failed attempt' }),
});
export type EpisodeSummary = Static<typeof EpisodeSummarySchema>;

export const EpisodeParamsSchema = Type.Object(
  { episodeId: Type.String({ pattern: EPISODE_ID_PATTERN, description: '<assetId>~<openedAt epoch ms>' }) },
  { additionalProperties: false },
);
const Note = Type.String({ maxLength: 512 });
export const EpisodeNoteBodySchema = Type.Union([
  Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false }),
  Type.Null(),
]);
export type EpisodeNoteBody = Static<typeof EpisodeNoteBodySchema>;
export const EpisodeAssignBodySchema = Type.Object(
  { assignedTo: Type.String({ minLength: 1, maxLength: 128 }), note: Type.Optional(Note) },
  { additionalProperties: false },
);
export const EpisodeSnoozeBodySchema = Type.Object(
  {
    until: Type.Integer({
      minimum: 946_684_800_000,
      maximum: 4_102_444_800_000,
      description: 'Epoch ms UTC; must lie in the future',
    }),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- models

export const ModelSchema = Type.Object({
  modelId: Type.Integer(),
  name: Type.String(),
  version: Type.Integer(),
  algorithm: Type.String(),
  features: Type.Array(Type.String()),
  metrics: Type.Unknown({ description: 'Evaluation metrics as registered (AUC, precision, recall, ...)' }),
  parameters: Type.Unknown(),
  decisionThreshold: Type.Number(),
  isActive: Type.Boolean(),
  hasArtifact: Type.Boolean({ description: 'Can be scored in-process (else HeatWave only)' }),
  heatwaveModelHandle: nullableString(),
});
export type Model = Static<typeof ModelSchema>;
export const ModelListSchema = Type.Object({
  activeModelId: nullableInteger(),
  items: Type.Array(ModelSchema),
});
export type ModelList = Static<typeof ModelListSchema>;
export const ModelParamsSchema = Type.Object(
  { modelId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- catalog

export const CatalogColumnSchema = Type.Object({
  name: Type.String(),
  type: Type.String(),
  nullable: Type.Boolean(),
  unit: nullableString(),
  description: Type.String(),
  isPrimaryKey: Type.Boolean(),
  domainField: nullableString({ description: 'camelCase field of the domain model (libs/domain)' }),
});
export const CatalogTableSchema = Type.Object({
  name: Type.String(),
  description: Type.String(),
  layer: Type.String({ description: 'bronze (raw), silver (aggregated), gold (served), ops (platform)' }),
  heatwave: Type.Boolean({ description: 'Loaded into HeatWave RAPID' }),
  primaryKey: Type.Array(Type.String()),
  columns: Type.Array(CatalogColumnSchema),
});
export const CatalogSchema = Type.Object({ tables: Type.Array(CatalogTableSchema) });
export type Catalog = Static<typeof CatalogSchema>;

// ---------------------------------------------------------------- live feed (server-sent events)

/** `event: reading`: the latest stored reading of an asset that changed. */
export const LiveReadingEventSchema = Type.Object({
  assetId: Type.String(),
  assetType: Type.String(),
  siteId: nullableString(),
  lineId: nullableString(),
  riskBand: RiskBandSchema,
  reading: StoredReadingSchema,
});
export type LiveReadingEvent = Static<typeof LiveReadingEventSchema>;
