import type { requests } from 'oci-mysql';

/** The HeatWave cluster operations of the ops CLI. */
export const HEATWAVE_OPERATIONS = [
  'add',
  'start',
  'stop',
  'restart',
  'delete',
  'status',
  'estimate',
  'estimate-show',
  'apply-estimate',
] as const;

/** One of {@link HEATWAVE_OPERATIONS}. */
export type HeatWaveOperation = (typeof HEATWAVE_OPERATIONS)[number];

/** Sizing of a cluster to add or resize. */
export interface HeatWaveSizing {
  readonly shapeName: string;
  readonly nodeCount: number;
  readonly isLakehouseEnabled: boolean;
}

/** Add a HeatWave cluster to a DB system (`AddHeatWaveCluster`); the retry token makes a repeated call safe. */
export function addClusterRequest(
  dbSystemId: string,
  sizing: HeatWaveSizing,
  retryToken: string,
): requests.AddHeatWaveClusterRequest {
  return {
    dbSystemId,
    addHeatWaveClusterDetails: {
      shapeName: sizing.shapeName,
      clusterSize: sizing.nodeCount,
      isLakehouseEnabled: sizing.isLakehouseEnabled,
    },
    opcRetryToken: retryToken,
  };
}

/** Start, stop, restart, delete, get or estimate: requests that only name the DB system. */
export function dbSystemRequest(dbSystemId: string): { dbSystemId: string } {
  return { dbSystemId };
}

/** Resize to an estimated node count (`UpdateHeatWaveCluster`); resizing means the data must be reloaded. */
export function resizeClusterRequest(
  dbSystemId: string,
  nodeCount: number,
): requests.UpdateHeatWaveClusterRequest {
  return { dbSystemId, updateHeatWaveClusterDetails: { clusterSize: nodeCount } };
}

/**
 * Usable memory per node in MB by shape, used to turn the estimate's per-table footprint into a node count.
 * UNCONFIRMED: OCI does not publish the usable fraction; these assume the nominal size. Override with --node-memory-mb.
 */
export const NODE_MEMORY_MB: Readonly<Record<string, number>> = {
  'HeatWave.32GB': 32 * 1024,
  'HeatWave.512GB': 512 * 1024,
};

/** Per-table footprints of a memory estimate, as the SDK returns them. */
export interface EstimateTables {
  readonly tableSchemas: readonly {
    readonly schemaName: string;
    readonly perTableEstimates: readonly {
      readonly tableName: string;
      readonly analyticalFootprintInMbs: number;
    }[];
  }[];
}

/** Nodes needed for the estimated footprint: total MB / node MB, rounded up, at least 1. */
export function nodeCountFromEstimate(
  estimate: EstimateTables,
  nodeMemoryMb: number,
): { totalMb: number; nodeCount: number } {
  const totalMb = estimate.tableSchemas
    .flatMap((s) => s.perTableEstimates)
    .reduce((sum, t) => sum + t.analyticalFootprintInMbs, 0);
  return { totalMb, nodeCount: Math.max(1, Math.ceil(totalMb / nodeMemoryMb)) };
}

/** Per-table load status (HeatWave only; performance_schema.rpd_tables does not exist on MariaDB or plain MySQL). */
export const LOAD_STATUS_SQL = `SELECT SCHEMA_NAME, TABLE_NAME, LOAD_STATUS, LOAD_PROGRESS
FROM performance_schema.rpd_tables NATURAL JOIN performance_schema.rpd_table_id
ORDER BY SCHEMA_NAME, TABLE_NAME`;

/** What a restart means for the data, printed before the CLI restarts a cluster. */
export const RESTART_WARNING =
  'Restarting the HeatWave cluster unloads every table: queries fall back to InnoDB until the data is reloaded (ALTER TABLE ... SECONDARY_LOAD or sys.heatwave_load). Pass --reload to reload the schema afterwards.';

/** Statement that reloads a schema into HeatWave after a restart (Auto Parallel Load). */
export function reloadSql(schemaName: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(schemaName))
    throw new Error(`invalid schema name ${JSON.stringify(schemaName)}`);
  return `CALL sys.heatwave_load(JSON_ARRAY('${schemaName}'), NULL)`;
}
