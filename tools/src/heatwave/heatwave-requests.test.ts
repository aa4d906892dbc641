import { describe, expect, it } from 'vitest';
import {
  addClusterRequest,
  deleteClusterRequest,
  generateEstimateRequest,
  getClusterRequest,
  getEstimateRequest,
  getWorkRequestRequest,
  listWorkRequestErrorsRequest,
  nodeCountFromEstimate,
  NODE_MEMORY_MB,
  resizeClusterRequest,
  restartClusterRequest,
  startClusterRequest,
  stopClusterRequest,
} from './heatwave-requests.js';

const db = 'ocid1.mysqldbsystem.oc1.eu-frankfurt-1.aaaa';

describe('HeatWave requests', () => {
  it('adds a Lakehouse cluster with shape and node count, idempotent by retry token', () => {
    expect(
      addClusterRequest(db, { shapeName: 'HeatWave.32GB', nodeCount: 2, isLakehouseEnabled: true }, 'tok-1'),
    ).toEqual({
      dbSystemId: db,
      addHeatWaveClusterDetails: { shapeName: 'HeatWave.32GB', clusterSize: 2, isLakehouseEnabled: true },
      opcRetryToken: 'tok-1',
    });
  });

  it('starts, stops and restarts with a retry token; deletes, reads and reads the estimate by DB system only', () => {
    expect(startClusterRequest(db, 't')).toEqual({ dbSystemId: db, opcRetryToken: 't' });
    expect(stopClusterRequest(db, 't')).toEqual({ dbSystemId: db, opcRetryToken: 't' });
    expect(restartClusterRequest(db, 't')).toEqual({ dbSystemId: db, opcRetryToken: 't' });
    expect(generateEstimateRequest(db, 't')).toEqual({ dbSystemId: db, opcRetryToken: 't' });
    expect(deleteClusterRequest(db)).toEqual({ dbSystemId: db });
    expect(getClusterRequest(db)).toEqual({ dbSystemId: db });
    expect(getEstimateRequest(db)).toEqual({ dbSystemId: db });
  });

  it('resizes to the estimated node count', () => {
    expect(resizeClusterRequest(db, 3)).toEqual({
      dbSystemId: db,
      updateHeatWaveClusterDetails: { clusterSize: 3 },
    });
  });

  it('polls a work request and reads its errors', () => {
    expect(getWorkRequestRequest('ocid1.wr')).toEqual({ workRequestId: 'ocid1.wr' });
    expect(listWorkRequestErrorsRequest('ocid1.wr')).toEqual({ workRequestId: 'ocid1.wr', limit: 20 });
  });

  it('turns a memory estimate into a node count, rounding up and never below one', () => {
    const estimate = {
      tableSchemas: [
        {
          schemaName: 'telemetry',
          perTableEstimates: [
            { tableName: 'readings', analyticalFootprintInMbs: 40_000 },
            { tableName: 'assets', analyticalFootprintInMbs: 12 },
          ],
        },
      ],
    };
    expect(nodeCountFromEstimate(estimate, NODE_MEMORY_MB['HeatWave.32GB']!)).toEqual({
      totalMb: 40_012,
      nodeCount: 2,
    });
    expect(nodeCountFromEstimate({ tableSchemas: [] }, 32_768)).toEqual({ totalMb: 0, nodeCount: 1 });
  });
});
