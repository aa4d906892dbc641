import { assertHeatWaveFeatures, type HeatWaveFeature, type MysqlVersion } from '@lakehouse/contracts';
import { MEASURES, OVERSTRAIN_LIMITS_MIN_NM, deriveFeatures, type Reading } from '@lakehouse/domain';
import { READING_COLUMN_FIELDS, quoteIdentifier } from '@lakehouse/sql';

const C = READING_COLUMN_FIELDS;

/**
 * SQL of the HeatWave AutoML path (../shared/heatwave-reference.md, section C). Pure text and parameters, so the
 * statements are unit-tested here; they can only run on a HeatWave DB system with a running cluster (MariaDB and
 * plain MySQL have no `sys.ML_*` routines). Every builder of HeatWave SQL takes the server's version and refuses,
 * before any SQL is sent, a form that version lacks (the version table of @lakehouse/contracts).
 */
export interface SqlStatement {
  readonly sql: string;
  readonly values: readonly unknown[];
}

/** Label column of the AutoML training table. */
export const AUTOML_TARGET_COLUMN = C.machineFailure;

/**
 * Primary key of the AutoML training table. A highly available DB system (Group Replication) refuses a table
 * without one, `CREATE TABLE ... AS SELECT` included; ML_TRAIN is told to leave it out of the features, where a
 * row number would only teach the model the order rows were copied in.
 */
export const AUTOML_ROW_ID_COLUMN = 'automl_row_id';

/** Session variable that carries the model handle between the CALLs of one connection. */
export const MODEL_VARIABLE = '@lakehouse_model';

const IDENTIFIER = /^[A-Za-z0-9_]{1,64}$/;

function qualified(schema: string, table: string): string {
  for (const name of [schema, table]) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`not a plain identifier: ${JSON.stringify(name)}`);
  }
  // ML_* routines take the table as a 'schema.table' string, not as an identifier.
  return `${schema}.${table}`;
}

/** The same physical features the in-process model uses, computed in SQL from the readings table. */
const FEATURE_SELECT = `${C.assetType},
       ${MEASURES.map((m) => C[m]).join(', ')},
       ${C.powerW}, ${C.temperatureDifferenceK},
       ${C.overstrainMinNm} / CASE ${C.assetType} WHEN 'L' THEN ${String(OVERSTRAIN_LIMITS_MIN_NM.L)} WHEN 'M' THEN ${String(OVERSTRAIN_LIMITS_MIN_NM.M)} ELSE ${String(OVERSTRAIN_LIMITS_MIN_NM.H)} END AS overstrain_ratio`;

/**
 * (Re)creates the training table from the labelled readings: physical features and the label only, no ids or
 * instants, so AutoML cannot learn artefacts of how the data was collected; plus the {@link AUTOML_ROW_ID_COLUMN}
 * key that Group Replication needs, which {@link trainSql} excludes from the features. Plain SQL: MariaDB runs it
 * too.
 */
export function createTrainingTableSql(schema: string, table: string): readonly SqlStatement[] {
  qualified(schema, table);
  const target = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  return [
    { sql: `DROP TABLE IF EXISTS ${target}`, values: [] },
    {
      sql: `CREATE TABLE ${target} (${quoteIdentifier(AUTOML_ROW_ID_COLUMN)} BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY) AS
SELECT ${FEATURE_SELECT},
       ${AUTOML_TARGET_COLUMN}
  FROM ${quoteIdentifier(schema)}.readings
 WHERE ${AUTOML_TARGET_COLUMN} IS NOT NULL`,
      values: [],
    },
  ];
}

/** Options of {@link trainSql}. */
export interface AutoMlTrainOptions {
  /** Handle to give the model (8.0.31+). */
  readonly handle: string;
  /** AutoML metric to optimise. Seen in Oracle's examples: balanced_accuracy. @default 'balanced_accuracy' */
  readonly optimizationMetric?: string;
  /** Restrict AutoML's algorithm search. @default all classifiers */
  readonly modelList?: readonly string[];
  readonly notes?: string;
  /** Label column of the training table. @default AUTOML_TARGET_COLUMN (machine_failure) */
  readonly target?: string;
}

/**
 * `SET @model = handle; CALL sys.ML_TRAIN(...)`: trains a classifier of machine_failure in HeatWave, leaving the
 * training table's key column out of the features.
 */
export function trainSql(
  version: MysqlVersion,
  schema: string,
  table: string,
  options: AutoMlTrainOptions,
): readonly SqlStatement[] {
  if (!/^[A-Za-z0-9_.-]{1,255}$/.test(options.handle))
    throw new RangeError(`bad model handle ${JSON.stringify(options.handle)}`);
  const features: HeatWaveFeature[] = ['mlTrain', 'mlTrainNamedHandle', 'mlTrainExcludeColumnList'];
  const json: string[] = ["'task', 'classification'", "'optimization_metric', ?"];
  const values: unknown[] = [
    qualified(schema, table),
    options.target ?? AUTOML_TARGET_COLUMN,
    options.optimizationMetric ?? 'balanced_accuracy',
  ];
  if (options.modelList !== undefined && options.modelList.length > 0) {
    json.push(`'model_list', JSON_ARRAY(${options.modelList.map(() => '?').join(', ')})`);
    values.push(...options.modelList);
    features.push('mlTrainModelList');
  }
  json.push("'exclude_column_list', JSON_ARRAY(?)");
  values.push(AUTOML_ROW_ID_COLUMN);
  if (options.notes !== undefined) {
    json.push("'notes', ?");
    values.push(options.notes);
    features.push('mlTrainNotes');
  }
  assertHeatWaveFeatures(features, version, 'sys.ML_TRAIN');
  return [
    { sql: `SET ${MODEL_VARIABLE} = ?`, values: [options.handle] },
    { sql: `CALL sys.ML_TRAIN(?, ?, JSON_OBJECT(${json.join(', ')}), ${MODEL_VARIABLE})`, values },
    { sql: `SELECT ${MODEL_VARIABLE} AS handle`, values: [] },
  ];
}

/** Loads a trained model into the HeatWave cluster; needed before predict, score and explain. */
export function modelLoadSql(version: MysqlVersion, handle: string): readonly SqlStatement[] {
  assertHeatWaveFeatures(['mlModelLoad'], version, 'sys.ML_MODEL_LOAD');
  return [
    { sql: `SET ${MODEL_VARIABLE} = ?`, values: [handle] },
    { sql: `CALL sys.ML_MODEL_LOAD(${MODEL_VARIABLE}, NULL)`, values: [] },
  ];
}

/** Scores a labelled table with `metric` (sklearn-style names other than accuracy/balanced_accuracy UNCONFIRMED). */
export function scoreSql(
  version: MysqlVersion,
  schema: string,
  table: string,
  handle: string,
  metric = 'balanced_accuracy',
  target = AUTOML_TARGET_COLUMN,
): readonly SqlStatement[] {
  assertHeatWaveFeatures(['mlScore'], version, 'sys.ML_SCORE');
  return [
    { sql: `SET ${MODEL_VARIABLE} = ?`, values: [handle] },
    {
      sql: `CALL sys.ML_SCORE(?, ?, ${MODEL_VARIABLE}, ?, @lakehouse_score, NULL)`,
      values: [qualified(schema, table), target, metric],
    },
    { sql: 'SELECT @lakehouse_score AS score', values: [] },
  ];
}

/** Model-level explanation (permutation importance), stored by HeatWave in the model catalog. */
export function explainSql(
  version: MysqlVersion,
  schema: string,
  table: string,
  handle: string,
): readonly SqlStatement[] {
  assertHeatWaveFeatures(['mlExplain'], version, 'sys.ML_EXPLAIN');
  return [
    { sql: `SET ${MODEL_VARIABLE} = ?`, values: [handle] },
    {
      sql: `CALL sys.ML_EXPLAIN(?, ?, ${MODEL_VARIABLE}, JSON_OBJECT('model_explainer', 'permutation_importance', 'prediction_explainer', 'permutation_importance'))`,
      values: [qualified(schema, table), AUTOML_TARGET_COLUMN],
    },
  ];
}

/**
 * Scores a whole table in the database into `outputTable` (input columns + `Prediction` + `ml_results`, keyed like
 * the input table, which Group Replication needs). Before 9.4.1 the output table must not exist, so it is dropped
 * first.
 */
export function predictTableSql(
  version: MysqlVersion,
  schema: string,
  inputTable: string,
  outputTable: string,
  handle: string,
): readonly SqlStatement[] {
  assertHeatWaveFeatures(['mlPredictTable', 'mlPredictTableOutputKey'], version, 'sys.ML_PREDICT_TABLE');
  const output = qualified(schema, outputTable);
  return [
    { sql: `DROP TABLE IF EXISTS ${quoteIdentifier(schema)}.${quoteIdentifier(outputTable)}`, values: [] },
    { sql: `SET ${MODEL_VARIABLE} = ?`, values: [handle] },
    {
      sql: `CALL sys.ML_PREDICT_TABLE(?, ${MODEL_VARIABLE}, ?, NULL)`,
      values: [qualified(schema, inputTable), output],
    },
  ];
}

/** The JSON_OBJECT argument naming one reading's features exactly as in the training table. */
function readingJson(reading: Reading): { readonly sql: string; readonly values: readonly unknown[] } {
  const physics = deriveFeatures(reading);
  const pairs: [string, unknown][] = [
    [C.assetType, reading.assetType],
    ...MEASURES.map((m): [string, unknown] => [C[m], reading[m]]),
    [C.powerW, physics.powerW],
    [C.temperatureDifferenceK, physics.temperatureDifferenceK],
    ['overstrain_ratio', physics.overstrainRatio],
  ];
  return {
    sql: `JSON_OBJECT(${pairs.map(() => '?, ?').join(', ')})`,
    values: pairs.flatMap(([k, v]) => [k, v]),
  };
}

/** Scores one reading in the database; the result's `Prediction` key holds the label (0/1). */
export function predictRowSql(version: MysqlVersion, reading: Reading, handle: string): SqlStatement {
  assertHeatWaveFeatures(['mlPredictRow'], version, 'sys.ML_PREDICT_ROW');
  const row = readingJson(reading);
  return {
    sql: `SELECT sys.ML_PREDICT_ROW(${row.sql}, ?, NULL) AS prediction`,
    values: [...row.values, handle],
  };
}

/** Explains one reading in the database; the result adds `<feature>_attribution` keys. */
export function explainRowSql(version: MysqlVersion, reading: Reading, handle: string): SqlStatement {
  assertHeatWaveFeatures(['mlExplainRow'], version, 'sys.ML_EXPLAIN_ROW');
  const row = readingJson(reading);
  return {
    sql: `SELECT sys.ML_EXPLAIN_ROW(${row.sql}, ?, JSON_OBJECT('prediction_explainer', 'permutation_importance')) AS explanation`,
    values: [...row.values, handle],
  };
}

/**
 * JSON path of the failure-class probability inside `ml_results`. The key layout is UNCONFIRMED
 * (heatwave-reference.md, section C): when the path finds nothing the 0/1 `Prediction` is stored instead.
 */
export const DEFAULT_PROBABILITY_PATH = '$.probabilities."1"';

/**
 * The readings to score in the database: their key (passed through by ML_PREDICT_TABLE, 8.0.32+, and the key of
 * its output table) and the features. Plain SQL.
 */
export function createScoringInputSql(schema: string, table: string): readonly SqlStatement[] {
  qualified(schema, table);
  const target = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  return [
    { sql: `DROP TABLE IF EXISTS ${target}`, values: [] },
    {
      sql: `CREATE TABLE ${target} (PRIMARY KEY (asset_id, recorded_at)) AS
SELECT asset_id, recorded_at,
       ${FEATURE_SELECT}
  FROM ${quoteIdentifier(schema)}.readings`,
      values: [],
    },
  ];
}

/** Copies ML_PREDICT_TABLE's output into `predictions` for registry model `modelId` (replacing earlier rows). */
export function insertPredictionsFromOutputSql(
  version: MysqlVersion,
  schema: string,
  outputTable: string,
  modelId: number,
  probabilityPath = DEFAULT_PROBABILITY_PATH,
): SqlStatement {
  qualified(schema, outputTable);
  assertHeatWaveFeatures(
    ['mlResultsColumn', 'mlPredictExtraColumns'],
    version,
    'reading the ML_PREDICT_TABLE output',
  );
  if (!Number.isSafeInteger(modelId) || modelId < 1) throw new RangeError(`bad model id ${String(modelId)}`);
  const probability = `LEAST(1, GREATEST(0, COALESCE(CAST(JSON_UNQUOTE(JSON_EXTRACT(o.ml_results, ?)) AS DOUBLE), o.Prediction)))`;
  return {
    sql: `INSERT INTO ${quoteIdentifier(schema)}.predictions
  (asset_id, recorded_at, model_id, failure_probability, predicted_failure, predicted_modes, explanation)
SELECT o.asset_id, o.recorded_at, ?, ${probability}, o.Prediction, NULL,
       JSON_OBJECT('source', 'heatwave-automl', 'ml_results', o.ml_results)
  FROM ${quoteIdentifier(schema)}.${quoteIdentifier(outputTable)} o
ON DUPLICATE KEY UPDATE failure_probability = VALUES(failure_probability), predicted_failure = VALUES(predicted_failure),
  predicted_modes = NULL, explanation = VALUES(explanation), scored_at = UTC_TIMESTAMP(3)`,
    values: [modelId, probabilityPath],
  };
}
