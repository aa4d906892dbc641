import { AppError, ConfigError, UpstreamError } from '@lakehouse/runtime';
import { models, type DbSystemClient } from 'oci-mysql';
import { followWorkRequest, type Timer, type WorkRequestApi } from './follow-work-request.js';
import {
  addClusterRequest,
  deleteClusterRequest,
  generateEstimateRequest,
  getClusterRequest,
  getEstimateRequest,
  nodeCountFromEstimate,
  NODE_MEMORY_MB,
  resizeClusterRequest,
  restartClusterRequest,
  startClusterRequest,
  stopClusterRequest,
} from './heatwave-requests.js';
import { RESTART_WARNING } from './heatwave-status.js';
import type { HeatWaveCommand } from './parse-heatwave-args.js';

/** The DB-system calls the CLI makes. */
export type HeatWaveClusterApi = Pick<
  DbSystemClient,
  | 'addHeatWaveCluster'
  | 'startHeatWaveCluster'
  | 'stopHeatWaveCluster'
  | 'restartHeatWaveCluster'
  | 'deleteHeatWaveCluster'
  | 'getHeatWaveCluster'
  | 'updateHeatWaveCluster'
  | 'generateHeatWaveClusterMemoryEstimate'
  | 'getHeatWaveClusterMemoryEstimate'
>;

/** What the operations need from outside: the two SDK clients, output, time, retry tokens and the SQL reload. */
export interface HeatWaveDeps {
  readonly clusters: HeatWaveClusterApi;
  readonly workRequests: WorkRequestApi;
  readonly out: (line: string) => void;
  readonly timer: Timer;
  readonly retryToken: () => string;
  /** Loads the RAPID tables again (SQL); called after restart/resize with --reload. */
  readonly reload: () => Promise<void>;
}

/** Commands that talk to OCI. */
export type OciHeatWaveCommand = Exclude<HeatWaveCommand, { kind: 'status' | 'help' | 'usage-error' }>;

/** Wraps an SDK failure (OciError: statusCode, serviceCode) with what was being done. */
async function oci<T>(label: string, dbSystemId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err: unknown) {
    if (err instanceof AppError) throw err;
    const e = err as { statusCode?: number; serviceCode?: string; message?: string };
    const status = e.statusCode === undefined ? '' : `${e.statusCode} ${e.serviceCode ?? ''} `;
    throw new UpstreamError(
      'OCI_REQUEST_FAILED',
      `${label} failed: ${status}${e.message ?? String(err)}`.trim(),
      {
        cause: err,
        retryable: e.statusCode === 429 || (e.statusCode ?? 0) >= 500,
        context: { dbSystemId },
      },
    );
  }
}

/** One line describing a cluster as OCI reports it. */
export function renderCluster(cluster: models.HeatWaveCluster): string {
  const details = cluster.lifecycleDetails ? ` (${cluster.lifecycleDetails})` : '';
  return `cluster: ${cluster.lifecycleState}${details}, ${cluster.clusterSize} × ${cluster.shapeName}, Lakehouse ${cluster.isLakehouseEnabled ? 'on' : 'off'}`;
}

/** Node memory for a shape: the override, else the known shapes, else a clear error. */
export function nodeMemoryFor(shapeName: string, overrideMb: number | undefined): number {
  const mb = overrideMb ?? NODE_MEMORY_MB[shapeName];
  if (mb === undefined)
    throw new ConfigError(
      'CONFIG_INVALID',
      `no node memory known for shape ${shapeName}; pass --node-memory-mb (known: ${Object.keys(NODE_MEMORY_MB).join(', ')})`,
    );
  return mb;
}

/** The estimate as lines: one per table, the total and, when a node size is known, the node count. */
export function renderEstimate(
  estimate: models.HeatWaveClusterMemoryEstimate,
  nodeMemoryMb?: number,
): string[] {
  const lines = [
    `memory estimate: ${estimate.status} (updated ${new Date(estimate.timeUpdated).toISOString()})`,
  ];
  for (const schema of estimate.tableSchemas ?? [])
    for (const t of schema.perTableEstimates)
      lines.push(
        `  ${schema.schemaName}.${t.tableName}: ${t.analyticalFootprintInMbs} MB, ~${t.estimatedRowCount} rows${t.errorComment ? ` (${t.errorComment})` : ''}`,
      );
  if (estimate.status !== models.HeatWaveClusterMemoryEstimateStatus.Succeeded) return lines;
  const { totalMb, nodeCount } = nodeCountFromEstimate(
    { tableSchemas: estimate.tableSchemas ?? [] },
    nodeMemoryMb ?? 1,
  );
  lines.push(`  total: ${totalMb} MB`);
  if (nodeMemoryMb !== undefined) lines.push(`  nodes needed at ${nodeMemoryMb} MB per node: ${nodeCount}`);
  return lines;
}

async function getCluster(
  deps: Pick<HeatWaveDeps, 'clusters'>,
  dbSystemId: string,
): Promise<models.HeatWaveCluster> {
  const r = await oci('GetHeatWaveCluster', dbSystemId, () =>
    deps.clusters.getHeatWaveCluster(getClusterRequest(dbSystemId)),
  );
  return r.heatWaveCluster;
}

/** The cluster line of `status --db-system`. */
export async function describeCluster(clusters: HeatWaveClusterApi, dbSystemId: string): Promise<string> {
  return `OCI ${renderCluster(await getCluster({ clusters }, dbSystemId))}`;
}

async function getEstimate(
  deps: HeatWaveDeps,
  dbSystemId: string,
): Promise<models.HeatWaveClusterMemoryEstimate> {
  const r = await oci('GetHeatWaveClusterMemoryEstimate', dbSystemId, () =>
    deps.clusters.getHeatWaveClusterMemoryEstimate(getEstimateRequest(dbSystemId)),
  );
  return r.heatWaveClusterMemoryEstimate;
}

/** Runs one OCI command to its end: sends the request, follows its work request, prints the outcome. */
export async function runOciCommand(command: OciHeatWaveCommand, deps: HeatWaveDeps): Promise<void> {
  const { dbSystemId, follow } = command;
  const { clusters, out } = deps;
  const run = async (label: string, send: () => Promise<{ opcWorkRequestId: string }>): Promise<void> => {
    out(`${label} on ${dbSystemId}`);
    const { opcWorkRequestId } = await oci(label, dbSystemId, send);
    await followWorkRequest(deps.workRequests, opcWorkRequestId, label, follow, out, deps.timer);
  };
  const showCluster = async (): Promise<void> => out(renderCluster(await getCluster(deps, dbSystemId)));

  switch (command.kind) {
    case 'add':
      await run('AddHeatWaveCluster', () =>
        clusters.addHeatWaveCluster(addClusterRequest(dbSystemId, command, deps.retryToken())),
      );
      return showCluster();
    case 'start':
      await run('StartHeatWaveCluster', () =>
        clusters.startHeatWaveCluster(startClusterRequest(dbSystemId, deps.retryToken())),
      );
      return showCluster();
    case 'stop':
      await run('StopHeatWaveCluster', () =>
        clusters.stopHeatWaveCluster(stopClusterRequest(dbSystemId, deps.retryToken())),
      );
      return showCluster();
    case 'delete':
      await run('DeleteHeatWaveCluster', () =>
        clusters.deleteHeatWaveCluster(deleteClusterRequest(dbSystemId)),
      );
      return;
    case 'restart':
      out(`warning: ${RESTART_WARNING}`);
      await run('RestartHeatWaveCluster', () =>
        clusters.restartHeatWaveCluster(restartClusterRequest(dbSystemId, deps.retryToken())),
      );
      await showCluster();
      if (command.reload) {
        out('reloading the RAPID tables');
        await deps.reload();
      } else out('tables are not loaded: run again with --reload, or load them yourself');
      return;
    case 'estimate': {
      await run('GenerateHeatWaveClusterMemoryEstimate', () =>
        clusters.generateHeatWaveClusterMemoryEstimate(
          generateEstimateRequest(dbSystemId, deps.retryToken()),
        ),
      );
      const [estimate, cluster] = await Promise.all([
        getEstimate(deps, dbSystemId),
        getCluster(deps, dbSystemId),
      ]);
      for (const line of renderEstimate(estimate, NODE_MEMORY_MB[cluster.shapeName])) out(line);
      return;
    }
    case 'estimate-show': {
      const estimate = await getEstimate(deps, dbSystemId);
      const memory = command.nodeMemoryMb ?? NODE_MEMORY_MB[(await getCluster(deps, dbSystemId)).shapeName];
      for (const line of renderEstimate(estimate, memory)) out(line);
      return;
    }
    case 'apply-estimate': {
      const estimate = await getEstimate(deps, dbSystemId);
      if (estimate.status !== models.HeatWaveClusterMemoryEstimateStatus.Succeeded)
        throw new ConfigError(
          'CONFIG_INVALID',
          `the memory estimate of ${dbSystemId} is ${estimate.status}, not SUCCEEDED: run \`estimate\` first`,
        );
      const cluster = await getCluster(deps, dbSystemId);
      const nodeMemoryMb = nodeMemoryFor(cluster.shapeName, command.nodeMemoryMb);
      const { totalMb, nodeCount } = nodeCountFromEstimate(estimate, nodeMemoryMb);
      out(
        `estimate: ${totalMb} MB → ${nodeCount} × ${cluster.shapeName} (${nodeMemoryMb} MB each); now ${cluster.clusterSize}`,
      );
      if (nodeCount === cluster.clusterSize) {
        out('cluster already has the estimated node count; nothing to do');
        return;
      }
      // UNCONFIRMED whether OCI reloads the tables itself after a resize; --reload makes sure.
      out('warning: while the cluster resizes, queries may fall back to InnoDB; check `status` afterwards');
      await run(`UpdateHeatWaveCluster (${cluster.clusterSize} → ${nodeCount} nodes)`, () =>
        clusters.updateHeatWaveCluster(resizeClusterRequest(dbSystemId, nodeCount)),
      );
      await showCluster();
      if (command.reload) {
        out('reloading the RAPID tables');
        await deps.reload();
      }
      return;
    }
  }
}
