import { classifyServer, TABLES } from '@lakehouse/sql';
import { describe, expect, it } from 'vitest';
import { LOAD_STATUS_SQL, reloadStatements, renderHeatWaveStatus } from './heatwave-status.js';

const mariadb = classifyServer({
  version: '10.11.19-MariaDB-0+deb12u1',
  versionComment: 'Debian 12',
  hasMlTrainRoutine: false,
  lakehouseEnabled: true,
});
const heatwave = (rapid: string) =>
  classifyServer({
    version: '9.4.1-cloud',
    versionComment: 'MySQL Enterprise - Cloud',
    rapidClusterStatus: rapid,
    hasMlTrainRoutine: true,
    lakehouseEnabled: true,
  });

describe('HeatWave status', () => {
  it('reads names and load state from rpd_tables joined with rpd_table_id', () => {
    expect(LOAD_STATUS_SQL).toBe(`SELECT SCHEMA_NAME, TABLE_NAME, LOAD_STATUS, LOAD_PROGRESS
FROM performance_schema.rpd_tables NATURAL JOIN performance_schema.rpd_table_id
ORDER BY SCHEMA_NAME, TABLE_NAME`);
  });

  it('says HeatWave is absent on MariaDB and on MySQL without the RAPID plugin', () => {
    expect(renderHeatWaveStatus({ server: mariadb, database: 'lakehouse' })).toEqual([
      'server: 10.11.19-MariaDB-0+deb12u1 (Debian 12)',
      'HeatWave: absent (MariaDB: no RAPID engine, no rpd_tables; HeatWave steps are skipped here)',
    ]);
    const mysql = classifyServer({
      version: '8.4.6',
      versionComment: 'MySQL Community Server - GPL',
      hasMlTrainRoutine: false,
      lakehouseEnabled: false,
    });
    expect(renderHeatWaveStatus({ server: mysql, database: 'x' })[1]).toMatch(
      /^HeatWave: absent \(MySQL without/,
    );
  });

  it('says the cluster is not up when rapid_cluster_status is OFF', () => {
    expect(renderHeatWaveStatus({ server: heatwave('OFF'), database: 'lakehouse' })[1]).toMatch(
      /cluster is not up \(rapid_cluster_status is not ON\)/,
    );
  });

  it('lists every table with its load state and names the RAPID tables not in HeatWave', () => {
    const lines = renderHeatWaveStatus({
      server: heatwave('ON'),
      database: 'lakehouse',
      tables: [
        {
          schemaName: 'lakehouse',
          tableName: 'assets',
          loadStatus: 'AVAIL_RPDGSTABSTATE',
          loadProgress: 100,
        },
        {
          schemaName: 'lakehouse',
          tableName: 'readings',
          loadStatus: 'LOADING_RPDGSTABSTATE',
          loadProgress: 42.4,
        },
      ],
    });
    expect(lines).toEqual([
      'server: 9.4.1-cloud (MySQL Enterprise - Cloud)',
      'HeatWave: cluster up (rapid_cluster_status ON); 1 of 2 tables loaded',
      '  table               status                    progress',
      '  lakehouse.assets    AVAIL_RPDGSTABSTATE       100 %',
      '  lakehouse.readings  LOADING_RPDGSTABSTATE      42 %',
      'not in HeatWave (lakehouse): failure_events, predictions, hourly_aggregates, asset_master_data, daily_rollups, spare_part_stock, daily_manufacturer_rollups, horizon_risks; load them with restart/apply-estimate --reload',
    ]);
  });

  it('reloads exactly the RAPID tables of libs/sql with SECONDARY_LOAD', () => {
    const rapid = TABLES.filter((t) => t.rapid).map((t) => t.name);
    expect(rapid).not.toContain('dead_letters');
    expect(reloadStatements('lakehouse')).toEqual(
      rapid.map((name) => `ALTER TABLE \`lakehouse\`.\`${name}\` SECONDARY_LOAD`),
    );
    expect(() => reloadStatements('x`; DROP TABLE t; --')).toThrow(/unsafe SQL identifier/);
  });
});
