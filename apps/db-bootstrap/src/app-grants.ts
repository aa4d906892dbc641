import { quoteIdentifier } from '@lakehouse/sql';

/**
 * Privileges on one target (`` `schema`.* `` or `` `schema`.`table` ``). `GRANT OPTION` counts as a privilege here,
 * as it does in SHOW GRANTS (`WITH GRANT OPTION`).
 */
export interface Grant {
  readonly target: string;
  readonly privileges: readonly string[];
}

/**
 * What the applications do on their schema, and so all the app user may do: read (API, scoring, EXPLAIN), insert and
 * update (readings upserts, LOAD DATA LOCAL INFILE, dead letters, model registry, API keys, acknowledgements, and the
 * SELECT ... FOR UPDATE of model activation, which needs UPDATE besides SELECT), and delete (REPLACE, which the
 * hourly aggregates and the bulk loader's LOAD DATA ... REPLACE use, deletes the row it replaces). No DDL: the
 * bootstrap runs the migrations as the admin.
 */
export const APP_SCHEMA_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

/**
 * HeatWave AutoML also creates and drops tables in the schema (ml-train's training and prediction tables,
 * ML_PREDICT_TABLE's output) and ALTERs the training table: "MySQL HeatWave AutoML Privileges",
 * https://dev.mysql.com/doc/heatwave/en/hw-automl-privileges.html.
 */
export const AUTOML_SCHEMA_PRIVILEGES = ['CREATE', 'DROP', 'ALTER'] as const;

/** The model catalog schema AutoML keeps per user, and what the user needs on it (same page). */
export const AUTOML_CATALOG_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'CREATE',
  'ALTER',
  'UPDATE',
  'DELETE',
  'DROP',
  'GRANT OPTION',
] as const;

/** AutoML's routines live in `sys` (same page). */
export const AUTOML_SYS_PRIVILEGES = ['SELECT', 'EXECUTE'] as const;

/**
 * performance_schema tables through which AutoML and Lakehouse report progress and status (same page). They exist
 * on HeatWave only, and rpd_ml_stats only from 9.0.0, so the bootstrap grants those the server has.
 */
export const AUTOML_PERFORMANCE_TABLES = [
  'rpd_tables',
  'rpd_table_id',
  'rpd_query_stats',
  'rpd_ml_stats',
] as const;

/** `ML_SCHEMA_<user>`: where AutoML keeps the model catalog of `user`. */
export function modelCatalogSchema(user: string): string {
  return `ML_SCHEMA_${user}`;
}

/** Options of {@link appGrants}. */
export interface AppGrantOptions {
  readonly schema: string;
  readonly user: string;
  /** Add the HeatWave AutoML grants. */
  readonly autoMl: boolean;
  /** The performance_schema tables of {@link AUTOML_PERFORMANCE_TABLES} the server has. @default all of them */
  readonly performanceTables?: readonly string[];
}

/**
 * Every grant the app user should hold, and nothing else: the bootstrap revokes whatever else it finds. Database
 * names are written as Oracle's AutoML page writes them (no `\_` escapes), so `_` in a name is a one-character
 * wildcard in MySQL's database-level grants; the names are ours, so the extra names it could match are not used.
 */
export function appGrants(options: AppGrantOptions): Grant[] {
  const schema = `${quoteIdentifier(options.schema)}.*`;
  if (!options.autoMl) return [{ target: schema, privileges: [...APP_SCHEMA_PRIVILEGES] }];
  const tables = options.performanceTables ?? AUTOML_PERFORMANCE_TABLES;
  return [
    { target: schema, privileges: [...APP_SCHEMA_PRIVILEGES, ...AUTOML_SCHEMA_PRIVILEGES] },
    {
      target: `${quoteIdentifier(modelCatalogSchema(options.user))}.*`,
      privileges: [...AUTOML_CATALOG_PRIVILEGES],
    },
    { target: `${quoteIdentifier('sys')}.*`, privileges: [...AUTOML_SYS_PRIVILEGES] },
    ...AUTOML_PERFORMANCE_TABLES.filter((t) => tables.includes(t)).map((t) => ({
      target: `${quoteIdentifier('performance_schema')}.${quoteIdentifier(t)}`,
      privileges: ['SELECT'],
    })),
  ];
}
