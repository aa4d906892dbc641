import { UpstreamError } from '@lakehouse/runtime';
import { compareMysqlVersions, parseMysqlVersion, type MysqlVersion } from './mysql-version.js';

/**
 * The MySQL HeatWave version gates: every SQL form the workloads emit for HeatWave (and the platform facts the
 * environments rely on), with the first release that accepts it and the page that says so. The apps' SQL builders
 * take the server's version and refuse a form the version lacks; infra checks each environment's pinned
 * `database.mysqlVersion` against the same table, so a pin below what the code needs fails at synth time and in
 * CI, not in the first cloud run.
 */

/**
 * The oldest release the project targets (8.4 LTS, heatwave-reference.md section C). A form whose first release
 * no official page states gets this as its minimum, with `unconfirmed` saying so: the gate then refuses only
 * servers older than anything the project was written for.
 */
export const HEATWAVE_BASELINE_VERSION = '8.4.0';

/** One row of the version table. */
export interface HeatWaveFeatureFact {
  /** The SQL form as the code emits it (or the platform fact an environment relies on). */
  readonly form: string;
  /** First MySQL HeatWave release that accepts it. */
  readonly minVersion: string;
  /** The page that documents the form, or its first release. */
  readonly docUrl: string;
  /** Which code emits it; `not emitted` for forms listed only to compare. */
  readonly emittedBy: string;
  /** Set when the minimum (or the fact) is not confirmed by an official page: what is uncertain. */
  readonly unconfirmed?: string;
}

const HW = 'https://dev.mysql.com/doc/heatwave/en/';
const RELNOTES = 'https://dev.mysql.com/doc/relnotes/heatwave/en/';
const OCI = 'https://docs.oracle.com/en-us/iaas/mysql-database/doc/';
const FIRST_RELEASE_UNKNOWN =
  'the release that introduced it is not stated; the minimum is the project baseline (8.4.0), where it is documented';

/**
 * Every SQL form the code emits for HeatWave, with its minimum version. Keep it in step with the builders: each
 * builder names the features it emits ({@link HEATWAVE_FEATURE_SETS}) and asserts them against the server.
 */
export const HEATWAVE_FEATURES = {
  rapidClusterStatus: {
    form: "SHOW GLOBAL STATUS LIKE 'rapid_cluster_status'",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}heatwave-status-variables.html`,
    emittedBy: 'libs/sql detectServer',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  secondaryEngineRapid: {
    form: 'ALTER TABLE db.t SECONDARY_ENGINE = RAPID; ALTER TABLE db.t SECONDARY_LOAD (and /*!80013 SECONDARY_ENGINE=RAPID */ in CREATE TABLE)',
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hw-defining-secondary-engine.html`,
    emittedBy:
      'apps/bulk-load heatwave load (HEATWAVE_LOAD_MODE=tables), libs/sql table DDL, tools heatwave reload',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  notSecondaryColumn: {
    form: 'column ... /*!80023 NOT SECONDARY */',
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hw-exclude-table-columns.html`,
    emittedBy: 'libs/sql table DDL',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  rpdTablesStatus: {
    form: 'SELECT SCHEMA_NAME, TABLE_NAME, LOAD_STATUS, LOAD_PROGRESS, LOAD_TYPE FROM performance_schema.rpd_tables NATURAL JOIN performance_schema.rpd_table_id',
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hw-rpd-tables-table.html`,
    emittedBy: 'apps/bulk-load heatwave load, tools heatwave status',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  heatwaveLoadInputList: {
    form: `CALL sys.heatwave_load(CAST('[{"db_name":"db","tables":["t"]}]' AS JSON), options): the two-argument form with an input_list of db objects`,
    minVersion: '8.4.0',
    docUrl: `${HW}mys-hw-auto-parallel-load-syntax.html`,
    emittedBy: 'apps/bulk-load heatwave load (HEATWAVE_LOAD_MODE=auto)',
  },
  heatwaveLoadModeOption: {
    form: "sys.heatwave_load option 'mode' ('normal' | 'dryrun')",
    minVersion: '8.4.0',
    docUrl: `${HW}mys-hw-auto-parallel-load-syntax.html`,
    emittedBy: 'apps/bulk-load heatwave load (HEATWAVE_LOAD_MODE=auto)',
  },
  heatwaveLoadOutputOption: {
    form: "sys.heatwave_load option 'output' ('normal')",
    minVersion: '8.4.0',
    docUrl: `${HW}mys-hw-auto-parallel-load-syntax.html`,
    emittedBy: 'apps/bulk-load heatwave load (HEATWAVE_LOAD_MODE=auto)',
  },
  lakehouseTable: {
    form: `CREATE TABLE db.t (...) ENGINE=lakehouse SECONDARY_ENGINE=RAPID ENGINE_ATTRIBUTE='{"file":[...],"dialect":{...}}', then ALTER TABLE db.t SECONDARY_LOAD`,
    minVersion: '8.0.33-u3',
    docUrl: `${RELNOTES}news-8-0-33-u3.html`,
    emittedBy: 'apps/bulk-load heatwave load (with HEATWAVE_SILVER_URI and Lakehouse enabled)',
  },
  lakehouseFileBucket: {
    form: 'file entry {"bucket","namespace","region","prefix"} (resource principal)',
    minVersion: '8.0.33-u3',
    docUrl: `${HW}mys-hw-lakehouse-resource-principal.html`,
    emittedBy: 'apps/bulk-load heatwave load, below 9.3.1 or with HEATWAVE_LAKEHOUSE_FILE_FORM=bucket',
    unconfirmed:
      'documented for current releases; taken to be as old as Lakehouse itself (8.0.33-u3), not stated on a page',
  },
  lakehouseFileUri: {
    form: 'file entry {"uri":"oci://bucket@namespace/prefix/"} (HeatWave on OCI only)',
    minVersion: '9.3.1',
    docUrl: `${HW}mys-hw-lakehouse-loading-data-uri.html`,
    emittedBy: 'apps/bulk-load heatwave load, from 9.3.1 or with HEATWAVE_LAKEHOUSE_FILE_FORM=uri',
  },
  lakehouseFilePar: {
    form: 'file entry {"par":"https://objectstorage.<region>.oraclecloud.com/p/..."} (pre-authenticated request)',
    minVersion: '8.0.33-u3',
    docUrl: `${HW}mys-hw-lakehouse-table-syntax-json.html`,
    emittedBy: 'not emitted (the third file entry form, listed to compare)',
    unconfirmed: 'taken to be as old as Lakehouse itself (8.0.33-u3), not stated on a page',
  },
  lakehouseDialectCsv: {
    form: 'dialect {"format":"csv","field_delimiter":",","record_delimiter":"\\n","has_header":true,"skip_rows":0}',
    minVersion: '8.0.33-u3',
    docUrl: `${HW}mys-hw-lakehouse-table-syntax-json.html`,
    emittedBy: 'apps/bulk-load heatwave load',
    unconfirmed:
      'CSV is in the first Lakehouse release; that has_header and skip_rows are as old is not stated (the delimiters changed defaults in 9.2.0, hence spelled out)',
  },
  lakehouseDialectParquet: {
    form: 'dialect {"format":"parquet"}',
    minVersion: '8.0.33-u3',
    docUrl: `${RELNOTES}news-8-0-33-u3.html`,
    emittedBy: 'apps/bulk-load heatwave load',
  },
  lakehousePrimaryKey: {
    form: 'PRIMARY KEY (asset_id, hour_start) declared on a Lakehouse table (not validated unless dialect check_constraints)',
    minVersion: '8.4.0',
    docUrl: `${RELNOTES}news-8-4-0.html`,
    emittedBy: 'apps/bulk-load heatwave load',
    unconfirmed:
      'whether a key could be declared before 8.4.0, and whether a highly available DB system rejects a Lakehouse table without one (it rejects InnoDB tables without one)',
  },
  lakehouseOn32GbShape: {
    form: 'Lakehouse on a HeatWave.32GB cluster (platform fact, not SQL)',
    minVersion: '8.4.0-u3',
    docUrl: `${HW}mys-hw-lakehouse-prereqs.html`,
    emittedBy: 'infra environments with heatWave.shapeName HeatWave.32GB and Lakehouse enabled',
    unconfirmed:
      'the HeatWave prerequisites page says 8.4.0, the OCI HeatWave cluster overview says 8.4.0-u3; the later one is used',
  },
  lakehouseWithHighAvailability: {
    form: 'Lakehouse on a highly available DB system (platform fact, not SQL)',
    minVersion: '8.3.0-u2',
    docUrl: `${OCI}overview-heatwave.html`,
    emittedBy: 'infra environments with isHighlyAvailable and Lakehouse enabled',
  },
  mlTrain: {
    form: "CALL sys.ML_TRAIN('db.t', 'machine_failure', JSON_OBJECT('task', 'classification', 'optimization_metric', 'balanced_accuracy', ...), @handle)",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-train.html`,
    emittedBy: 'apps/ml-train train (HeatWave AutoML)',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  mlTrainNamedHandle: {
    form: "SET @handle = 'name' before ML_TRAIN (a model handle chosen by the caller)",
    minVersion: '8.0.31',
    docUrl: `${RELNOTES}news-8-0-31.html`,
    emittedBy: 'apps/ml-train train (HeatWave AutoML)',
  },
  mlTrainNotes: {
    form: "ML_TRAIN option 'notes'",
    minVersion: '8.0.31',
    docUrl: `${RELNOTES}news-8-0-31.html`,
    emittedBy: 'apps/ml-train train (HeatWave AutoML)',
    unconfirmed:
      'the 8.0.31 notes name the MODEL_CATALOG notes column; the ML_TRAIN option is taken to be as old',
  },
  mlTrainModelList: {
    form: "ML_TRAIN option 'model_list', JSON_ARRAY(...)",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-train.html`,
    emittedBy: 'apps/ml-train AutoML builders (only when a model list is given)',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  mlTrainExcludeColumnList: {
    form: "ML_TRAIN option 'exclude_column_list', JSON_ARRAY('automl_row_id')",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-train.html`,
    emittedBy: 'apps/ml-train train (HeatWave AutoML): keeps the primary key column out of the features',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  mlModelLoad: {
    form: 'CALL sys.ML_MODEL_LOAD(@handle, NULL)',
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-model-load.html`,
    emittedBy: 'apps/ml-train train and score --in-database',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  mlScore: {
    form: "CALL sys.ML_SCORE('db.t', 'machine_failure', @handle, 'balanced_accuracy', @score, NULL) (six arguments, with options)",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-score.html`,
    emittedBy: 'apps/ml-train train (HeatWave AutoML)',
    unconfirmed: `${FIRST_RELEASE_UNKNOWN}; metric names other than accuracy and balanced_accuracy are unconfirmed too`,
  },
  mlExplain: {
    form: "CALL sys.ML_EXPLAIN('db.t', 'machine_failure', @handle, JSON_OBJECT('model_explainer', 'permutation_importance', 'prediction_explainer', 'permutation_importance'))",
    minVersion: '8.0.31',
    docUrl: `${RELNOTES}news-8-0-31.html`,
    emittedBy: 'apps/ml-train train (HeatWave AutoML)',
  },
  mlPredictTable: {
    form: "CALL sys.ML_PREDICT_TABLE('db.in', @handle, 'db.out', NULL) (with the options argument)",
    minVersion: '8.0.32',
    docUrl: `${RELNOTES}news-8-0-32.html`,
    emittedBy: 'apps/ml-train score --in-database',
  },
  mlPredictExtraColumns: {
    form: 'input columns the model was not trained on (asset_id, recorded_at) passed through to the output',
    minVersion: '8.0.32',
    docUrl: `${RELNOTES}news-8-0-32.html`,
    emittedBy: 'apps/ml-train score --in-database',
  },
  mlResultsColumn: {
    form: 'the ml_results JSON column of ML_PREDICT_TABLE output (read with JSON_EXTRACT)',
    minVersion: '8.0.32',
    docUrl: `${RELNOTES}news-8-0-32.html`,
    emittedBy: 'apps/ml-train score --in-database',
  },
  mlPredictTableOutputKey: {
    form: "ML_PREDICT_TABLE output keeps the input table's primary key (asset_id, recorded_at)",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-predict-table.html`,
    emittedBy: 'apps/ml-train score --in-database',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
  mlPredictRow: {
    form: 'SELECT sys.ML_PREDICT_ROW(JSON_OBJECT(...), handle, NULL) (with the options argument)',
    minVersion: '8.0.32',
    docUrl: `${RELNOTES}news-8-0-32.html`,
    emittedBy: 'apps/ml-train AutoML builders (one reading)',
  },
  mlExplainRow: {
    form: "SELECT sys.ML_EXPLAIN_ROW(JSON_OBJECT(...), handle, JSON_OBJECT('prediction_explainer', 'permutation_importance'))",
    minVersion: HEATWAVE_BASELINE_VERSION,
    docUrl: `${HW}mys-hwaml-ml-explain-row.html`,
    emittedBy: 'apps/ml-train AutoML builders (one reading)',
    unconfirmed: FIRST_RELEASE_UNKNOWN,
  },
} as const satisfies Record<string, HeatWaveFeatureFact>;

/** A row of {@link HEATWAVE_FEATURES}. */
export type HeatWaveFeature = keyof typeof HEATWAVE_FEATURES;

/**
 * Which features each piece of the code emits, every time it runs (the Lakehouse file entry form is chosen by
 * version, see {@link lakehouseFileForm}). The builders assert these lists; infra checks the environments'
 * pinned versions against them.
 */
export const HEATWAVE_FEATURE_SETS = {
  /** libs/sql, on every environment: the RAPID clauses of the table DDL and detectServer's probe. */
  schemaAndProbe: ['secondaryEngineRapid', 'notSecondaryColumn', 'rapidClusterStatus'],
  /** bulk-load `heatwave load`, either mode: the load status at the end. */
  heatwaveLoadStatus: ['rpdTablesStatus'],
  /** bulk-load `heatwave load` with HEATWAVE_LOAD_MODE=auto (the default). */
  autoParallelLoad: ['heatwaveLoadInputList', 'heatwaveLoadModeOption', 'heatwaveLoadOutputOption'],
  /** bulk-load `heatwave load` with HEATWAVE_LOAD_MODE=tables. */
  perTableLoad: ['secondaryEngineRapid'],
  /** bulk-load's Lakehouse tables over the silver files, besides the file entry form. */
  lakehouseTables: [
    'lakehouseTable',
    'lakehousePrimaryKey',
    'lakehouseDialectParquet',
    'lakehouseDialectCsv',
  ],
  /** ml-train `train` on HeatWave: training table, ML_TRAIN, load, score, explain. */
  automlTraining: [
    'mlTrain',
    'mlTrainNamedHandle',
    'mlTrainNotes',
    'mlTrainExcludeColumnList',
    'mlModelLoad',
    'mlScore',
    'mlExplain',
  ],
  /** ml-train `score --in-database`. */
  automlBatchScoring: [
    'mlModelLoad',
    'mlPredictTable',
    'mlPredictExtraColumns',
    'mlResultsColumn',
    'mlPredictTableOutputKey',
  ],
} as const satisfies Record<string, readonly HeatWaveFeature[]>;

const asVersion = (version: MysqlVersion | string): MysqlVersion =>
  typeof version === 'string' ? parseMysqlVersion(version) : version;

/** Whether a server of `version` accepts `feature`. */
export function supports(feature: HeatWaveFeature, version: MysqlVersion | string): boolean {
  const minimum = parseMysqlVersion(HEATWAVE_FEATURES[feature].minVersion);
  return compareMysqlVersions(asVersion(version), minimum) >= 0;
}

/** The features of `features` that `version` lacks, each once, in the given order. */
export function missingFeatures(
  features: readonly HeatWaveFeature[],
  version: MysqlVersion | string,
): HeatWaveFeature[] {
  const parsed = asVersion(version);
  return [...new Set(features)].filter((f) => !supports(f, parsed));
}

/** `<form> needs <minimum> (<page>)`, for error messages and reports. */
export function describeFeature(feature: HeatWaveFeature): string {
  const fact: HeatWaveFeatureFact = HEATWAVE_FEATURES[feature];
  return `${feature} [${fact.form}] needs MySQL ${fact.minVersion} (${fact.docUrl})${fact.unconfirmed === undefined ? '' : '; minimum UNCONFIRMED'}`;
}

/**
 * Throws HEATWAVE_VERSION_UNSUPPORTED naming every feature of `features` that `version` lacks, before any SQL
 * is sent; `what` says which step needed them.
 */
export function assertHeatWaveFeatures(
  features: readonly HeatWaveFeature[],
  version: MysqlVersion | string,
  what: string,
): void {
  const parsed = asVersion(version);
  const missing = missingFeatures(features, parsed);
  if (missing.length === 0) return;
  throw new UpstreamError(
    'HEATWAVE_VERSION_UNSUPPORTED',
    `${what} needs what MySQL ${parsed.text} lacks: ${missing.map(describeFeature).join('; ')}`,
    { context: { version: parsed.text, missing } },
  );
}

/** How a Lakehouse `file` entry names its Object Storage location. */
export const LAKEHOUSE_FILE_FORMS = ['uri', 'bucket'] as const;

/** `uri` = `{"uri": "oci://bucket@namespace/prefix/"}`; `bucket` = `{"bucket","namespace","region","prefix"}`. */
export type LakehouseFileForm = (typeof LAKEHOUSE_FILE_FORMS)[number];

/** The feature row of each file entry form. */
export const LAKEHOUSE_FILE_FORM_FEATURES: Readonly<Record<LakehouseFileForm, HeatWaveFeature>> = {
  uri: 'lakehouseFileUri',
  bucket: 'lakehouseFileBucket',
};

/**
 * The file entry form for a server: `uri` from 9.3.1, else `bucket` (which needs the bucket's region). An
 * explicit choice wins over the version, because the 9.3.1 boundary comes from the docs, not from a run in a
 * tenancy. @default override 'auto'
 */
export function lakehouseFileForm(
  version: MysqlVersion | string,
  override: LakehouseFileForm | 'auto' = 'auto',
): LakehouseFileForm {
  if (override !== 'auto') return override;
  return supports(LAKEHOUSE_FILE_FORM_FEATURES.uri, version) ? 'uri' : 'bucket';
}
