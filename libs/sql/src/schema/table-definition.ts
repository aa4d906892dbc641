/** MySQL column types this project uses; every one of them is portable to MariaDB 10.11 and HeatWave. */
export type ColumnType =
  | 'BIGINT'
  | 'INT'
  | 'SMALLINT'
  | 'TINYINT'
  | 'DOUBLE'
  | 'DATETIME(3)'
  | 'DATETIME'
  | 'DATE'
  | `CHAR(${number})`
  | `VARCHAR(${number})`
  | 'TEXT'
  | 'JSON'
  | 'LONGBLOB'
  | `VARBINARY(${number})`;

/** How HeatWave stores a string column (RAPID_COLUMN comment); VARLEN is HeatWave's default. */
export type RapidEncoding = 'SORTED' | 'VARLEN';

/** One column of a table. */
export interface ColumnDefinition {
  /** snake_case column name. */
  readonly name: string;
  /** camelCase name of the domain field the column holds (`airTemperatureK`), when it holds one. */
  readonly field?: string;
  readonly type: ColumnType;
  /** @default false */
  readonly nullable?: boolean;
  /** DEFAULT clause as SQL text, e.g. `CURRENT_TIMESTAMP(3)` or `0`. */
  readonly defaultSql?: string;
  /** `AUTO_INCREMENT` (only on a BIGINT/INT key column). @default false */
  readonly autoIncrement?: boolean;
  /** Generated column expression (STORED), e.g. `CASE WHEN is_active = 1 THEN 1 END`. */
  readonly generatedAsSql?: string;
  /** What the column means; also the catalog description. */
  readonly description: string;
  /** Physical unit (`K`, `rpm`, `Nm`, `min`, `W`, `ms`), when it has one. */
  readonly unit?: string;
  /** HeatWave dictionary encoding for low-cardinality strings used in GROUP BY. */
  readonly rapidEncoding?: RapidEncoding;
  /** Keep the column out of HeatWave (types RAPID cannot load: BLOB, VARBINARY). @default false */
  readonly notSecondary?: boolean;
}

/** A secondary index or unique key. */
export interface IndexDefinition {
  readonly name: string;
  readonly columns: readonly string[];
  /** @default false */
  readonly unique?: boolean;
}

/** A CHECK constraint; MariaDB and MySQL 8.0.16+ both enforce plain CHECK. */
export interface CheckDefinition {
  readonly name: string;
  readonly sql: string;
}

/** One table, the single source its DDL, catalog entry and row mappers come from. */
export interface TableDefinition {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnDefinition[];
  readonly primaryKey: readonly string[];
  /** @default [] */
  readonly indexes?: readonly IndexDefinition[];
  /** @default [] */
  readonly checks?: readonly CheckDefinition[];
  /** Define the table for HeatWave's RAPID engine (SECONDARY_ENGINE=RAPID); ignored by MariaDB. */
  readonly rapid: boolean;
  /** The workshop object this table replaces, for the mapping in the README. */
  readonly workshopCounterpart?: string;
}
