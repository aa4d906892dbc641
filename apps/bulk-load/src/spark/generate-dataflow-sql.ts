import {
  DERIVED_FEATURE_SQL,
  MEASURE_COLUMNS,
  hourlyAggregatesTable,
  RISK_BAND_COUNT_COLUMNS,
  readingsTable,
  type ColumnDefinition,
  type TableDefinition,
} from '@lakehouse/sql';
import { atOrAboveRiskBandSql } from '@lakehouse/domain';
import { DATAFLOW_PARAMETERS, JDBC_CREDENTIAL_PROVIDER } from '@lakehouse/contracts';
import { rawColumnKind, rawReadingColumns, type RawColumnKind } from '../raw/raw-reading-columns.js';
import { ISO_INSTANT_REGEX, domainRules, reasonExpr, sparkLiteral as lit } from './spark-reject-rules.js';

/**
 * The Data Flow parameters the generated script takes (all required), defined by the application contract of
 * @lakehouse/contracts, which infra's Data Flow stack builds the application from. No name contains `url`,
 * `password`, `secret` or `token`: Spark's redaction rules (spark.sql.redaction.options.regex, spark.redaction.regex)
 * replace the value of such variables with `*********(redacted)` before substitution, which silently breaks the JDBC
 * URL (found on Spark 3.5.4 with both `--hivevar` and `SET`). No parameter is a password: `jdbc_credential` is the
 * Vault secret OCID that the JDBC connection provider resolves inside the run.
 */
export const DATAFLOW_SQL_PARAMETERS = DATAFLOW_PARAMETERS;

const SPARK_TYPE: Readonly<Record<RawColumnKind, string>> = {
  string: 'STRING',
  timestamp: 'TIMESTAMP',
  double: 'DOUBLE',
  int: 'INT',
};

function rawSelect(columns: readonly ColumnDefinition[], from: 'csv' | 'parquet'): string {
  const cols = columns.map((c) => {
    if (from === 'csv') return `NULLIF(TRIM(${c.name}), '') AS ${c.name}`;
    if (rawColumnKind(c.type) === 'timestamp')
      return `date_format(${c.name}, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") AS ${c.name}`;
    return `CAST(${c.name} AS STRING) AS ${c.name}`;
  });
  const corrupt = from === 'csv' ? '_corrupt_record' : 'CAST(NULL AS STRING)';
  return `SELECT input_file_name() AS source_file, ${lit(from)} AS source_format, ${corrupt} AS malformed_record,\n    ${cols.join(',\n    ')}\n  FROM raw_${from}`;
}

/** Typed value of a raw text column (NULL when the text does not convert). */
function typedExpr(c: ColumnDefinition): string {
  const kind = rawColumnKind(c.type);
  if (kind === 'timestamp') {
    // Millisecond precision like the domain (DATETIME(3)); only ISO-8601 with an explicit zone is accepted.
    return `CASE WHEN ${c.name} RLIKE ${lit(ISO_INSTANT_REGEX)} THEN timestamp_millis(unix_millis(CAST(${c.name} AS TIMESTAMP))) END`;
  }
  if (kind === 'double') return `CAST(${c.name} AS DOUBLE)`;
  if (kind === 'int') return `CAST(${c.name} AS INT)`;
  return c.name;
}

/** Spark expression of one readings column for a valid row, in table order (the JDBC insert is positional). */
function readingsColumnExpr(c: ColumnDefinition, raw: ReadonlySet<string>): string {
  switch (c.name) {
    case 'power_w':
    case 'temperature_difference_k':
    case 'overstrain_min_nm':
      return DERIVED_FEATURE_SQL[c.name];
    case 'model_id':
    case 'stream_partition':
      return 'CAST(NULL AS INT)';
    case 'stream_offset':
      return 'CAST(NULL AS BIGINT)';
    case 'source':
      return "'bulk'";
    case 'ingested_at':
      return 'current_timestamp()';
  }
  if (raw.has(c.name)) return c.type === 'TINYINT' ? `CAST(${c.name} AS TINYINT)` : c.name;
  throw new Error(`generate-dataflow-sql: no Spark value for readings.${c.name}; teach readingsColumnExpr`);
}

/** Spark expression of one hourly_aggregates column, by the column naming rules of libs/sql. */
function aggregateExpr(c: ColumnDefinition): string {
  const measures = new Set<string>(MEASURE_COLUMNS.map((m) => m.name));
  const stat = /^(mean|min|max)_(.+)$/.exec(c.name);
  const band = RISK_BAND_COUNT_COLUMNS.find((b) => b.column === c.name)?.band;
  if (c.name === 'asset_id') return 'asset_id';
  if (c.name === 'hour_start') return "date_trunc('HOUR', recorded_at)";
  if (c.name === 'asset_type' || c.name === 'site_id' || c.name === 'line_id') return `min(${c.name})`;
  if (c.name === 'reading_count') return 'CAST(count(*) AS INT)';
  if (c.name === 'scored_count') return 'CAST(count(failure_probability) AS INT)';
  if (c.name === 'failure_count') return 'CAST(coalesce(sum(machine_failure), 0) AS INT)';
  if (c.name === 'built_at') return 'current_timestamp()';
  if (band !== undefined)
    return `CAST(count_if(${atOrAboveRiskBandSql('failure_probability', band)}) AS INT)`;
  if (
    stat?.[1] !== undefined &&
    stat[2] !== undefined &&
    (measures.has(stat[2]) || stat[2] === 'failure_probability')
  )
    return `${stat[1] === 'mean' ? 'avg' : stat[1]}(${stat[2]})`;
  throw new Error(
    `generate-dataflow-sql: no Spark aggregate for hourly_aggregates.${c.name}; teach aggregateExpr`,
  );
}

/** A checked row that is stored: no domain or check reason, and the first of its key. */
const VALID_ROW = 'size(domain_reasons) = 0 AND size(check_reasons) = 0 AND key_rank = 1';

/**
 * Options of a JDBC view: no password option. The connection provider named here reads the password of the Vault
 * secret in its credential option (apps/bulk-load/jdbc-provider) and connects with the other options.
 */
function jdbcOptions(table: TableDefinition | string): string {
  const source = typeof table === 'string' ? `query ${lit(table)}` : `dbtable ${lit(table.name)}`;
  const provider = `connectionProvider ${lit(JDBC_CREDENTIAL_PROVIDER.name)}, ${JDBC_CREDENTIAL_PROVIDER.credentialOption} '\${jdbc_credential}'`;
  return `url '\${jdbc_connection}', driver '\${jdbc_driver}', user '\${jdbc_user}', ${provider}, ${source}`;
}

/**
 * The Data Flow application (Spark SQL), generated from the table definitions of libs/sql: raw columns and types
 * from `readings` (+ site/line of `assets`), validation from libs/domain's rules, the JDBC insert in `readings`
 * column order, and the silver aggregates from `hourly_aggregates`' columns. A column added to those tables changes
 * this script, or makes the generator throw until it learns how to fill the column.
 */
export function generateDataflowSql(): string {
  const raw = rawReadingColumns();
  const rawNames = new Set(raw.map((c) => c.name));
  const schema = (typed: boolean): string =>
    raw.map((c) => `${c.name} ${typed ? SPARK_TYPE[rawColumnKind(c.type)] : 'STRING'}`).join(', ');
  const rules = domainRules(raw);
  const readingsColumns = readingsTable.columns.map((c) => readingsColumnExpr(c, rawNames));
  const aggregates = hourlyAggregatesTable.columns.map((c) => `${aggregateExpr(c)} AS ${c.name}`);
  const keyColumns = readingsTable.primaryKey;
  // Checks on columns the raw file supplies; the others concern values the job sets itself (e.g. source).
  const tableColumns = new Set(readingsTable.columns.map((c) => c.name));
  const checkReasons = (readingsTable.checks ?? [])
    .filter((check) =>
      (check.sql.match(/[a-z_]+/g) ?? []).every((word) => !tableColumns.has(word) || rawNames.has(word)),
    )
    .map(
      (check) =>
        `CASE WHEN NOT coalesce(${check.sql}, true) THEN ${lit(`/ check_failed: readings check ${check.name}`)} END`,
    )
    .join(',\n        ');

  return `-- Data Flow application (Spark SQL): raw readings -> MySQL readings + rejects + hourly silver aggregates.
-- GENERATED by apps/bulk-load (bulk-load spark generate) from the table definitions in libs/sql; do not edit.
-- Parameters (Data Flow name/value parameters, all required): ${DATAFLOW_SQL_PARAMETERS.join(', ')}.
-- No password anywhere: the JDBC views use the connection provider ${JDBC_CREDENTIAL_PROVIDER.name} (in the archive), which reads
-- the password of the Vault secret named by jdbc_credential (OCI Vault in Data Flow, a stand-in file locally).
-- Idempotent: rows whose key (${keyColumns.join(', ')}) is already stored are not written again, and
-- the reject and silver folders are overwritten, so a re-run after a failure finishes the job.

-- Parquet instants as INT64 microseconds (Spark's default INT96 is deprecated and not every reader takes it).
SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS;
-- readings has CHAR columns; Spark 3.4+ pads CHAR on read, which wraps the JDBC target in a projection that
-- INSERT refuses (UNSUPPORTED_INSERT.RDD_BASED). The values are written unpadded either way.
SET spark.sql.readSideCharPadding=false;
-- The cached tables live for one job: building them uncompressed saved about 9 % of the job's time on 1,000,000
-- rows (the profile showed 17 % of the driver's CPU in cache building, much of it compression statistics).
SET spark.sql.inMemoryColumnarStorage.compressed=false;

CREATE TEMPORARY VIEW raw_csv (${schema(false)}, _corrupt_record STRING)
  USING csv OPTIONS (path '\${raw_path}', pathGlobFilter '*.csv', recursiveFileLookup 'true', header 'true',
    enforceSchema 'false', mode 'PERMISSIVE', columnNameOfCorruptRecord '_corrupt_record');

CREATE TEMPORARY VIEW raw_parquet (${schema(true)})
  USING parquet OPTIONS (path '\${raw_path}', pathGlobFilter '*.parquet', recursiveFileLookup 'true');

CREATE TEMPORARY VIEW raw_text AS
  ${rawSelect(raw, 'csv')}
  UNION ALL
  ${rawSelect(raw, 'parquet')};

CREATE TEMPORARY VIEW typed AS
  SELECT source_file, source_format, malformed_record,
    ${raw.map((c) => `${c.name} AS r_${c.name}`).join(', ')},
    ${raw.map((c) => `${typedExpr(c)} AS ${c.name}`).join(',\n    ')}
  FROM raw_text;

-- Cached for the three writes below: the typed columns, the reasons, and the raw record only for rejected rows
-- (the raw text columns are not kept for valid ones: the cache is about half as wide).
CACHE TABLE checked AS
  SELECT source_file, source_format, ${raw.map((c) => c.name).join(', ')}, key_rank, domain_reasons, check_reasons,
    CASE WHEN ${VALID_ROW} THEN NULL
      ELSE coalesce(malformed_record, to_json(named_struct(${raw.map((c) => `${lit(c.name)}, r_${c.name}`).join(', ')})))
    END AS reject_record
  FROM (
    SELECT *,
      row_number() OVER (PARTITION BY ${keyColumns.join(', ')} ORDER BY source_file, monotonically_increasing_id()) AS key_rank,
      filter(array(
        ${rules.map(reasonExpr).join(',\n        ')}
      ), x -> x IS NOT NULL) AS domain_reasons,
      filter(array(
        ${checkReasons}
      ), x -> x IS NOT NULL) AS check_reasons
    FROM typed
  );

CREATE TEMPORARY VIEW valid AS
  SELECT * FROM checked WHERE ${VALID_ROW};

INSERT OVERWRITE DIRECTORY '\${rejects_path}' USING json
  SELECT source_file, source_format,
    CASE WHEN size(domain_reasons) > 0 THEN domain_reasons
         WHEN size(check_reasons) > 0 THEN check_reasons
         ELSE array('/ duplicate_key: another row of the input has the same ${keyColumns.join(', ')}') END AS reasons,
    reject_record AS record
  FROM checked WHERE NOT (${VALID_ROW});

CREATE TEMPORARY VIEW readings_sink
  USING org.apache.spark.sql.jdbc OPTIONS (${jdbcOptions(readingsTable)}, batchsize '5000', numPartitions '4', isolationLevel 'READ_COMMITTED');

CREATE TEMPORARY VIEW readings_stored
  USING org.apache.spark.sql.jdbc OPTIONS (${jdbcOptions(`SELECT ${keyColumns.join(', ')} FROM ${readingsTable.name}`)});

INSERT INTO readings_sink
  SELECT ${readingsColumns.join(',\n    ')}
  FROM valid v LEFT ANTI JOIN readings_stored s ON ${keyColumns.map((k) => `v.${k} = s.${k}`).join(' AND ')};

CACHE TABLE hourly AS
  SELECT ${aggregates.join(',\n    ')}
  FROM valid GROUP BY asset_id, date_trunc('HOUR', recorded_at);

INSERT OVERWRITE DIRECTORY '\${silver_path}/${hourlyAggregatesTable.name}/parquet' USING parquet
  SELECT * FROM hourly;

INSERT OVERWRITE DIRECTORY '\${silver_path}/${hourlyAggregatesTable.name}/csv' USING csv
  OPTIONS (header 'true', timestampFormat 'yyyy-MM-dd HH:mm:ss')
  SELECT * FROM hourly;

SELECT 'bulk-load summary' AS what, (SELECT count(*) FROM checked) AS records, (SELECT count(*) FROM valid) AS valid_rows,
  (SELECT count(*) FROM checked) - (SELECT count(*) FROM valid) AS rejected_rows, (SELECT count(*) FROM hourly) AS hourly_rows;
`;
}
