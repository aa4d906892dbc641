import type { requests } from 'oci-mysql';

/** Sizing of a cluster to add. */
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

/** `StartHeatWaveCluster`. */
export function startClusterRequest(
  dbSystemId: string,
  retryToken: string,
): requests.StartHeatWaveClusterRequest {
  return { dbSystemId, opcRetryToken: retryToken };
}

/** `StopHeatWaveCluster`. */
export function stopClusterRequest(
  dbSystemId: string,
  retryToken: string,
): requests.StopHeatWaveClusterRequest {
  return { dbSystemId, opcRetryToken: retryToken };
}

/** `RestartHeatWaveCluster`: every table leaves RAPID memory and has to be loaded again. */
export function restartClusterRequest(
  dbSystemId: string,
  retryToken: string,
): requests.RestartHeatWaveClusterRequest {
  return { dbSystemId, opcRetryToken: retryToken };
}

/** `DeleteHeatWaveCluster` (the API takes no retry token for it). */
export function deleteClusterRequest(dbSystemId: string): requests.DeleteHeatWaveClusterRequest {
  return { dbSystemId };
}

/** `GetHeatWaveCluster`. */
export function getClusterRequest(dbSystemId: string): requests.GetHeatWaveClusterRequest {
  return { dbSystemId };
}

/** `GenerateHeatWaveClusterMemoryEstimate`: OCI samples the DB system's InnoDB tables in a work request. */
export function generateEstimateRequest(
  dbSystemId: string,
  retryToken: string,
): requests.GenerateHeatWaveClusterMemoryEstimateRequest {
  return { dbSystemId, opcRetryToken: retryToken };
}

/** `GetHeatWaveClusterMemoryEstimate`: the latest estimate of the DB system. */
export function getEstimateRequest(dbSystemId: string): requests.GetHeatWaveClusterMemoryEstimateRequest {
  return { dbSystemId };
}

/** Resize to an estimated node count (`UpdateHeatWaveCluster`); only the size changes. */
export function resizeClusterRequest(
  dbSystemId: string,
  nodeCount: number,
): requests.UpdateHeatWaveClusterRequest {
  return { dbSystemId, updateHeatWaveClusterDetails: { clusterSize: nodeCount } };
}

/** `GetWorkRequest`, polled to follow a long operation. */
export function getWorkRequestRequest(workRequestId: string): requests.GetWorkRequestRequest {
  return { workRequestId };
}

/** `ListWorkRequestErrors`, read once when a work request failed. */
export function listWorkRequestErrorsRequest(workRequestId: string): requests.ListWorkRequestErrorsRequest {
  return { workRequestId, limit: 20 };
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
      readonly estimatedRowCount?: number;
      readonly errorComment?: string;
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
