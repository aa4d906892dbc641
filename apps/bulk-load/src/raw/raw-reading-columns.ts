import {
  assetsTable,
  readingsTable,
  type ColumnDefinition,
  type ColumnType,
  type TableDefinition,
} from '@lakehouse/sql';

/**
 * readings columns a raw file never carries: the physics features are derived on load, and model, provenance and
 * ingest time are added by the platform.
 */
const NOT_FROM_SOURCE: ReadonlySet<string> = new Set([
  'power_w',
  'temperature_difference_k',
  'overstrain_min_nm',
  'model_id',
  'source',
  'stream_partition',
  'stream_offset',
  'ingested_at',
]);

/** Columns of `assets` a raw file may carry per reading (they feed the hourly aggregates' site and line). */
const FROM_ASSETS: readonly string[] = ['site_id', 'line_id'];

function column(table: TableDefinition, name: string): ColumnDefinition {
  const found = table.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`${table.name} has no column ${name}`);
  return found;
}

/**
 * The raw readings layout (CSV header, Parquet schema, JSON-lines keys in snake_case), derived from the table
 * definitions of libs/sql: every readings column the source supplies, in table order, with site and line from
 * `assets` after the asset type. A column added to `readings` appears here (and in the Spark job) unless it is
 * listed as platform-supplied above.
 */
export function rawReadingColumns(): readonly ColumnDefinition[] {
  const fromReadings = readingsTable.columns.filter((c) => !NOT_FROM_SOURCE.has(c.name));
  const at = fromReadings.findIndex((c) => c.name === 'asset_type') + 1;
  return [
    ...fromReadings.slice(0, at),
    ...FROM_ASSETS.map((name) => ({ ...column(assetsTable, name), nullable: true })),
    ...fromReadings.slice(at),
  ];
}

/** Names of {@link rawReadingColumns}, in file order. */
export const RAW_READING_COLUMN_NAMES: readonly string[] = rawReadingColumns().map((c) => c.name);

/** How a raw column is typed in Parquet and in the Spark SQL schema. */
export type RawColumnKind = 'string' | 'timestamp' | 'double' | 'int';

/** The raw kind of a MySQL column type. */
export function rawColumnKind(type: ColumnType): RawColumnKind {
  if (type === 'DOUBLE') return 'double';
  if (type === 'DATETIME' || type === 'DATETIME(3)') return 'timestamp';
  if (type === 'BIGINT' || type === 'INT' || type === 'SMALLINT' || type === 'TINYINT') return 'int';
  return 'string';
}
