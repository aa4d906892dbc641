import { generateHistory } from '@lakehouse/domain';
import { upsertReadings } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTOML_ROW_ID_COLUMN,
  AUTOML_TARGET_COLUMN,
  createScoringInputSql,
  createTrainingTableSql,
  type SqlStatement,
} from './automl-sql.js';

// The AutoML routines exist only on HeatWave, but the tables they read are plain SQL: this runs that SQL on the
// local MariaDB and checks the keys a highly available DB system (Group Replication) insists on.
describe('AutoML input tables on MariaDB', () => {
  let db: TestDatabase;
  const run = async (statements: readonly SqlStatement[]): Promise<void> => {
    for (const s of statements) await db.pool.query(s.sql, [...s.values]);
  };
  const primaryKey = async (table: string): Promise<string[]> => {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      `SELECT COLUMN_NAME AS name FROM information_schema.KEY_COLUMN_USAGE
        WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`,
      [db.database, table],
    );
    return rows.map((r) => String(r['name']));
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    const history = [
      ...generateHistory({ seed: 5, rows: 400, startMs: Date.UTC(2024, 0, 1), intervalMs: 60_000 }),
    ];
    await upsertReadings(
      db.pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates the training table with a row-number primary key over every labelled reading, idempotently', async () => {
    await run(createTrainingTableSql(db.database, 'ml_training_features'));
    await run(createTrainingTableSql(db.database, 'ml_training_features'));
    expect(await primaryKey('ml_training_features')).toEqual([AUTOML_ROW_ID_COLUMN]);
    const [[counts]] = await db.pool.query<RowDataPacket[]>(
      `SELECT (SELECT COUNT(*) FROM ml_training_features) AS training,
              (SELECT COUNT(*) FROM readings WHERE ${AUTOML_TARGET_COLUMN} IS NOT NULL) AS labelled,
              (SELECT COUNT(DISTINCT ${AUTOML_ROW_ID_COLUMN}) FROM ml_training_features) AS ids`,
    );
    expect(Number(counts!['training'])).toBeGreaterThan(0);
    expect(Number(counts!['training'])).toBe(Number(counts!['labelled']));
    expect(Number(counts!['ids'])).toBe(Number(counts!['training']));
  });

  it('creates the scoring input keyed by the reading key', async () => {
    await run(createScoringInputSql(db.database, 'ml_score_input'));
    expect(await primaryKey('ml_score_input')).toEqual(['asset_id', 'recorded_at']);
  });
});
