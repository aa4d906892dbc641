/*
 * The route contract of /api/v1 (issue #7) in one import: every request and response schema, re-exported from the
 * file of its resource beside this one (schemas/<resource>.ts, building blocks in common.ts). The dashboard
 * (apps/api/web) imports the derived types from here; the API's own code imports the resource files.
 */

export { ProblemItemSchema, ProblemSchema, type Problem } from './problem.js';
export { HealthSchema, ReadySchema } from './health.js';
export { RiskBandSchema, type RiskBand } from './risk-band.js';
export {
  ReadingBucketSchema,
  ReadingsPageSchema,
  ReadingsQuerySchema,
  StoredReadingSchema,
  type ReadingBucket,
  type ReadingsPage,
  type ReadingsQuery,
  type StoredReading,
} from './readings.js';
export {
  AssetListQuerySchema,
  AssetListSchema,
  AssetParamsSchema,
  AssetSchema,
  type Asset,
  type AssetList,
  type AssetListQuery,
} from './assets.js';
export {
  KpiQuerySchema,
  KpisSchema,
  RiskGroupSchema,
  type KpiQuery,
  type Kpis,
  type RiskGroup,
} from './kpis.js';
export {
  HourlyAggregateSchema,
  HourlyPageSchema,
  HourlyQuerySchema,
  type HourlyAggregate,
  type HourlyPage,
  type HourlyQuery,
} from './hourly-aggregates.js';
export {
  TrendPointSchema,
  TrendQuerySchema,
  TrendSeriesSchema,
  TrendsSchema,
  type TrendPoint,
  type TrendQuery,
  type TrendSeries,
  type Trends,
} from './trends.js';
export {
  AssetOutlookListSchema,
  AssetOutlookSchema,
  FleetEndOfLifeSchema,
  type AssetOutlook,
  type AssetOutlookList,
  type EndOfLifeGroupBody,
  type FleetEndOfLife,
  type InstallYearGroup,
} from './asset-life.js';
export {
  FeatureContributionSchema,
  MAX_PREDICT_READINGS,
  PredictBodySchema,
  PredictionSchema,
  PredictResponseSchema,
  type PredictBody,
  type Prediction,
  type PredictResponse,
} from './predictions.js';
export {
  EpisodeAssignBodySchema,
  EpisodeListQuerySchema,
  EpisodeListSchema,
  EpisodeNoteBodySchema,
  EpisodeNotificationSchema,
  EpisodeParamsSchema,
  EpisodeSchema,
  EpisodeSnoozeBodySchema,
  EpisodeSummarySchema,
  ScoreKindSchema,
  type Episode,
  type EpisodeList,
  type EpisodeListQuery,
  type EpisodeNoteBody,
  type EpisodeNotification,
  type EpisodeSummary,
} from './alert-episodes.js';
export { ModelListSchema, ModelParamsSchema, ModelSchema, type Model, type ModelList } from './models.js';
export { CatalogColumnSchema, CatalogSchema, CatalogTableSchema, type Catalog } from './catalog.js';
export { LiveReadingEventSchema, type LiveReadingEvent } from './live.js';
export { AssetIdSchema } from './common.js';
export {
  ForecastQuerySchema,
  ForecastSchema,
  ReorderListSchema,
  SparePartsQuerySchema,
  StockItemSchema,
  StockListSchema,
  type ForecastBody,
  type ForecastQuery,
  type PartForecastBody,
  type ReorderBody,
  type ReorderList,
  type SparePartsQuery,
  type StockItem,
  type StockList,
} from './spare-parts.js';
export {
  ToolChangesQuerySchema,
  ToolChangesSchema,
  WorkOrderActionResultSchema,
  WorkOrderCreateBodySchema,
  WorkOrderListQuerySchema,
  WorkOrderListSchema,
  WorkOrderSchema,
  type ToolChanges,
  type WorkOrder,
  type WorkOrderActionResult,
  type WorkOrderList,
} from './work-orders.js';
export {
  FleetWarningSchema,
  FleetWarningsQuerySchema,
  FleetWarningsSchema,
  HorizonRiskPageSchema,
  HorizonRiskQuerySchema,
  HorizonRiskSchema,
  WarningWorkOrderSchema,
  type FleetWarning,
  type FleetWarnings,
  type FleetWarningsQuery,
  type HorizonRisk,
  type HorizonRiskPage,
  type WarningWorkOrder,
} from './fleet-warnings.js';
