import { describe, expect, it } from 'vitest';
import { classifyServer } from './server-kind.js';

describe('classifyServer', () => {
  it('recognises MariaDB by its version string', () => {
    expect(
      classifyServer({
        version: '10.11.19-MariaDB-0+deb12u1',
        versionComment: 'Debian 12',
        hasMlTrainRoutine: false,
        lakehouseEnabled: true,
      }),
    ).toMatchObject({ kind: 'mariadb', hasRapid: false, hasAutoMl: false, hasLakehouse: false });
  });

  it('treats MySQL without the RAPID status variable as plain MySQL', () => {
    expect(
      classifyServer({
        version: '8.4.3',
        versionComment: 'MySQL Community Server - GPL',
        hasMlTrainRoutine: false,
        lakehouseEnabled: true,
      }),
    ).toMatchObject({ kind: 'mysql', hasRapid: false });
  });

  it('reports a running HeatWave cluster with AutoML and Lakehouse', () => {
    expect(
      classifyServer({
        version: '9.4.1-cloud',
        versionComment: 'MySQL Enterprise - Cloud',
        rapidClusterStatus: 'ON',
        hasMlTrainRoutine: true,
        lakehouseEnabled: true,
      }),
    ).toEqual({
      kind: 'heatwave',
      version: '9.4.1-cloud',
      versionComment: 'MySQL Enterprise - Cloud',
      hasRapid: true,
      hasAutoMl: true,
      hasLakehouse: true,
    });
  });

  it('reports a stopped HeatWave cluster as HeatWave without RAPID', () => {
    expect(
      classifyServer({
        version: '8.4.3-cloud',
        versionComment: 'x',
        rapidClusterStatus: 'OFF',
        hasMlTrainRoutine: true,
        lakehouseEnabled: true,
      }),
    ).toMatchObject({ kind: 'heatwave', hasRapid: false, hasAutoMl: false, hasLakehouse: false });
  });

  it('takes Lakehouse availability from configuration', () => {
    expect(
      classifyServer({
        version: '9.4.1-cloud',
        versionComment: 'x',
        rapidClusterStatus: 'ON',
        hasMlTrainRoutine: true,
        lakehouseEnabled: false,
      }).hasLakehouse,
    ).toBe(false);
  });
});
