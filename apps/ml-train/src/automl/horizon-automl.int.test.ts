import { WINDOW_FEATURE_COUNT } from '@lakehouse/domain';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOML_ROW_ID_COLUMN } from './automl-sql.js';
import { HORIZON_FEATURE_COLUMNS, horizonTargetColumn, horizonTrainingTableSql } from './horizon-automl.js';

describe('the horizon model’s AutoML training table (plain SQL, so MariaDB builds it too)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('holds every training row with its window features, the label and a primary key', async () => {
    const rows = 2_345;
    const values = Float64Array.from({ length: rows * WINDOW_FEATURE_COUNT }, (_, i) => i / 7);
    const labels = Uint8Array.from({ length: rows }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const statements = horizonTrainingTableSql(
      db.connection.database,
      'ml_horizon_training',
      480,
      { values, rows, featureCount: WINDOW_FEATURE_COUNT },
      labels,
    );
    for (const s of statements) await db.pool.query(s.sql, [...s.values]);
    const [[count]] = (await db.pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n, SUM(fails_within_480_min) AS positives FROM ml_horizon_training',
    )) as unknown as [[{ n: number; positives: number }]];
    expect(Number(count.n)).toBe(rows);
    expect(Number(count.positives)).toBe(235);
    const [keys] = await db.pool.query<RowDataPacket[]>(
      "SHOW KEYS FROM ml_horizon_training WHERE Key_name = 'PRIMARY'",
    );
    expect(keys.map((k) => k['Column_name'])).toEqual([AUTOML_ROW_ID_COLUMN]);
    // Row 1 (the second row inserted) carries the second row of the matrix, column for column.
    const [second] = await db.pool.query<RowDataPacket[]>(
      `SELECT ${HORIZON_FEATURE_COLUMNS.join(', ')} FROM ml_horizon_training ORDER BY ${AUTOML_ROW_ID_COLUMN} LIMIT 1 OFFSET 1`,
    );
    expect(HORIZON_FEATURE_COLUMNS.map((c) => second[0]?.[c])).toEqual(
      Array.from(values.subarray(WINDOW_FEATURE_COUNT, 2 * WINDOW_FEATURE_COUNT)),
    );
  });

  it('names the columns after the window features and refuses a matrix of other features', () => {
    expect(HORIZON_FEATURE_COLUMNS.slice(0, 2)).toEqual(['air_temperature_k', 'process_temperature_k']);
    expect(HORIZON_FEATURE_COLUMNS).toContain('overstrain_ratio_mean15');
    expect(horizonTargetColumn(60)).toBe('fails_within_60_min');
    expect(() => horizonTargetColumn(0)).toThrow(RangeError);
    expect(() =>
      horizonTrainingTableSql(
        's',
        't',
        60,
        { values: new Float64Array(9), rows: 1, featureCount: 9 },
        new Uint8Array(1),
      ),
    ).toThrow(/window features/);
  });
});
