import {
  HEATWAVE_FEATURES,
  HEATWAVE_FEATURE_SETS,
  LAKEHOUSE_FILE_FORM_FEATURES,
  assertHeatWaveFeatures,
  lakehouseFileForm,
  parseMysqlVersion,
  supports,
  type HeatWaveFeature,
  type LakehouseFileForm,
  type MysqlVersion,
} from '@lakehouse/contracts';
import { ConfigError } from '@lakehouse/runtime';
import {
  HOURLY_AGGREGATES_LAKE_TABLE,
  TABLES,
  createTableSql,
  hourlyAggregatesTable,
  quoteIdentifier,
  type ServerCapabilities,
  type TableDefinition,
} from '@lakehouse/sql';

/** Name of the table over the silver files: a Lakehouse external table on HeatWave, InnoDB elsewhere. */
export const SILVER_TABLE = HOURLY_AGGREGATES_LAKE_TABLE;

/** What the plan needs to know besides the server. */
export interface HeatwaveLoadSettings {
  readonly schema: string;
  /** `auto` = Auto Parallel Load (sys.heatwave_load), `tables` = per-table SECONDARY_ENGINE + SECONDARY_LOAD. */
  readonly mode: 'auto' | 'tables';
  /** `oci://bucket@namespace/prefix/` of the silver layer (the Spark job's silver_path). */
  readonly silverUri?: string;
  /** Region of the silver bucket: required when the file entries take the bucket/namespace/region/prefix form. */
  readonly silverRegion?: string;
  /**
   * Form of the Lakehouse file entries: `auto` = `uri` when the server is 9.3.1 or newer, else `bucket`; `uri` or
   * `bucket` force one (HEATWAVE_LAKEHOUSE_FILE_FORM), since the 9.3.1 boundary is from the docs only.
   * @default 'auto'
   */
  readonly fileForm?: LakehouseFileForm | 'auto';
  /** @default TABLES with `rapid: true` */
  readonly tables?: readonly TableDefinition[];
}

/** One statement of the plan and why it is there. */
export interface PlannedStatement {
  readonly purpose: string;
  readonly sql: string;
}

/** The plan for one server kind: SQL statements, or the local load of the silver Parquet files. */
export interface HeatwaveLoadPlan {
  readonly kind: ServerCapabilities['kind'];
  readonly statements: readonly PlannedStatement[];
  /** Status query to run at the end (HeatWave only). */
  readonly statusSql?: string;
  /** On servers without HeatWave: load these silver files' rows into SILVER_TABLE. */
  readonly loadSilverLocally: boolean;
  readonly notes: readonly string[];
  /** HeatWave features the statements rely on (HeatWave only; empty elsewhere), see @lakehouse/contracts. */
  readonly features: readonly HeatWaveFeature[];
  /** Form of the Lakehouse file entries, when the plan creates Lakehouse tables. */
  readonly lakehouseFileForm?: LakehouseFileForm;
}

/** A SQL string literal: backslashes and quotes escaped (JSON inside stays valid after MySQL unescapes it). */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const qualified = (schema: string, table: string): string =>
  `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;

/** Splits `oci://bucket@namespace/prefix` into its parts. */
export function parseOciUri(uri: string): { bucket: string; namespace: string; prefix: string } {
  const match = /^oci:\/\/([^@/]+)@([^/]+)\/(.*)$/.exec(uri);
  if (match?.[1] === undefined || match[2] === undefined)
    throw new Error(`not an oci://bucket@namespace/prefix URI: ${uri}`);
  return { bucket: match[1], namespace: match[2], prefix: match[3] ?? '' };
}

type LakehouseFormat = 'csv' | 'parquet';

/** The Lakehouse `file` entry for one silver folder, in the given form. */
function fileEntry(
  settings: HeatwaveLoadSettings,
  form: LakehouseFileForm,
  format: LakehouseFormat,
): Record<string, unknown> {
  const silver = settings.silverUri ?? '';
  const folder = `${hourlyAggregatesTable.name}/${format}/`;
  if (form === 'uri') return { uri: `${silver.replace(/\/?$/, '/')}${folder}` };
  const { bucket, namespace, prefix } = parseOciUri(silver);
  if (settings.silverRegion === undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'HEATWAVE_SILVER_REGION is required: the Lakehouse file entries take the bucket/namespace/region/prefix form on this server (the uri form needs MySQL 9.3.1; HEATWAVE_LAKEHOUSE_FILE_FORM=uri forces it)',
      { context: { key: 'HEATWAVE_SILVER_REGION', silverUri: silver } },
    );
  }
  return {
    bucket,
    namespace,
    region: settings.silverRegion,
    prefix: `${prefix.replace(/\/?$/, '/')}${folder}`.replace(/^\//, ''),
  };
}

/**
 * Dialects spelled out: CSV delimiters changed defaults in 9.2.0, so they are always given; Parquet takes only
 * its format (heatwave-reference.md section B).
 */
export function lakehouseDialect(format: LakehouseFormat): Record<string, unknown> {
  return format === 'parquet'
    ? { format: 'parquet' }
    : { format: 'csv', field_delimiter: ',', record_delimiter: '\n', has_header: true, skip_rows: 0 };
}

/**
 * Column list of the silver table: the hourly_aggregates columns and its primary key, without defaults or checks
 * (Lakehouse refuses column defaults). The key is declared, not validated (each Spark run writes one row per key):
 * a highly available DB system (Group Replication) refuses InnoDB tables without one, and whether it refuses
 * Lakehouse tables without one too is UNCONFIRMED, so they get one (8.4.0+, `lakehousePrimaryKey`).
 */
function silverColumns(): string {
  return [
    ...hourlyAggregatesTable.columns.map(
      (c) => `${quoteIdentifier(c.name)} ${c.type} ${c.nullable === true ? 'NULL' : 'NOT NULL'}`,
    ),
    `PRIMARY KEY (${hourlyAggregatesTable.primaryKey.map(quoteIdentifier).join(', ')})`,
  ].join(',\n  ');
}

/**
 * `CREATE TABLE ... ENGINE=lakehouse SECONDARY_ENGINE=RAPID ENGINE_ATTRIBUTE='{file, dialect}'` (JSON form), with
 * the file entry in the form `version` accepts (or the one `settings.fileForm` forces).
 */
export function lakehouseTableSql(
  version: MysqlVersion,
  settings: HeatwaveLoadSettings,
  table: string,
  format: LakehouseFormat,
): string {
  assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.lakehouseTables, version, 'a Lakehouse table');
  const form = lakehouseFileForm(version, settings.fileForm);
  const attribute = JSON.stringify({
    file: [fileEntry(settings, form, format)],
    dialect: lakehouseDialect(format),
  });
  return `CREATE TABLE ${qualified(settings.schema, table)} (\n  ${silverColumns()}\n) ENGINE=lakehouse SECONDARY_ENGINE=RAPID ENGINE_ATTRIBUTE=${sqlString(attribute)}`;
}

/** Auto Parallel Load of the RAPID tables (8.4.0+ signature: input list, options). */
export function autoParallelLoadSql(
  version: MysqlVersion,
  schema: string,
  tables: readonly TableDefinition[],
  mode: 'normal' | 'dryrun',
): string {
  assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.autoParallelLoad, version, 'Auto Parallel Load');
  const input = JSON.stringify([{ db_name: schema, tables: tables.map((t) => t.name) }]);
  return `CALL sys.heatwave_load(CAST(${sqlString(input)} AS JSON), JSON_OBJECT('mode', ${sqlString(mode)}, 'output', 'normal'))`;
}

/** Per-table load: `SECONDARY_ENGINE = RAPID`, then `SECONDARY_LOAD`. */
export function perTableLoadSql(version: MysqlVersion, schema: string, table: string): PlannedStatement[] {
  assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.perTableLoad, version, 'a per-table load');
  return [
    {
      purpose: `define ${table} for RAPID`,
      sql: `ALTER TABLE ${qualified(schema, table)} SECONDARY_ENGINE = RAPID`,
    },
    { purpose: `load ${table} into HeatWave`, sql: `ALTER TABLE ${qualified(schema, table)} SECONDARY_LOAD` },
  ];
}

/** Load status of the schema's tables in HeatWave; loaded and queryable = `AVAIL_RPDGSTABSTATE`. */
export function rpdStatusSql(version: MysqlVersion, schema: string): string {
  assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.heatwaveLoadStatus, version, 'the load status query');
  return `SELECT SCHEMA_NAME, TABLE_NAME, LOAD_STATUS, LOAD_PROGRESS, LOAD_TYPE FROM performance_schema.rpd_tables NATURAL JOIN performance_schema.rpd_table_id WHERE SCHEMA_NAME = ${sqlString(schema)} ORDER BY TABLE_NAME`;
}

/** The ordinary table of the silver layer's shape, for servers without HeatWave. */
export function localSilverTableSql(): string {
  return createTableSql({ ...hourlyAggregatesTable, name: SILVER_TABLE, rapid: false, indexes: [] });
}

/**
 * The statements `bulk-load heatwave load` runs (and `dryrun` prints) for one server. On HeatWave with a running
 * cluster: load the RAPID tables (Auto Parallel Load or per table), then the Lakehouse external tables over the
 * silver Parquet and CSV files, then the status check. Anywhere else: an ordinary table of the same shape that
 * the silver Parquet files are loaded into, and a note that HeatWave is not present.
 */
export function heatwaveLoadPlan(
  server: ServerCapabilities,
  settings: HeatwaveLoadSettings,
): HeatwaveLoadPlan {
  const tables = settings.tables ?? TABLES.filter((t) => t.rapid);
  if (!server.hasRapid) {
    const why =
      server.kind === 'heatwave'
        ? 'the HeatWave cluster is not running (rapid_cluster_status is not ON)'
        : `HeatWave is not present on this ${server.kind === 'mariadb' ? 'MariaDB' : 'MySQL'} server (${server.version})`;
    return {
      kind: server.kind,
      // Replaced like the Lakehouse table on HeatWave: it mirrors the silver files, and takes the shape of the
      // current definition (a table left by an older run would refuse the columns added since).
      statements: [
        {
          purpose: 'replace the ordinary table of the silver layer',
          sql: `DROP TABLE IF EXISTS ${quoteIdentifier(SILVER_TABLE)}`,
        },
        { purpose: `ordinary table of the silver layer's shape`, sql: localSilverTableSql() },
      ],
      loadSilverLocally: true,
      notes: [
        `${why}: no SECONDARY_LOAD, no Lakehouse; the silver Parquet files are loaded into ${SILVER_TABLE} (InnoDB) instead`,
      ],
      features: [],
    };
  }
  // HeatWave: every builder below takes the server's version and refuses a form it lacks (@lakehouse/contracts).
  const version = parseMysqlVersion(server.version);
  const features: HeatWaveFeature[] = [...HEATWAVE_FEATURE_SETS.heatwaveLoadStatus];
  const statements: PlannedStatement[] = [];
  if (settings.mode === 'auto') {
    statements.push({
      purpose: 'Auto Parallel Load of the RAPID tables',
      sql: autoParallelLoadSql(version, settings.schema, tables, 'normal'),
    });
    features.push(...HEATWAVE_FEATURE_SETS.autoParallelLoad);
  } else {
    for (const t of tables) statements.push(...perTableLoadSql(version, settings.schema, t.name));
    features.push(...HEATWAVE_FEATURE_SETS.perTableLoad);
  }
  const notes: string[] = [];
  let form: LakehouseFileForm | undefined;
  if (settings.silverUri === undefined) {
    notes.push('HEATWAVE_SILVER_URI is not set: no Lakehouse external table over the silver files');
  } else if (!server.hasLakehouse) {
    notes.push('Lakehouse is not enabled on this HeatWave cluster: no external table over the silver files');
  } else {
    form = lakehouseFileForm(version, settings.fileForm);
    const formFeature = LAKEHOUSE_FILE_FORM_FEATURES[form];
    features.push(...HEATWAVE_FEATURE_SETS.lakehouseTables, formFeature);
    if (!supports(formFeature, version)) {
      notes.push(
        `HEATWAVE_LAKEHOUSE_FILE_FORM=${form} overrides the version check: MySQL ${version.text} is below ${HEATWAVE_FEATURES[formFeature].minVersion}, which the docs give for that form`,
      );
    }
    for (const [table, format] of [
      [SILVER_TABLE, 'parquet'],
      [`${SILVER_TABLE}_csv`, 'csv'],
    ] as const) {
      statements.push(
        {
          purpose: `replace the external table ${table}`,
          sql: `DROP TABLE IF EXISTS ${qualified(settings.schema, table)}`,
        },
        {
          purpose: `Lakehouse external table over the silver ${format} files`,
          sql: lakehouseTableSql(version, settings, table, format),
        },
        {
          purpose: `load ${table} from Object Storage`,
          sql: `ALTER TABLE ${qualified(settings.schema, table)} SECONDARY_LOAD`,
        },
      );
    }
  }
  return {
    kind: server.kind,
    statements,
    statusSql: rpdStatusSql(version, settings.schema),
    features: [...new Set(features)],
    ...(form === undefined ? {} : { lakehouseFileForm: form }),
    loadSilverLocally: false,
    notes,
  };
}
