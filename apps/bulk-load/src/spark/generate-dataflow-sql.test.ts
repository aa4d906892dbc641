import { DATAFLOW_PARAMETERS, JDBC_CREDENTIAL_PROVIDER } from '@lakehouse/contracts';
import { readingsTable } from '@lakehouse/sql';
import { describe, expect, it } from 'vitest';
import { DATAFLOW_SQL_PARAMETERS, generateDataflowSql } from './generate-dataflow-sql.js';
import { checkSqlParameters, sqlParameterNames } from './sql-parameters.js';
import { countStatements, parseSparkSummary } from './run-local-spark.js';
import { sparkInitSql, sparkSqlJavaArgs } from './spark-submit-args.js';

describe('the generated Data Flow SQL', () => {
  const sql = generateDataflowSql();

  it("references exactly the Data Flow application contract's parameters, none named like a value Spark redacts", () => {
    expect(sqlParameterNames(sql)).toEqual([...DATAFLOW_PARAMETERS].sort());
    expect(DATAFLOW_SQL_PARAMETERS).toBe(DATAFLOW_PARAMETERS);
    for (const name of DATAFLOW_SQL_PARAMETERS) expect(name).not.toMatch(/url|password|secret|token/i);
  });

  it('has no password in any JDBC view: each names the Vault connection provider and the credential', () => {
    const views = [...sql.matchAll(/USING org\.apache\.spark\.sql\.jdbc OPTIONS \(([^\n]*)\)/g)].map(
      (m) => m[1] ?? '',
    );
    expect(views).toHaveLength(2);
    for (const options of views) {
      expect(options).not.toMatch(/password/i);
      expect(options).toContain(`connectionProvider '${JDBC_CREDENTIAL_PROVIDER.name}'`);
      expect(options).toContain(`${JDBC_CREDENTIAL_PROVIDER.credentialOption} '\${jdbc_credential}'`);
    }
  });

  it('inserts into readings in table column order, derived from libs/sql', () => {
    const insert = /INSERT INTO readings_sink\n\s+SELECT ([\s\S]*?)\n\s+FROM valid/.exec(sql)?.[1];
    expect(insert).toBeDefined();
    const columns = insert!.split(',\n').map((c) => c.trim());
    expect(columns).toHaveLength(readingsTable.columns.length);
    expect(columns[0]).toBe('asset_id');
    expect(columns.at(-1)).toBe('current_timestamp()');
  });

  it('aggregates every measure (mean/min/max) and counts probabilities at or above 0.6 and 0.9', () => {
    expect(sql).toContain('avg(torque_nm) AS mean_torque_nm');
    expect(sql).toContain('max(tool_wear_min) AS max_tool_wear_min');
    expect(sql).toContain('CAST(count_if(failure_probability >= 0.6) AS INT) AS count_probability_above_0_6');
    expect(sql).toContain('CAST(count_if(failure_probability >= 0.9) AS INT) AS count_probability_above_0_9');
    // What the daily rollups need: the weight of each hour's mean, and the low end of its range.
    expect(sql).toContain('CAST(count(failure_probability) AS INT) AS scored_count');
    expect(sql).toContain('min(failure_probability) AS min_failure_probability');
    expect(sql).toMatch(
      /INSERT OVERWRITE DIRECTORY '\$\{silver_path\}\/hourly_aggregates\/parquet' USING parquet/,
    );
    expect(sql).toMatch(/INSERT OVERWRITE DIRECTORY '\$\{silver_path\}\/hourly_aggregates\/csv' USING csv/);
  });

  it('rejects with the domain rules: ranges, asset types, id pattern, timestamps, labels', () => {
    expect(sql).toContain('torque_nm < 0 OR torque_nm > 500');
    expect(sql).toContain("asset_type NOT IN ('L', 'M', 'H')");
    expect(sql).toContain('process_temperature_k < air_temperature_k');
    expect(sql).toContain('future_timestamp');
    expect(sql).toContain('machine_failure = 0 AND (twf = 1');
  });

  it('counts its statements for progress', () => {
    expect(countStatements(sql)).toBeGreaterThan(10);
    expect(countStatements('-- a;\nSELECT 1;\nSELECT\n 2;\n')).toBe(2);
  });
});

describe('parameters of a run', () => {
  it('names every missing parameter before Spark starts', () => {
    expect(() => checkSqlParameters("SELECT '${a}', '${b}', '${c}'", { a: 'x', c: '' })).toThrow(
      /parameter b has no value; parameter c has no value/,
    );
    try {
      checkSqlParameters("SELECT '${a}'", {});
    } catch (err: unknown) {
      expect(err).toMatchObject({ code: 'BULK_PARAMETER_MISSING' });
    }
  });

  it('refuses values that would break out of the statement or that Spark would redact', () => {
    expect(() => checkSqlParameters("SELECT '${a}'", { a: "x'; DROP" })).toThrow(/must not contain a quote/);
    expect(() => checkSqlParameters("SELECT '${a}'", { a: 'ocid1.vaultsecret.oc1.x' })).toThrow(
      /parameter a contains a word Spark redacts/,
    );
    expect(() => checkSqlParameters("SELECT '${a}'", { a: 'ocid1.vaultsecre~t.oc1.x' })).not.toThrow();
    expect(() => checkSqlParameters("SELECT '${a}'", { a: 'jdbc:mysql://h:1/d?x=1&y=2' })).not.toThrow();
  });

  it('runs SparkSubmit with the SQL CLI driver in local mode, parameters in the init file', () => {
    const args = sparkSqlJavaArgs({
      jarsDir: '/j',
      providerJar: '/p/lakehouse-jdbc-provider.jar',
      vaultStandInFile: '/w/vault-stand-in.json',
      workDir: '/w',
      master: 'local[2]',
      driverMemoryMb: 1024,
      shufflePartitions: 2,
      log4j2File: '/w/log4j2.properties',
      sqlFile: '/w/job.sql',
      initFile: '/w/init.sql',
      appName: 'bulk-load',
    });
    expect(args.slice(0, 2)).toEqual(['-Xmx1024m', '-Duser.timezone=UTC']);
    expect(args).toContain('--add-opens=java.base/sun.nio.ch=ALL-UNNAMED');
    const main = args.indexOf('org.apache.spark.deploy.SparkSubmit');
    // Spark's jars and the JDBC connection provider; the provider finds the password in the Vault stand-in file.
    expect(args[main - 1]).toBe('/j/*:/p/lakehouse-jdbc-provider.jar');
    expect(args).toContain('spark.lakehouse.vault.standInFile=/w/vault-stand-in.json');
    // Local servers stay on loopback (ADR 0049): the driver's RPC and block manager bind to 127.0.0.1, no web UI.
    expect(args).toContain('spark.driver.bindAddress=127.0.0.1');
    expect(args).toContain('spark.ui.enabled=false');
    expect(args.slice(-6)).toEqual([
      'org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver',
      'spark-internal',
      '-i',
      '/w/init.sql',
      '-f',
      '/w/job.sql',
    ]);
    expect(args.join(' ')).not.toContain('password');
    expect(sparkInitSql({ a: '1', b: 'x=y' })).toBe('SET a=1;\nSET b=x=y;\n');
  });

  it('reads the job summary row', () => {
    expect(parseSparkSummary('x\nbulk-load summary\t10\t8\t2\t3\n')).toEqual({
      records: 10,
      validRows: 8,
      rejectedRows: 2,
      hourlyRows: 3,
    });
    expect(parseSparkSummary('nothing')).toBeUndefined();
  });
});
