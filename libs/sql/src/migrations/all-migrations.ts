import { migration0001InitialSchema } from './0001-initial-schema.js';
import { migration0002ApiKeysAndAlerts } from './0002-api-keys-and-alerts.js';
import { migration0003AlertEpisodes } from './0003-alert-episodes.js';
import { migration0004AssetMasterData } from './0004-asset-master-data.js';
import { migration0005DailyRollups } from './0005-daily-rollups.js';
import { migration0006WorkOrdersAndSpareParts } from './0006-work-orders-and-spare-parts.js';
import { migration0007ManufacturerRollups } from './0007-manufacturer-rollups.js';
import { migration0008HorizonRisk } from './0008-horizon-risk.js';
import type { Migration } from './migration.js';

/** Every migration, in order. Append new ones; never edit or reorder a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001InitialSchema,
  migration0002ApiKeysAndAlerts,
  migration0003AlertEpisodes,
  migration0004AssetMasterData,
  migration0005DailyRollups,
  migration0006WorkOrdersAndSpareParts,
  migration0007ManufacturerRollups,
  migration0008HorizonRisk,
];
