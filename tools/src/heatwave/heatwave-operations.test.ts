import { hasErrorCode } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import type { WorkRequestApi } from './follow-work-request.js';
import { runOciCommand, type HeatWaveClusterApi, type OciHeatWaveCommand } from './heatwave-operations.js';
import { RESTART_WARNING } from './heatwave-status.js';

// OCI cannot run locally, so the SDK clients are replaced by a recorder: each call is kept with its exact request
// and answered with the response shape the SDK returns.
const db = 'ocid1.mysqldbsystem.oc1.eu-frankfurt-1.aaaa';
const follow = { pollMs: 10_000, timeoutMs: 60_000 };
const cluster = {
  dbSystemId: db,
  shapeName: 'HeatWave.32GB',
  clusterSize: 1,
  isLakehouseEnabled: true,
  clusterNodes: [],
  lifecycleState: 'ACTIVE',
  timeCreated: new Date(0),
  timeUpdated: new Date(0),
};
const estimate = {
  dbSystemId: db,
  status: 'SUCCEEDED',
  timeCreated: new Date(0),
  timeUpdated: new Date(0),
  tableSchemas: [
    {
      schemaName: 'lakehouse',
      perTableEstimates: [
        { tableName: 'readings', analyticalFootprintInMbs: 70_000, estimatedRowCount: 9e8, errorComment: '' },
        { tableName: 'assets', analyticalFootprintInMbs: 10, estimatedRowCount: 100, errorComment: '' },
      ],
    },
  ],
};

interface Options {
  readonly workStatuses?: readonly string[];
  readonly estimateStatus?: string;
  readonly clusterSize?: number;
}

function harness(options: Options = {}) {
  const calls: [string, unknown][] = [];
  const lines: string[] = [];
  let reloads = 0;
  const statuses = [...(options.workStatuses ?? ['IN_PROGRESS', 'SUCCEEDED'])];
  let clock = 0;
  const accepted = (name: string) => (request: unknown) => {
    calls.push([name, request]);
    return Promise.resolve({ opcRequestId: 'r', opcWorkRequestId: `wr-${name}` });
  };
  const clusters = {
    addHeatWaveCluster: accepted('addHeatWaveCluster'),
    startHeatWaveCluster: accepted('startHeatWaveCluster'),
    stopHeatWaveCluster: accepted('stopHeatWaveCluster'),
    restartHeatWaveCluster: accepted('restartHeatWaveCluster'),
    deleteHeatWaveCluster: accepted('deleteHeatWaveCluster'),
    updateHeatWaveCluster: accepted('updateHeatWaveCluster'),
    generateHeatWaveClusterMemoryEstimate: accepted('generateHeatWaveClusterMemoryEstimate'),
    getHeatWaveCluster: (request: unknown) => {
      calls.push(['getHeatWaveCluster', request]);
      return Promise.resolve({ heatWaveCluster: { ...cluster, clusterSize: options.clusterSize ?? 1 } });
    },
    getHeatWaveClusterMemoryEstimate: (request: unknown) => {
      calls.push(['getHeatWaveClusterMemoryEstimate', request]);
      return Promise.resolve({
        heatWaveClusterMemoryEstimate: { ...estimate, status: options.estimateStatus ?? 'SUCCEEDED' },
      });
    },
  } as unknown as HeatWaveClusterApi;
  const workRequests = {
    getWorkRequest: (request: unknown) => {
      calls.push(['getWorkRequest', request]);
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      return Promise.resolve({ workRequest: { status, percentComplete: status === 'SUCCEEDED' ? 100 : 40 } });
    },
    listWorkRequestErrors: (request: unknown) => {
      calls.push(['listWorkRequestErrors', request]);
      return Promise.resolve({ items: [{ code: 'InternalError', message: 'node failed to start' }] });
    },
  } as unknown as WorkRequestApi;
  const run = (command: OciHeatWaveCommand) =>
    runOciCommand(command, {
      clusters,
      workRequests,
      out: (line) => lines.push(line),
      timer: {
        now: () => clock,
        sleep: (ms) => {
          clock += ms;
          return Promise.resolve();
        },
      },
      retryToken: () => 'tok',
      reload: () => {
        reloads += 1;
        return Promise.resolve();
      },
    });
  const sent = () => calls.filter(([name]) => name !== 'getWorkRequest' && name !== 'getHeatWaveCluster');
  return { calls, lines, run, sent, reloads: () => reloads };
}

describe('runOciCommand', () => {
  it('adds a cluster with the exact request, follows its work request with progress and shows the result', async () => {
    const h = harness();
    await h.run({
      kind: 'add',
      dbSystemId: db,
      shapeName: 'HeatWave.32GB',
      nodeCount: 2,
      isLakehouseEnabled: true,
      follow,
    });
    expect(h.calls).toEqual([
      [
        'addHeatWaveCluster',
        {
          dbSystemId: db,
          addHeatWaveClusterDetails: { shapeName: 'HeatWave.32GB', clusterSize: 2, isLakehouseEnabled: true },
          opcRetryToken: 'tok',
        },
      ],
      ['getWorkRequest', { workRequestId: 'wr-addHeatWaveCluster' }],
      ['getWorkRequest', { workRequestId: 'wr-addHeatWaveCluster' }],
      ['getHeatWaveCluster', { dbSystemId: db }],
    ]);
    expect(h.lines).toEqual([
      `AddHeatWaveCluster on ${db}`,
      '  AddHeatWaveCluster: IN_PROGRESS 40 % (0s)',
      '  AddHeatWaveCluster: SUCCEEDED 100 % (10s)',
      'cluster: ACTIVE, 1 × HeatWave.32GB, Lakehouse on',
    ]);
  });

  it.each([
    ['start', 'startHeatWaveCluster', { dbSystemId: db, opcRetryToken: 'tok' }],
    ['stop', 'stopHeatWaveCluster', { dbSystemId: db, opcRetryToken: 'tok' }],
    ['delete', 'deleteHeatWaveCluster', { dbSystemId: db }],
  ] as const)('%s sends %s with the exact request', async (kind, method, request) => {
    const h = harness();
    await h.run({ kind, dbSystemId: db, follow });
    expect(h.sent()).toEqual([[method, request]]);
    expect(h.calls).toContainEqual(['getWorkRequest', { workRequestId: `wr-${method}` }]);
  });

  it('restart warns that the data must be reloaded and reloads only with --reload', async () => {
    const plain = harness();
    await plain.run({ kind: 'restart', dbSystemId: db, reload: false, follow });
    expect(plain.sent()).toEqual([['restartHeatWaveCluster', { dbSystemId: db, opcRetryToken: 'tok' }]]);
    expect(plain.lines[0]).toBe(`warning: ${RESTART_WARNING}`);
    expect(plain.lines.at(-1)).toMatch(/not loaded: run again with --reload/);
    expect(plain.reloads()).toBe(0);

    const reload = harness();
    await reload.run({ kind: 'restart', dbSystemId: db, reload: true, follow });
    expect(reload.reloads()).toBe(1);
  });

  it('generates an estimate, follows it and prints tables, total and node count for the cluster shape', async () => {
    const h = harness();
    await h.run({ kind: 'estimate', dbSystemId: db, follow });
    expect(h.sent()).toEqual([
      ['generateHeatWaveClusterMemoryEstimate', { dbSystemId: db, opcRetryToken: 'tok' }],
      ['getHeatWaveClusterMemoryEstimate', { dbSystemId: db }],
    ]);
    expect(h.lines.slice(-5)).toEqual([
      'memory estimate: SUCCEEDED (updated 1970-01-01T00:00:00.000Z)',
      '  lakehouse.readings: 70000 MB, ~900000000 rows',
      '  lakehouse.assets: 10 MB, ~100 rows',
      '  total: 70010 MB',
      '  nodes needed at 32768 MB per node: 3',
    ]);
  });

  it('estimate-show reads the estimate without generating one, with a node memory override', async () => {
    const h = harness();
    await h.run({ kind: 'estimate-show', dbSystemId: db, nodeMemoryMb: 30_000, follow });
    expect(h.sent()).toEqual([['getHeatWaveClusterMemoryEstimate', { dbSystemId: db }]]);
    expect(h.lines.at(-1)).toBe('  nodes needed at 30000 MB per node: 3');
  });

  it('apply-estimate resizes the cluster to the estimated node count and can reload', async () => {
    const h = harness();
    await h.run({ kind: 'apply-estimate', dbSystemId: db, reload: true, follow });
    expect(h.sent()).toEqual([
      ['getHeatWaveClusterMemoryEstimate', { dbSystemId: db }],
      ['updateHeatWaveCluster', { dbSystemId: db, updateHeatWaveClusterDetails: { clusterSize: 3 } }],
    ]);
    expect(h.lines).toContain('estimate: 70010 MB → 3 × HeatWave.32GB (32768 MB each); now 1');
    expect(h.reloads()).toBe(1);
  });

  it('apply-estimate leaves a cluster alone that already has the estimated size', async () => {
    const h = harness({ clusterSize: 3 });
    await h.run({ kind: 'apply-estimate', dbSystemId: db, reload: false, follow });
    expect(h.sent().map(([name]) => name)).toEqual(['getHeatWaveClusterMemoryEstimate']);
    expect(h.lines.at(-1)).toBe('cluster already has the estimated node count; nothing to do');
  });

  it('apply-estimate refuses an estimate that has not succeeded', async () => {
    const h = harness({ estimateStatus: 'IN_PROGRESS' });
    await expect(h.run({ kind: 'apply-estimate', dbSystemId: db, reload: false, follow })).rejects.toThrow(
      /estimate of .* is IN_PROGRESS, not SUCCEEDED: run `estimate` first/,
    );
    expect(h.sent().map(([name]) => name)).not.toContain('updateHeatWaveCluster');
  });

  it('a failed work request fails with its own error messages', async () => {
    const h = harness({ workStatuses: ['IN_PROGRESS', 'FAILED'] });
    const err: unknown = await h.run({ kind: 'start', dbSystemId: db, follow }).catch((e: unknown) => e);
    expect(hasErrorCode(err, 'OCI_REQUEST_FAILED')).toBe(true);
    expect((err as Error).message).toBe('StartHeatWaveCluster FAILED: InternalError: node failed to start');
    expect(h.calls).toContainEqual([
      'listWorkRequestErrors',
      { workRequestId: 'wr-startHeatWaveCluster', limit: 20 },
    ]);
  });

  it('stops following after the timeout and says the operation keeps running in OCI', async () => {
    const h = harness({ workStatuses: ['IN_PROGRESS'] });
    await expect(h.run({ kind: 'stop', dbSystemId: db, follow })).rejects.toThrow(
      /still IN_PROGRESS after 1m00s; it keeps running in OCI/,
    );
    expect(h.calls.filter(([name]) => name === 'getWorkRequest')).toHaveLength(7);
  });
});
