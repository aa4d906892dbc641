import { HEATWAVE_FEATURE_SETS, assertHeatWaveFeatures, type MysqlVersion } from '@lakehouse/contracts';
import { WINDOW_FEATURE_NAMES } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import { quoteIdentifier } from '@lakehouse/sql';
import type { Pool, PoolConnection } from 'mysql2/promise';
import type { FeatureMatrix } from '../gbdt/train-gbdt.js';
import { AUTOML_ROW_ID_COLUMN, modelLoadSql, scoreSql, trainSql, type SqlStatement } from './automl-sql.js';
import { runStatements } from './run-automl-training.js';

/** snake_case column of each window feature, in WINDOW_FEATURE_NAMES order. */
export const HORIZON_FEATURE_COLUMNS: readonly string[] = WINDOW_FEATURE_NAMES.map((name) =>
  name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
);

/** Label column of the horizon training table for a horizon, e.g. `fails_within_480_min`. */
export function horizonTargetColumn(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
    throw new RangeError(`horizon must be whole minutes in 1..10080, got ${String(minutes)}`);
  }
  return `fails_within_${String(minutes)}_min`;
}

/** Rows per INSERT of the training rows. */
const ROWS_PER_INSERT = 1_000;

/**
 * The horizon model's training table for HeatWave AutoML (issue #18): the same sampled rows and window features the
 * in-process horizon model is trained on (they are computed in TypeScript, libs/domain advanceWindow, so they are
 * written rather than selected), the label, and the {@link AUTOML_ROW_ID_COLUMN} key that Group Replication needs
 * and ML_TRAIN leaves out. Plain SQL: MariaDB runs it too (the integration test does).
 */
export function horizonTrainingTableSql(
  schema: string,
  table: string,
  minutes: number,
  matrix: FeatureMatrix,
  labels: Uint8Array,
): readonly SqlStatement[] {
  if (matrix.featureCount !== HORIZON_FEATURE_COLUMNS.length || labels.length !== matrix.rows) {
    throw new RangeError('the matrix is not one of window features with one label per row');
  }
  const target = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  const label = horizonTargetColumn(minutes);
  const columns = [...HORIZON_FEATURE_COLUMNS, label];
  const statements: SqlStatement[] = [
    { sql: `DROP TABLE IF EXISTS ${target}`, values: [] },
    {
      sql: `CREATE TABLE ${target} (
  ${quoteIdentifier(AUTOML_ROW_ID_COLUMN)} BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ${HORIZON_FEATURE_COLUMNS.map((c) => `${quoteIdentifier(c)} DOUBLE NOT NULL`).join(',\n  ')},
  ${quoteIdentifier(label)} TINYINT NOT NULL
)`,
      values: [],
    },
  ];
  const f = matrix.featureCount;
  for (let start = 0; start < matrix.rows; start += ROWS_PER_INSERT) {
    const end = Math.min(matrix.rows, start + ROWS_PER_INSERT);
    const values: unknown[] = [];
    for (let i = start; i < end; i += 1) {
      for (let k = 0; k < f; k += 1) values.push(matrix.values[i * f + k]);
      values.push(labels[i]);
    }
    const row = `(${columns.map(() => '?').join(', ')})`;
    statements.push({
      sql: `INSERT INTO ${target} (${columns.map(quoteIdentifier).join(', ')}) VALUES ${Array.from({ length: end - start }, () => row).join(', ')}`,
      values,
    });
  }
  return statements;
}

/**
 * Trains a HeatWave AutoML classifier of "fails within the horizon" on the horizon model's training rows, in the
 * database. Only call it when detectServer reports `hasAutoMl`; `version` is checked before any SQL is sent.
 */
export async function runHorizonAutoMlTraining(
  db: Pool,
  schema: string,
  handle: string,
  version: MysqlVersion,
  training: { readonly minutes: number; readonly matrix: FeatureMatrix; readonly labels: Uint8Array },
  onStep: (step: string) => void = () => undefined,
): Promise<{ readonly handle: string; readonly balancedAccuracy: number | null }> {
  assertHeatWaveFeatures(
    HEATWAVE_FEATURE_SETS.automlTraining,
    version,
    'HeatWave AutoML training of the horizon model (ML_HEATWAVE_AUTOML=false skips it)',
  );
  const table = 'ml_horizon_training';
  const target = horizonTargetColumn(training.minutes);
  let conn: PoolConnection | undefined;
  try {
    conn = await db.getConnection();
    onStep(`writing ${String(training.matrix.rows)} training rows of window features`);
    await runStatements(
      conn,
      horizonTrainingTableSql(schema, table, training.minutes, training.matrix, training.labels),
    );
    onStep('sys.ML_TRAIN (horizon)');
    const trained = await runStatements(
      conn,
      trainSql(version, schema, table, { handle, target, notes: 'lakehouse ml-train horizon' }),
    );
    const actualHandle = String(trained[0]?.['handle'] ?? handle);
    await runStatements(conn, modelLoadSql(version, actualHandle));
    const scored = await runStatements(
      conn,
      scoreSql(version, schema, table, actualHandle, 'balanced_accuracy', target),
    );
    const score: unknown = scored[0]?.['score'];
    return {
      handle: actualHandle,
      balancedAccuracy: score === null || score === undefined ? null : Number(score),
    };
  } catch (err: unknown) {
    throw new UpstreamError(
      'SQL_WRITE_FAILED',
      `HeatWave AutoML training of the horizon model failed: ${(err as Error).message}`,
      { cause: err, retryable: false, context: { schema, handle } },
    );
  } finally {
    conn?.release();
  }
}
