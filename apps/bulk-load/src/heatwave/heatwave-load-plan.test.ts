import { HEATWAVE_FEATURE_SETS, parseMysqlVersion } from '@lakehouse/contracts';
import { hasErrorCode } from '@lakehouse/runtime';
import type { ServerCapabilities } from '@lakehouse/sql';
import { describe, expect, it } from 'vitest';
import {
  SILVER_TABLE,
  autoParallelLoadSql,
  heatwaveLoadPlan,
  lakehouseTableSql,
  parseOciUri,
  perTableLoadSql,
  rpdStatusSql,
} from './heatwave-load-plan.js';
import { formatPlan } from './run-heatwave-load.js';

const heatwave: ServerCapabilities = {
  kind: 'heatwave',
  version: '9.4.1-cloud',
  versionComment: 'MySQL Enterprise - Cloud',
  hasRapid: true,
  hasAutoMl: true,
  hasLakehouse: true,
};
const mariadb: ServerCapabilities = {
  kind: 'mariadb',
  version: '10.11.19-MariaDB-0+deb12u1',
  versionComment: 'Debian 12',
  hasRapid: false,
  hasAutoMl: false,
  hasLakehouse: false,
};
const settings = {
  schema: 'telemetry',
  mode: 'auto' as const,
  silverUri: 'oci://silver@mytenancyns/runs/2026/',
  silverRegion: 'eu-frankfurt-1',
};
/** The version infra pins (poc and prod), and the first release with the uri file entry. */
const v844 = parseMysqlVersion('8.4.4-cloud');
const v931 = parseMysqlVersion('9.3.1-cloud');
/** What a failing call threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err: unknown) {
    return err;
  }
  return undefined;
}
/** The `file` entries of a Lakehouse CREATE TABLE. */
const fileEntries = (sql: string): unknown =>
  (JSON.parse(unquote(/ENGINE_ATTRIBUTE=('.*')$/s.exec(sql)![1]!)) as { file: unknown }).file;

/** Unescapes a MySQL single-quoted literal the way the server does for `\\` and `''`. */
const unquote = (literal: string): string => literal.slice(1, -1).replace(/''/g, "'").replace(/\\\\/g, '\\');

describe('heatwave load plan (statements checked against heatwave-reference.md)', () => {
  it('uses the 8.4+ Auto Parallel Load signature with an explicit table list and mode', () => {
    const sql = autoParallelLoadSql(
      v844,
      'telemetry',
      [{ name: 'readings' } as never, { name: 'assets' } as never],
      'normal',
    );
    expect(sql).toMatch(
      /^CALL sys\.heatwave_load\(CAST\('(.*)' AS JSON\), JSON_OBJECT\('mode', 'normal', 'output', 'normal'\)\)$/,
    );
    const input = JSON.parse(unquote(/CAST\(('.*') AS JSON\)/.exec(sql)![1]!)) as unknown;
    expect(input).toEqual([{ db_name: 'telemetry', tables: ['readings', 'assets'] }]);
  });

  it('refuses the two-argument heatwave_load and the per-table load on a server older than 8.4.0', () => {
    const old = parseMysqlVersion('8.0.36-u2-cloud');
    const error = thrown(() => autoParallelLoadSql(old, 'telemetry', [], 'normal'));
    expect(hasErrorCode(error, 'HEATWAVE_VERSION_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toMatch(/heatwaveLoadInputList .*needs MySQL 8\.4\.0/);
    expect(() => perTableLoadSql(old, 'telemetry', 'readings')).toThrow(/secondaryEngineRapid/);
    expect(() => heatwaveLoadPlan({ ...heatwave, version: '8.0.36-u2-cloud' }, settings)).toThrow(
      /Auto Parallel Load needs what MySQL 8\.0\.36-u2-cloud lacks/,
    );
  });

  it('loads only the RAPID tables of libs/sql, per table with SECONDARY_ENGINE then SECONDARY_LOAD in tables mode', () => {
    const plan = heatwaveLoadPlan(heatwave, { ...settings, mode: 'tables' });
    const perTable = plan.statements.filter((s) => /SECONDARY_ENGINE = RAPID$/.test(s.sql)).map((s) => s.sql);
    expect(perTable).toContain('ALTER TABLE `telemetry`.`readings` SECONDARY_ENGINE = RAPID');
    expect(perTable.join()).not.toContain('dead_letters');
    expect(perTable.join()).not.toContain('`models`');
    const loads = plan.statements.map((s) => s.sql).filter((s) => s.endsWith(' SECONDARY_LOAD'));
    expect(loads).toContain('ALTER TABLE `telemetry`.`readings` SECONDARY_LOAD');
    const engineAt = plan.statements.findIndex(
      (s) => s.sql === 'ALTER TABLE `telemetry`.`readings` SECONDARY_ENGINE = RAPID',
    );
    const loadAt = plan.statements.findIndex(
      (s) => s.sql === 'ALTER TABLE `telemetry`.`readings` SECONDARY_LOAD',
    );
    expect(engineAt).toBeLessThan(loadAt);
  });

  it('creates Lakehouse external tables over the silver Parquet and CSV files with the dialects spelled out', () => {
    const parquet = lakehouseTableSql(v844, settings, SILVER_TABLE, 'parquet');
    const csv = lakehouseTableSql(v844, settings, `${SILVER_TABLE}_csv`, 'csv');
    for (const sql of [parquet, csv]) {
      expect(sql).toMatch(/\) ENGINE=lakehouse SECONDARY_ENGINE=RAPID ENGINE_ATTRIBUTE='/);
      expect(sql).toContain('`hour_start` DATETIME NOT NULL');
      // Declared for Group Replication (an HA DB system refuses keyless tables); Lakehouse refuses the rest.
      expect(sql).toContain('PRIMARY KEY (`asset_id`, `hour_start`)\n) ENGINE=lakehouse');
      expect(sql).not.toMatch(/AUTO_INCREMENT|DEFAULT|CHECK/);
    }
    const attribute = (sql: string) =>
      JSON.parse(unquote(/ENGINE_ATTRIBUTE=('.*')$/s.exec(sql)![1]!)) as {
        file: Record<string, unknown>[];
        dialect: Record<string, unknown>;
      };
    expect(attribute(parquet)).toEqual({
      file: [
        {
          bucket: 'silver',
          namespace: 'mytenancyns',
          region: 'eu-frankfurt-1',
          prefix: 'runs/2026/hourly_aggregates/parquet/',
        },
      ],
      dialect: { format: 'parquet' },
    });
    expect(attribute(csv).dialect).toEqual({
      format: 'csv',
      field_delimiter: ',',
      record_delimiter: '\n',
      has_header: true,
      skip_rows: 0,
    });
    // Inside the SQL literal the record delimiter is written "\\n" (heatwave-reference.md section B).
    expect(csv).toContain('"record_delimiter":"\\\\n"');
  });

  it('on MySQL 8.4.4 writes bucket/namespace/region/prefix file entries, never the uri form', () => {
    expect(fileEntries(lakehouseTableSql(v844, settings, SILVER_TABLE, 'csv'))).toEqual([
      {
        bucket: 'silver',
        namespace: 'mytenancyns',
        region: 'eu-frankfurt-1',
        prefix: 'runs/2026/hourly_aggregates/csv/',
      },
    ]);
    const plan = heatwaveLoadPlan({ ...heatwave, version: '8.4.4-cloud' }, settings);
    expect(plan.lakehouseFileForm).toBe('bucket');
    expect(plan.statements.map((s) => s.sql).join('\n')).not.toContain('"uri"');
  });

  it('on MySQL 8.4.4 without a region names HEATWAVE_SILVER_REGION instead of falling back to the uri form', () => {
    const noRegion = { ...settings, silverRegion: undefined };
    const error = thrown(() => heatwaveLoadPlan({ ...heatwave, version: '8.4.4-cloud' }, noRegion));
    expect(hasErrorCode(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(
      /^HEATWAVE_SILVER_REGION is required: .*uri form needs MySQL 9\.3\.1/,
    );
  });

  it('from MySQL 9.3.1 writes the uri file entry, with or without a region', () => {
    for (const s of [settings, { ...settings, silverRegion: undefined }]) {
      expect(fileEntries(lakehouseTableSql(v931, s, SILVER_TABLE, 'parquet'))).toEqual([
        { uri: 'oci://silver@mytenancyns/runs/2026/hourly_aggregates/parquet/' },
      ]);
    }
    expect(heatwaveLoadPlan({ ...heatwave, version: '9.3.1-cloud' }, settings).lakehouseFileForm).toBe('uri');
  });

  it('lets HEATWAVE_LAKEHOUSE_FILE_FORM force a form, noting when it overrides the version check', () => {
    const forcedUri = heatwaveLoadPlan(
      { ...heatwave, version: '8.4.4-cloud' },
      { ...settings, fileForm: 'uri' },
    );
    expect(forcedUri.lakehouseFileForm).toBe('uri');
    expect(forcedUri.notes.join()).toMatch(
      /HEATWAVE_LAKEHOUSE_FILE_FORM=uri overrides the version check: MySQL 8\.4\.4-cloud is below 9\.3\.1/,
    );
    const forcedBucket = heatwaveLoadPlan(heatwave, { ...settings, fileForm: 'bucket' });
    expect(forcedBucket.lakehouseFileForm).toBe('bucket');
    expect(forcedBucket.notes).toEqual([]);
  });

  it('lists the HeatWave features each plan relies on, from the sets infra checks the pinned versions against', () => {
    expect(heatwaveLoadPlan({ ...heatwave, version: '8.4.4-cloud' }, settings).features).toEqual([
      ...HEATWAVE_FEATURE_SETS.heatwaveLoadStatus,
      ...HEATWAVE_FEATURE_SETS.autoParallelLoad,
      ...HEATWAVE_FEATURE_SETS.lakehouseTables,
      'lakehouseFileBucket',
    ]);
    expect(
      heatwaveLoadPlan(heatwave, { ...settings, mode: 'tables', silverUri: undefined }).features,
    ).toEqual([...HEATWAVE_FEATURE_SETS.heatwaveLoadStatus, ...HEATWAVE_FEATURE_SETS.perTableLoad]);
    expect(heatwaveLoadPlan(mariadb, settings).features).toEqual([]);
  });

  it('checks the load status through performance_schema.rpd_tables', () => {
    expect(rpdStatusSql(v844, 'telemetry')).toBe(
      "SELECT SCHEMA_NAME, TABLE_NAME, LOAD_STATUS, LOAD_PROGRESS, LOAD_TYPE FROM performance_schema.rpd_tables NATURAL JOIN performance_schema.rpd_table_id WHERE SCHEMA_NAME = 'telemetry' ORDER BY TABLE_NAME",
    );
    expect(heatwaveLoadPlan(heatwave, settings).statusSql).toBe(rpdStatusSql(v844, 'telemetry'));
  });

  it('on MariaDB says HeatWave is not present and loads the silver files into an ordinary table', () => {
    const plan = heatwaveLoadPlan(mariadb, settings);
    expect(plan.loadSilverLocally).toBe(true);
    expect(plan.statusSql).toBeUndefined();
    expect(plan.notes[0]).toMatch(/HeatWave is not present on this MariaDB server/);
    const sql = plan.statements.map((s) => s.sql).join('\n');
    expect(sql).toContain(
      `DROP TABLE IF EXISTS \`${SILVER_TABLE}\`\nCREATE TABLE IF NOT EXISTS \`${SILVER_TABLE}\``,
    );
    expect(sql).toContain('ENGINE=InnoDB');
    expect(sql).not.toMatch(/SECONDARY_ENGINE|SECONDARY_LOAD|lakehouse|heatwave_load/);
  });

  it('skips RAPID work on a HeatWave DB system whose cluster is stopped', () => {
    const plan = heatwaveLoadPlan({ ...heatwave, hasRapid: false, hasLakehouse: false }, settings);
    expect(plan.loadSilverLocally).toBe(true);
    expect(plan.notes[0]).toMatch(/cluster is not running/);
  });

  it('prints every statement of the plan, terminated, in dryrun', () => {
    const text = formatPlan(heatwaveLoadPlan(heatwave, settings), undefined);
    expect(text).toContain('-- server kind: heatwave');
    expect(text).toMatch(/CALL sys\.heatwave_load\(.*\);\n/);
    expect(text.match(/SECONDARY_LOAD;/g)?.length).toBe(2);
    expect(text).toContain('performance_schema.rpd_tables');
  });

  it('rejects a silver location that is not an oci:// URI', () => {
    expect(parseOciUri('oci://b@ns/p/q')).toEqual({ bucket: 'b', namespace: 'ns', prefix: 'p/q' });
    expect(() => parseOciUri('s3://b/p')).toThrow(/oci:\/\/bucket@namespace/);
  });
});
