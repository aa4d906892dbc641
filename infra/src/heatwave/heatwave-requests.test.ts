import { describe, expect, it } from 'vitest';
import {
  addClusterRequest,
  LOAD_STATUS_SQL,
  nodeCountFromEstimate,
  NODE_MEMORY_MB,
  reloadSql,
  resizeClusterRequest,
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

  it('resizes to the estimated node count', () => {
    expect(resizeClusterRequest(db, 3)).toEqual({
      dbSystemId: db,
      updateHeatWaveClusterDetails: { clusterSize: 3 },
    });
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

  it('reads load status from rpd_tables and reloads only well-formed schema names', () => {
    expect(LOAD_STATUS_SQL).toMatch(
      /performance_schema\.rpd_tables NATURAL JOIN performance_schema\.rpd_table_id/,
    );
    expect(reloadSql('telemetry')).toBe("CALL sys.heatwave_load(JSON_ARRAY('telemetry'), NULL)");
    expect(() => reloadSql("x'); DROP TABLE t; --")).toThrow(/invalid schema name/);
  });
});
