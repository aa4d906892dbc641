import {
  dailyManufacturerRollupsTable,
  dailyRollupsTable,
  hourlyAggregatesTable,
} from './aggregate-tables.js';
import {
  alertAssetStatesTable,
  alertEpisodesTable,
  alertNotificationsTable,
} from './alert-episode-tables.js';
import { alertAcknowledgementsTable, apiKeysTable } from './api-tables.js';
import { assetMasterDataTable, assetsTable } from './asset-tables.js';
import { assetWindowStatesTable, horizonRisksTable } from './horizon-tables.js';
import { sparePartStockTable, workOrdersTable } from './maintenance-tables.js';
import { modelsTable, predictionsTable } from './model-tables.js';
import { deadLettersTable, failureEventsTable, readingsTable } from './reading-tables.js';
import type { TableDefinition } from './table-definition.js';

/** Every table, in creation order. */
export const TABLES: readonly TableDefinition[] = [
  assetsTable,
  readingsTable,
  failureEventsTable,
  deadLettersTable,
  predictionsTable,
  modelsTable,
  hourlyAggregatesTable,
  apiKeysTable,
  alertAcknowledgementsTable,
  assetMasterDataTable,
  alertEpisodesTable,
  alertAssetStatesTable,
  alertNotificationsTable,
  dailyRollupsTable,
  workOrdersTable,
  sparePartStockTable,
  dailyManufacturerRollupsTable,
  assetWindowStatesTable,
  horizonRisksTable,
];
