export { SqlEnvSchema, TLS_MODES, isLoopbackHost, loadSqlConfig, type SqlConfig } from './config.js';
export { createSqlPool, poolOptions, tlsOptions } from './create-sql-pool.js';
export {
  classifyServer,
  detectServer,
  type ServerCapabilities,
  type ServerKind,
  type ServerProbe,
} from './server-kind.js';
export type {
  CheckDefinition,
  ColumnDefinition,
  ColumnType,
  IndexDefinition,
  RapidEncoding,
  TableDefinition,
} from './schema/table-definition.js';
export { LABEL_COLUMNS, MEASURE_COLUMNS } from './schema/shared-columns.js';
export { assetMasterDataTable, assetsTable } from './schema/asset-tables.js';
export { deadLettersTable, failureEventsTable, readingsTable } from './schema/reading-tables.js';
export { modelsTable, predictionsTable } from './schema/model-tables.js';
export {
  HOURLY_AGGREGATES_LAKE_TABLE,
  dailyManufacturerRollupsTable,
  dailyRollupsTable,
  hourlyAggregatesTable,
} from './schema/aggregate-tables.js';
export { alertAcknowledgementsTable, apiKeysTable } from './schema/api-tables.js';
export {
  alertAssetStatesTable,
  alertEpisodesTable,
  alertNotificationsTable,
} from './schema/alert-episode-tables.js';
export { sparePartStockTable, workOrdersTable } from './schema/maintenance-tables.js';
export { TABLES } from './schema/tables.js';
export { READING_COLUMN_FIELDS, type ReadingColumnField } from './schema/reading-column-fields.js';
export {
  LABEL_ROW_COLUMNS,
  READING_ROW_COLUMNS,
  labelsFromRow,
  readingFromRow,
} from './readings/reading-from-row.js';
export {
  checkConstraintName,
  columnComment,
  createTableSql,
  dropTableSql,
  quoteIdentifier,
} from './schema/create-table-sql.js';
export { MIGRATIONS } from './migrations/all-migrations.js';
export { migrationChecksum, type Migration } from './migrations/migration.js';
export {
  MIGRATIONS_TABLE,
  migrate,
  migrateDown,
  migrationStatus,
  type MigrateOptions,
  type MigrateResult,
} from './migrate.js';
export { translateWriteError } from './translate-sql-error.js';
export {
  DEFAULT_ROWS_PER_STATEMENT,
  READING_UPSERT_COLUMNS,
  upsertReadings,
  type ReadingChannel,
  type ReadingToStore,
  type UpsertReadingsResult,
} from './readings/upsert-readings.js';
export {
  READING_LOAD_DATA_LAYOUT,
  formatReadingLoadDataLine,
  formatUtcDateTime,
  loadReadingLines,
} from './readings/format-reading-load-data-line.js';
export { insertNewReadings } from './readings/insert-new-readings.js';
export {
  loadDataLocalInfile,
  loadDataSql,
  type LoadDataOptions,
  type LoadDataResult,
} from './load-data-local-infile.js';
export {
  deadLetterKey,
  insertDeadLetters,
  type DeadLetter,
  type DeadLetterReason,
  type DeadLetterSource,
} from './dead-letters/insert-dead-letters.js';
export {
  addSighting,
  upsertAssetSightings,
  upsertAssetsFromReadings,
  type AssetSighting,
} from './assets/upsert-assets.js';
export {
  countAssetsWithoutMasterData,
  getAssetMasterData,
  listAssetMasterData,
  upsertAssetMasterData,
  type AssetMasterDataSource,
  type AssetMasterDataToStore,
  type StoredAssetMasterData,
  type UpsertAssetMasterDataResult,
} from './assets/asset-master-data.js';
export { DERIVED_FEATURE_SQL } from './readings/derived-feature-sql.js';
export {
  ensureAlertAssetStates,
  foldEpisodeBatch,
  notificationDedupKey,
  type EpisodeReading,
  type FoldEpisodeBatchOptions,
  type FoldEpisodeBatchResult,
  type PeakExplanation,
} from './alert-episodes/fold-episode-batch.js';
export { loadWindowStates, saveWindowStates, type SaveWindowStatesResult } from './horizon/window-states.js';
export {
  insertHorizonRisks,
  type HorizonRiskRow,
  type InsertHorizonRisksResult,
} from './horizon/horizon-risks.js';
export { resolveEpisodeByHand, type ResolveByHandOutcome } from './alert-episodes/resolve-episode-by-hand.js';
export {
  claimDueNotifications,
  markNotificationDelivered,
  markNotificationFailed,
  type ClaimedNotification,
} from './alert-episodes/notification-outbox.js';
export {
  rebuildHourlyAggregates,
  type RebuildHourlyOptions,
} from './aggregates/rebuild-hourly-aggregates.js';
export { RISK_BAND_COUNT_COLUMNS, type RiskBandCountColumn } from './aggregates/risk-band-counts.js';
export { rebuildDailyRollups, type RebuildDailyOptions } from './aggregates/rebuild-daily-rollups.js';
export {
  DAY_MS,
  HOUR_MS,
  coveringRanges,
  planAggregateRebuild,
  type DayRebuild,
  type TimeRange,
} from './aggregates/covering-ranges.js';
export {
  refreshAggregates,
  type RefreshAggregatesOptions,
  type RefreshAggregatesResult,
} from './aggregates/refresh-aggregates.js';
export { withTransaction } from './with-transaction.js';
export {
  listSparePartStock,
  upsertSparePartStock,
  type SparePartStockToStore,
  type StoredSparePartStock,
  type UpsertSparePartStockResult,
} from './spare-parts/spare-part-stock.js';
export { listActiveReplaceToolOrders, listReportingAssetWear } from './spare-parts/forecast-inputs.js';
export {
  listOpenEpisodesWithoutWorkOrder,
  readCriticalities,
  upsertWorkOrders,
  type EpisodeWithoutWork,
} from './work-orders/upsert-work-orders.js';
export {
  transitionWorkOrder,
  type StockTaken,
  type WorkOrderCommand,
  type WorkOrderTransitionOutcome,
} from './work-orders/transition-work-order.js';
