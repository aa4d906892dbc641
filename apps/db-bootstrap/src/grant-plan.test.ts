import { describe, expect, it } from 'vitest';
import { appGrants, modelCatalogSchema } from './app-grants.js';
import { accountSql, parseShowGrants, planGrantChanges } from './grant-plan.js';

const ACCOUNT = accountSql('lakehouse_app', '%');

describe('parseShowGrants', () => {
  it('reads MariaDB 10.11 and MySQL 8 lines alike, leaving USAGE out and keeping GRANT OPTION', () => {
    const current = parseShowGrants([
      "GRANT USAGE ON *.* TO `lakehouse_app`@`%` IDENTIFIED BY PASSWORD '*ABCDEF'",
      'GRANT SELECT, INSERT, UPDATE, DELETE ON `telemetry`.* TO `lakehouse_app`@`%`',
      'GRANT SELECT ON `ML_SCHEMA_lakehouse_app`.* TO `lakehouse_app`@`%` WITH GRANT OPTION',
      'GRANT SELECT (`asset_id`, `name`) ON `telemetry`.`assets` TO `lakehouse_app`@`%`',
      'GRANT `ops_role`@`%` TO `lakehouse_app`@`%`',
      "GRANT PROXY ON ''@'' TO 'lakehouse_app'@'%'",
    ]);
    expect(Object.fromEntries([...current.privileges].map(([t, p]) => [t, [...p]]))).toEqual({
      '`telemetry`.*': ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
      '`ML_SCHEMA_lakehouse_app`.*': ['SELECT', 'GRANT OPTION'],
      '`telemetry`.`assets`': ['SELECT (`asset_id`, `name`)'],
    });
    expect(current.roles).toEqual(['`ops_role`@`%`']);
    expect(current.unmanaged).toEqual(["GRANT PROXY ON ''@'' TO 'lakehouse_app'@'%'"]);
  });
});

describe('planGrantChanges', () => {
  const leastPrivilege = appGrants({ schema: 'telemetry', user: 'lakehouse_app', autoMl: false });

  it('grants DML on the schema to a new user and nothing else', () => {
    expect(planGrantChanges(parseShowGrants([]), leastPrivilege, ACCOUNT).statements).toEqual([
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `telemetry`.* TO 'lakehouse_app'@'%'",
    ]);
  });

  it('changes nothing when the user already holds exactly the least-privilege set', () => {
    const current = parseShowGrants([
      'GRANT SELECT, INSERT, UPDATE, DELETE ON `telemetry`.* TO `lakehouse_app`@`%`',
    ]);
    expect(planGrantChanges(current, leastPrivilege, ACCOUNT)).toMatchObject({
      statements: [],
      granted: 0,
      revoked: 0,
    });
  });

  it('revokes what was granted by hand before granting what is missing, roles included', () => {
    const current = parseShowGrants([
      'GRANT ALL PRIVILEGES ON `telemetry`.* TO `lakehouse_app`@`%` WITH GRANT OPTION',
      'GRANT PROCESS ON *.* TO `lakehouse_app`@`%`',
      'GRANT `ops_role`@`%` TO `lakehouse_app`@`%`',
    ]);
    expect(planGrantChanges(current, leastPrivilege, ACCOUNT).statements).toEqual([
      "REVOKE ALL PRIVILEGES ON `telemetry`.* FROM 'lakehouse_app'@'%'",
      "REVOKE GRANT OPTION ON `telemetry`.* FROM 'lakehouse_app'@'%'",
      "REVOKE PROCESS ON *.* FROM 'lakehouse_app'@'%'",
      "REVOKE `ops_role`@`%` FROM 'lakehouse_app'@'%'",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `telemetry`.* TO 'lakehouse_app'@'%'",
    ]);
  });

  it('compares targets without regard to case (lower_case_table_names servers print them in lower case)', () => {
    const current = parseShowGrants([
      'GRANT SELECT, INSERT, UPDATE, DELETE ON `Telemetry`.* TO `lakehouse_app`@`%`',
    ]);
    expect(
      planGrantChanges(
        current,
        appGrants({ schema: 'telemetry', user: 'lakehouse_app', autoMl: false }),
        ACCOUNT,
      ).statements,
    ).toEqual([]);
  });
});

describe('appGrants with HeatWave AutoML', () => {
  it('adds DDL on the schema, the model catalog with grant option, sys routines and the status tables the server has', () => {
    const grants = appGrants({
      schema: 'telemetry',
      user: 'lakehouse_app',
      autoMl: true,
      performanceTables: ['rpd_tables', 'rpd_table_id', 'rpd_query_stats'],
    });
    expect(grants).toEqual([
      {
        target: '`telemetry`.*',
        privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER'],
      },
      {
        target: `\`${modelCatalogSchema('lakehouse_app')}\`.*`,
        privileges: ['SELECT', 'INSERT', 'CREATE', 'ALTER', 'UPDATE', 'DELETE', 'DROP', 'GRANT OPTION'],
      },
      { target: '`sys`.*', privileges: ['SELECT', 'EXECUTE'] },
      { target: '`performance_schema`.`rpd_tables`', privileges: ['SELECT'] },
      { target: '`performance_schema`.`rpd_table_id`', privileges: ['SELECT'] },
      { target: '`performance_schema`.`rpd_query_stats`', privileges: ['SELECT'] },
    ]);
    const plan = planGrantChanges(parseShowGrants([]), grants, ACCOUNT);
    expect(plan.statements[1]).toBe(
      "GRANT SELECT, INSERT, CREATE, ALTER, UPDATE, DELETE, DROP ON `ML_SCHEMA_lakehouse_app`.* TO 'lakehouse_app'@'%' WITH GRANT OPTION",
    );
  });

  it('refuses an account whose name could break out of the quotes', () => {
    expect(() => accountSql("x'@'%", '%')).toThrow(/unsafe account/);
  });
});
