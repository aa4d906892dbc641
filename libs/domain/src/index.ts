export {
  ASSET_ID_PATTERN,
  ASSET_TYPES,
  FAILURE_MODES,
  FailureLabelsSchema,
  MEASURES,
  PHYSICAL_RANGES,
  ReadingSchema,
  type AssetType,
  type FailureLabels,
  type FailureMode,
  type LabelledReading,
  type Measure,
  type Reading,
} from './reading.js';
export {
  READING_PROBLEM_REASONS,
  type ReadingProblem,
  type ReadingProblemReason,
} from './reading-problem.js';
export {
  DEFAULT_MAX_FUTURE_SKEW_MS,
  EARLIEST_RECORDED_AT_MS,
  type ValidateReadingOptions,
} from './check-recorded-at.js';
export {
  validateReading,
  validateReadings,
  type ReadingBatchValidation,
  type ReadingValidationResult,
} from './validate-reading.js';
export {
  AI4I_THRESHOLDS,
  ASSET_TYPE_CODES,
  OVERSTRAIN_LIMITS_MIN_NM,
  READING_FEATURE_COUNT,
  deriveFeatures,
  writeReadingFeatures,
  type FeatureInput,
  type ReadingFeatures,
} from './derive-features.js';
export {
  WINDOW_COUNTER_CAP,
  WINDOW_FEATURE_COUNT,
  WINDOW_FEATURE_NAMES,
  WINDOW_STATE_VERSION,
  advanceWindow,
  createWindowState,
  expectedFailureAtMs,
  typicalIntervalMs,
  windowStateFromJson,
  windowStateToJson,
  type WindowFeatureName,
  type WindowInput,
  type WindowState,
} from './window-features.js';
export { FAILURE_MODE_LABELS, FEATURE_LABELS, type LabelledFeature } from './labels.js';
export { evaluateFailureRules, type RuleFailureModes } from './evaluate-failure-rules.js';
export { createSeededRandom, deriveSeed, type SeededRandom } from './seeded-random.js';
export { AI4I_PROCESS } from './ai4i-process.js';
export {
  ASSET_TYPE_MIX,
  createFleet,
  type Fleet,
  type FleetAsset,
  type FleetOptions,
} from './create-fleet.js';
export {
  createLiveStream,
  FLEET_MODES,
  type FleetMode,
  type LiveStreamOptions,
} from './create-live-stream.js';
export {
  createFleetInTimeProcess,
  FLEET_IN_TIME,
  FLEET_IN_TIME_MIN_AVAILABILITY,
  MACHINE_MINUTES_PER_READING,
  type FleetInTimeProcess,
} from './fleet-in-time-process.js';
export { DEFAULT_HISTORY_FLEET, generateHistory, type HistoryOptions } from './generate-history.js';
export {
  AI4I_CSV_COLUMNS,
  AI4I_CSV_HEADER,
  ai4iRecordToReading,
  parseAi4iRow,
  readingToAi4iRow,
  type Ai4iRecord,
  type Ai4iRowIdentity,
  type Ai4iRowParseResult,
  type Ai4iRowProblem,
} from './ai4i-csv.js';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  DELIVERY_PROBLEM_REASONS,
  READINGS_TOPIC,
  decodeStreamDelivery,
  toStreamMessage,
  type AcceptedReading,
  type DecodeDeliveryOptions,
  type DecodedDelivery,
  type DeliveryProblem,
  type DeliveryProblemReason,
  type RecordOrigin,
  type RejectedRecord,
  type StreamMessage,
} from './stream-delivery.js';
export {
  ASSET_MASTER_DATA_PROBLEM_REASONS,
  AssetMasterDataSchema,
  CALENDAR_DATE_PATTERN,
  CRITICALITIES,
  EARLIEST_INSTALLED_ON,
  MAX_MASTER_DATA_TEXT_LENGTH,
  MAX_SERVICE_LIFE_MONTHS,
  calendarDateMs,
  toCalendarDate,
  validateAssetMasterData,
  type AssetMasterData,
  type AssetMasterDataProblem,
  type AssetMasterDataProblemReason,
  type AssetMasterDataValidation,
  type Criticality,
} from './asset-master-data.js';
export {
  FLEET_CRITICALITY_MIX,
  FLEET_MANUFACTURERS,
  createFleetMasterData,
  type FleetMasterDataOptions,
} from './create-fleet-master-data.js';
export {
  DEFAULT_TOOL_REPLACEMENT_WEAR_MIN,
  remainingToolLife,
  toolWearRatePerOperatingMin,
  type RemainingToolLife,
  type ToolLifeInput,
  type ToolLifeOptions,
} from './remaining-tool-life.js';
export {
  END_OF_LIFE_HORIZONS_MONTHS,
  MEAN_MONTH_MS,
  addCalendarMonths,
  endOfLife,
  endOfLifeGroup,
  summariseEndOfLife,
  type EndOfLife,
  type EndOfLifeGroup,
  type EndOfLifeInput,
} from './end-of-life.js';
export {
  DEFAULT_EPISODE_SETTINGS,
  HORIZON_EPISODE_SETTINGS,
  EPISODE_BANDS,
  EPISODE_SCORE_KINDS,
  type EpisodeScoreKind,
  EPISODE_ID_PATTERN,
  RISK_BANDS,
  episodeId,
  episodeSettingsProblems,
  type EpisodeBand,
  type EpisodeHold,
  type EpisodeSettings,
} from './alert-episode-settings.js';
export { RISK_BAND_NAMES, atOrAboveRiskBandSql, riskBandOf, type RiskBandName } from './risk-bands.js';
export {
  IDLE_EPISODE_STATE,
  foldAlertEpisodes,
  resolvedByHand,
  type AssetEpisodeState,
  type EpisodeEvent,
  type EpisodeFold,
  type EpisodeSnapshot,
  type OpenEpisode,
  type RiskRun,
  type ScoredReadingRef,
} from './fold-alert-episodes.js';
export {
  ACTIVE_WORK_ORDER_STATES,
  MAX_LEAD_TIME_DAYS,
  STOCK_SOURCES,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_SOURCES,
  WORK_ORDER_STATES,
  type StockSource,
  type WorkOrderAction,
  type WorkOrderSource,
  type WorkOrderState,
} from './maintenance-vocabulary.js';
export {
  MAX_PART_DESCRIPTION_LENGTH,
  MAX_STOCK_PIECES,
  validateSparePartStock,
  type SparePartStock,
  type SparePartStockCandidate,
  type SparePartStockProblem,
  type SparePartStockProblemReason,
  type SparePartStockValidation,
} from './spare-part-stock.js';
export { isoWeekOf, isoWeekday } from './iso-week.js';
export {
  DEFAULT_FORECAST_HORIZON_WEEKS,
  DEFAULT_OPERATING_HOURS_PER_WEEK,
  HOURS_PER_WEEK,
  MAX_FORECAST_HORIZON_WEEKS,
  forecastSpareParts,
  toolChangeIntervalMs,
  type ForecastWeek,
  type PartForecast,
  type PartWeek,
  type ReorderRecommendation,
  type ReplaceToolOrder,
  type ReportingAssetWear,
  type SparePartForecast,
  type SparePartForecastInput,
  type SparePartForecastOptions,
  type UnstockedDemand,
} from './forecast-spare-parts.js';
export { createFleetStock, fleetPartId, type FleetStockOptions } from './create-fleet-stock.js';
export {
  MULTI_LINE_TEXT_PATTERN,
  SINGLE_LINE_TEXT_PATTERN,
  TEXT_PATTERN_MESSAGES,
  textProblem,
  type TextRules,
} from './free-text.js';
export {
  DEFAULT_CRITICALITY,
  SHIFT_MS,
  actionsForModes,
  episodeWorkOrders,
  mergeWorkOrders,
  nextWorkOrderState,
  toolLifeWorkOrder,
  wearSinceReplacement,
  workOrderActiveKey,
  workOrderPriority,
  type EpisodeWorkRequest,
  type PlannedWorkOrder,
  type PriorityInput,
  type ToolLifeDue,
  type WearSinceReplacementInput,
  type WorkOrderTransition,
} from './plan-work-orders.js';
export { WORK_ORDER_ACTION_LABELS, WORK_ORDER_STATE_LABELS } from './work-order-labels.js';
