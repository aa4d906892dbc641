import { HEATWAVE_FEATURE_SETS, assertHeatWaveFeatures, type MysqlVersion } from '@lakehouse/contracts';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import {
  createScoringInputSql,
  createTrainingTableSql,
  explainSql,
  insertPredictionsFromOutputSql,
  modelLoadSql,
  predictTableSql,
  scoreSql,
  trainSql,
  type SqlStatement,
} from './automl-sql.js';

/** What an in-database training produced. */
export interface AutoMlTrainingResult {
  readonly handle: string;
  readonly balancedAccuracy: number | null;
}

/** Runs statements in order on one connection (the model handle travels in a session variable); the last result. */
export async function runStatements(
  conn: PoolConnection,
  statements: readonly SqlStatement[],
): Promise<RowDataPacket[]> {
  let last: RowDataPacket[] = [];
  for (const s of statements) {
    const [rows] = await conn.query(s.sql, [...s.values]);
    last = Array.isArray(rows) ? (rows as RowDataPacket[]) : [];
  }
  return last;
}

/**
 * Trains, loads, scores and explains a HeatWave AutoML classifier of machine_failure on the labelled readings.
 * All statements run on one connection because the handle travels in a session variable. Only call this when
 * detectServer reports `hasAutoMl`; `version` is the server's (SELECT VERSION()), checked before any SQL is sent.
 */
export async function runAutoMlTraining(
  db: Pool,
  schema: string,
  handle: string,
  version: MysqlVersion,
  onStep: (step: string) => void = () => undefined,
): Promise<AutoMlTrainingResult> {
  assertHeatWaveFeatures(
    HEATWAVE_FEATURE_SETS.automlTraining,
    version,
    'HeatWave AutoML training (ML_HEATWAVE_AUTOML=false skips it)',
  );
  const table = 'ml_training_features';
  let conn: PoolConnection | undefined;
  try {
    conn = await db.getConnection();
    onStep('creating the training table');
    await runStatements(conn, createTrainingTableSql(schema, table));
    onStep('sys.ML_TRAIN');
    const trained = await runStatements(
      conn,
      trainSql(version, schema, table, { handle, notes: 'lakehouse ml-train' }),
    );
    const actualHandle = String(trained[0]?.['handle'] ?? handle);
    onStep('sys.ML_MODEL_LOAD');
    await runStatements(conn, modelLoadSql(version, actualHandle));
    onStep('sys.ML_SCORE');
    const scored = await runStatements(conn, scoreSql(version, schema, table, actualHandle));
    onStep('sys.ML_EXPLAIN');
    await runStatements(conn, explainSql(version, schema, table, actualHandle));
    const score: unknown = scored[0]?.['score'];
    return {
      handle: actualHandle,
      balancedAccuracy: score === null || score === undefined ? null : Number(score),
    };
  } catch (err: unknown) {
    throw new UpstreamError(
      'SQL_WRITE_FAILED',
      `HeatWave AutoML training failed: ${(err as Error).message}`,
      {
        cause: err,
        retryable: false,
        context: { schema, handle },
      },
    );
  } finally {
    conn?.release();
  }
}

/**
 * Batch-scores the readings table inside HeatWave with the model's AutoML handle (ML_PREDICT_TABLE) and stores the
 * results in `predictions` under `modelId`. Returns the number of prediction rows written. `version` is the
 * server's, checked before any SQL is sent.
 */
export async function runAutoMlBatchScoring(
  db: Pool,
  schema: string,
  handle: string,
  modelId: number,
  version: MysqlVersion,
  onStep: (step: string) => void = () => undefined,
): Promise<number> {
  assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.automlBatchScoring, version, 'HeatWave AutoML batch scoring');
  const input = 'ml_score_input';
  const output = 'ml_score_output';
  let conn: PoolConnection | undefined;
  try {
    conn = await db.getConnection();
    onStep('creating the scoring input table');
    await runStatements(conn, createScoringInputSql(schema, input));
    onStep('sys.ML_MODEL_LOAD');
    await runStatements(conn, modelLoadSql(version, handle));
    onStep('sys.ML_PREDICT_TABLE');
    await runStatements(conn, predictTableSql(version, schema, input, output, handle));
    onStep('storing predictions');
    const insert = insertPredictionsFromOutputSql(version, schema, output, modelId);
    const [result] = await conn.query(insert.sql, [...insert.values]);
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  } catch (err: unknown) {
    throw new UpstreamError('SQL_WRITE_FAILED', `HeatWave AutoML scoring failed: ${(err as Error).message}`, {
      cause: err,
      retryable: false,
      context: { schema, handle, modelId },
    });
  } finally {
    conn?.release();
  }
}
