import { HEATWAVE_FEATURE_SETS, parseMysqlVersion } from '@lakehouse/contracts';
import type { Reading } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import {
  AUTOML_ROW_ID_COLUMN,
  createScoringInputSql,
  createTrainingTableSql,
  DEFAULT_PROBABILITY_PATH,
  insertPredictionsFromOutputSql,
  explainRowSql,
  explainSql,
  modelLoadSql,
  predictRowSql,
  predictTableSql,
  scoreSql,
  trainSql,
} from './automl-sql.js';

const reading: Reading = {
  recordedAt: 0,
  assetId: 'M1',
  assetType: 'H',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 100,
};

/** The version infra pins (poc and prod). */
const v844 = parseMysqlVersion('8.4.4-cloud');

/** The `missing` list of the HEATWAVE_VERSION_UNSUPPORTED error a builder throws, or [] when it does not. */
function missingOn(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (err: unknown) {
    return (err as { context?: { missing?: string[] } }).context?.missing ?? [];
  }
  return [];
}

describe('HeatWave AutoML SQL', () => {
  it('builds the training table from physical features and the label only', () => {
    const [drop, create] = createTrainingTableSql('lakehouse', 'ml_training_features');
    expect(drop!.sql).toBe('DROP TABLE IF EXISTS `lakehouse`.`ml_training_features`');
    expect(create!.sql).toContain(
      "overstrain_min_nm / CASE asset_type WHEN 'L' THEN 11000 WHEN 'M' THEN 12000 ELSE 13000 END AS overstrain_ratio",
    );
    expect(create!.sql).toContain('WHERE machine_failure IS NOT NULL');
    // Identity and time columns never reach AutoML.
    expect(create!.sql).not.toMatch(/asset_id|recorded_at|twf|model_id/);
  });

  it('gives the training table a primary key, which a highly available DB system (Group Replication) requires', () => {
    const [, create] = createTrainingTableSql('lakehouse', 'ml_training_features');
    expect(create!.sql).toMatch(
      /^CREATE TABLE `lakehouse`\.`ml_training_features` \(`automl_row_id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY\) AS\nSELECT /,
    );
  });

  it('keeps the training table key out of the AutoML features', () => {
    const [, call] = trainSql(v844, 'lakehouse', 'ml_training_features', { handle: 'h' });
    expect(call!.sql).toContain("'exclude_column_list', JSON_ARRAY(?)");
    expect(call!.values).toContain(AUTOML_ROW_ID_COLUMN);
  });

  it('calls sys.ML_TRAIN for a classification of machine_failure with a named handle', () => {
    const [set, call, select] = trainSql(v844, 'lakehouse', 'ml_training_features', {
      handle: 'machine-failure_1',
      modelList: ['LGBMClassifier'],
      notes: 'n',
    });
    expect(set).toEqual({ sql: 'SET @lakehouse_model = ?', values: ['machine-failure_1'] });
    expect(call!.sql).toBe(
      "CALL sys.ML_TRAIN(?, ?, JSON_OBJECT('task', 'classification', 'optimization_metric', ?, 'model_list', JSON_ARRAY(?), 'exclude_column_list', JSON_ARRAY(?), 'notes', ?), @lakehouse_model)",
    );
    expect(call!.values).toEqual([
      'lakehouse.ml_training_features',
      'machine_failure',
      'balanced_accuracy',
      'LGBMClassifier',
      'automl_row_id',
      'n',
    ]);
    expect(select!.sql).toBe('SELECT @lakehouse_model AS handle');
  });

  it('loads, scores and explains with the handle in a session variable', () => {
    expect(modelLoadSql(v844, 'h').map((s) => s.sql)).toEqual([
      'SET @lakehouse_model = ?',
      'CALL sys.ML_MODEL_LOAD(@lakehouse_model, NULL)',
    ]);
    const score = scoreSql(v844, 'lakehouse', 'ml_training_features', 'h');
    expect(score[1]).toEqual({
      sql: 'CALL sys.ML_SCORE(?, ?, @lakehouse_model, ?, @lakehouse_score, NULL)',
      values: ['lakehouse.ml_training_features', 'machine_failure', 'balanced_accuracy'],
    });
    expect(score[2]!.sql).toBe('SELECT @lakehouse_score AS score');
    expect(explainSql(v844, 'lakehouse', 't', 'h')[1]!.sql).toBe(
      "CALL sys.ML_EXPLAIN(?, ?, @lakehouse_model, JSON_OBJECT('model_explainer', 'permutation_importance', 'prediction_explainer', 'permutation_importance'))",
    );
  });

  it('predicts a table into a fresh output table', () => {
    const [drop, , call] = predictTableSql(v844, 'lakehouse', 'score_input', 'score_output', 'h');
    expect(drop!.sql).toBe('DROP TABLE IF EXISTS `lakehouse`.`score_output`');
    expect(call).toEqual({
      sql: 'CALL sys.ML_PREDICT_TABLE(?, @lakehouse_model, ?, NULL)',
      values: ['lakehouse.score_input', 'lakehouse.score_output'],
    });
  });

  it('predicts and explains one reading with the training table column names', () => {
    const row = predictRowSql(v844, reading, 'h');
    expect(row.sql).toBe(
      `SELECT sys.ML_PREDICT_ROW(JSON_OBJECT(${Array(9).fill('?, ?').join(', ')}), ?, NULL) AS prediction`,
    );
    expect(row.values.filter((_, i) => i % 2 === 0 && i < 18)).toEqual([
      'asset_type',
      'air_temperature_k',
      'process_temperature_k',
      'rotational_speed_rpm',
      'torque_nm',
      'tool_wear_min',
      'power_w',
      'temperature_difference_k',
      'overstrain_ratio',
    ]);
    expect(row.values[17]).toBeCloseTo(4000 / 13000, 12);
    expect(row.values.at(-1)).toBe('h');
    expect(explainRowSql(v844, reading, 'h').sql).toContain('sys.ML_EXPLAIN_ROW(JSON_OBJECT(');
  });

  it('builds the scoring input with the reading key passed through and the same features', () => {
    const [, create] = createScoringInputSql('lakehouse', 'ml_score_input');
    expect(create!.sql).toContain(
      'CREATE TABLE `lakehouse`.`ml_score_input` (PRIMARY KEY (asset_id, recorded_at)) AS',
    );
    expect(create!.sql).toContain('SELECT asset_id, recorded_at,');
    expect(create!.sql).toContain('AS overstrain_ratio');
    expect(create!.sql).not.toContain('machine_failure');
  });

  it('copies ML_PREDICT_TABLE output into predictions, falling back to the 0/1 label without a probability', () => {
    const insert = insertPredictionsFromOutputSql(v844, 'lakehouse', 'ml_score_output', 12);
    expect(insert.sql).toContain('INSERT INTO `lakehouse`.predictions');
    expect(insert.sql).toContain(
      'COALESCE(CAST(JSON_UNQUOTE(JSON_EXTRACT(o.ml_results, ?)) AS DOUBLE), o.Prediction)',
    );
    expect(insert.sql).toContain('FROM `lakehouse`.`ml_score_output` o');
    expect(insert.sql).toContain('ON DUPLICATE KEY UPDATE');
    expect(insert.values).toEqual([12, DEFAULT_PROBABILITY_PATH]);
    expect(() => insertPredictionsFromOutputSql(v844, 'lakehouse', 'o', 0)).toThrow(/model id/);
  });

  it('refuses identifiers and handles that could inject SQL', () => {
    expect(() => createTrainingTableSql('lakehouse', 'x; DROP TABLE y')).toThrow(/identifier/);
    expect(() => trainSql(v844, 'lakehouse', 't', { handle: "h'); --" })).toThrow(/handle/);
    expect(() => scoreSql(v844, 'a.b', 't', 'h')).toThrow(/identifier/);
  });

  it('refuses AutoML forms the server version lacks, before any SQL is sent', () => {
    const v8031 = parseMysqlVersion('8.0.31-u1-cloud');
    expect(missingOn(() => predictTableSql(v8031, 'lakehouse', 'i', 'o', 'h'))).toContain('mlPredictTable');
    expect(missingOn(() => predictRowSql(v8031, reading, 'h'))).toEqual(['mlPredictRow']);
    expect(missingOn(() => trainSql(v844, 'lakehouse', 't', { handle: 'h', notes: 'n' }))).toEqual([]);
  });

  it('asks the server for exactly the features infra checks the pinned versions against', () => {
    // On a server that has none of them, each builder names every feature it emits.
    const none = parseMysqlVersion('5.7.44');
    const training = [
      ...missingOn(() => trainSql(none, 'lakehouse', 't', { handle: 'h', notes: 'lakehouse ml-train' })),
      ...missingOn(() => modelLoadSql(none, 'h')),
      ...missingOn(() => scoreSql(none, 'lakehouse', 't', 'h')),
      ...missingOn(() => explainSql(none, 'lakehouse', 't', 'h')),
    ];
    expect(new Set(training)).toEqual(new Set(HEATWAVE_FEATURE_SETS.automlTraining));
    const scoring = [
      ...missingOn(() => modelLoadSql(none, 'h')),
      ...missingOn(() => predictTableSql(none, 'lakehouse', 'i', 'o', 'h')),
      ...missingOn(() => insertPredictionsFromOutputSql(none, 'lakehouse', 'o', 1)),
    ];
    expect(new Set(scoring)).toEqual(new Set(HEATWAVE_FEATURE_SETS.automlBatchScoring));
  });
});
