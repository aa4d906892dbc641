import {
  WINDOW_FEATURE_COUNT,
  advanceWindow,
  createWindowState,
  windowStateToJson,
  type WindowInput,
  type WindowState,
} from '@lakehouse/domain';
import { AppError } from '@lakehouse/runtime';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { insertHorizonRisks, type HorizonRiskRow } from './horizon-risks.js';
import { loadWindowStates, saveWindowStates } from './window-states.js';

const T0 = Date.UTC(2026, 5, 1, 8);
const MINUTE = 60_000;

/** A state advanced over `n` readings a minute apart from `start`. */
function advanced(n: number, start = T0, state: WindowState = createWindowState()): WindowState {
  const out = new Float64Array(WINDOW_FEATURE_COUNT);
  for (let i = 0; i < n; i += 1) {
    const reading: WindowInput = {
      recordedAt: start + i * MINUTE,
      assetType: 'M',
      airTemperatureK: 298 + i / 10,
      processTemperatureK: 308.3,
      rotationalSpeedRpm: 1500 + i,
      torqueNm: 40 + (i % 7) / 3,
      toolWearMin: i % 50,
    };
    advanceWindow(state, reading, out, 0);
  }
  return state;
}

describe('window states and horizon risks in MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function stateRow(assetId: string): Promise<RowDataPacket | undefined> {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT asset_id, last_recorded_at, state_version, state, updated_at FROM asset_window_states WHERE asset_id = ?',
      [assetId],
    );
    return rows[0];
  }

  it('finds nothing for assets without a state, and for no assets', async () => {
    expect((await loadWindowStates(db.pool, ['WS-NONE'])).size).toBe(0);
    expect((await loadWindowStates(db.pool, [])).size).toBe(0);
  });

  it('saves states in one statement and loads them back exactly', async () => {
    const states = new Map([
      ['WS-A', advanced(130)],
      ['WS-B', advanced(3, T0 + 7 * MINUTE)],
    ]);
    const saved = await saveWindowStates(db.pool, states, new Map(), T0);
    expect(saved).toEqual({ rows: 2, statements: 1 });
    const loaded = await loadWindowStates(db.pool, ['WS-A', 'WS-B', 'WS-B', 'WS-NONE']);
    expect([...loaded.keys()].sort()).toEqual(['WS-A', 'WS-B']);
    expect(loaded.get('WS-A')).toEqual(states.get('WS-A'));
    expect(loaded.get('WS-B')).toEqual(states.get('WS-B'));
    const row = await stateRow('WS-A');
    expect((row?.['last_recorded_at'] as Date).getTime()).toBe(T0 + 129 * MINUTE);
    expect(row?.['state_version']).toBe(1);
  });

  it('writes only the states that moved past the time they were loaded at', async () => {
    const loaded = await loadWindowStates(db.pool, ['WS-A', 'WS-B']);
    const loadedAt = new Map([...loaded].map(([id, s]) => [id, s.lastRecordedAt]));
    expect(await saveWindowStates(db.pool, loaded, loadedAt, T0 + 1)).toEqual({ rows: 0, statements: 0 });
    const b = loaded.get('WS-B');
    if (b === undefined) throw new Error('WS-B has no state');
    advanced(2, T0 + 10 * MINUTE, b);
    expect(await saveWindowStates(db.pool, loaded, loadedAt, T0 + 2)).toEqual({ rows: 1, statements: 1 });
    expect((await stateRow('WS-A'))?.['updated_at']).toEqual(new Date(T0));
    expect((await stateRow('WS-B'))?.['updated_at']).toEqual(new Date(T0 + 2));
    expect((await loadWindowStates(db.pool, ['WS-B'])).get('WS-B')).toEqual(b);
  });

  it('never replaces a stored state by an older one', async () => {
    const stale = advanced(10);
    await saveWindowStates(db.pool, new Map([['WS-A', stale]]), new Map(), T0 + 3);
    const row = await stateRow('WS-A');
    expect((row?.['last_recorded_at'] as Date).getTime()).toBe(T0 + 129 * MINUTE);
    expect(row?.['updated_at']).toEqual(new Date(T0));
    expect((await loadWindowStates(db.pool, ['WS-A'])).get('WS-A')?.lastRecordedAt).toBe(T0 + 129 * MINUTE);
  });

  it('leaves out a row of another layout version or shape, and a fresh state then overwrites it', async () => {
    const later = new Date(T0 + 1_000 * MINUTE);
    await db.pool.query(
      `INSERT INTO asset_window_states (asset_id, last_recorded_at, state_version, state) VALUES
        ('WS-OLD', ?, 0, '{"means":[1,2]}'), ('WS-BAD', ?, 1, '{"version":1,"mean15":[]}')`,
      [later, later],
    );
    expect((await loadWindowStates(db.pool, ['WS-OLD', 'WS-BAD'])).size).toBe(0);
    const fresh = advanced(2);
    await saveWindowStates(db.pool, new Map([['WS-OLD', fresh]]), new Map(), T0);
    const row = await stateRow('WS-OLD');
    expect(row?.['state_version']).toBe(1);
    expect((row?.['last_recorded_at'] as Date).getTime()).toBe(T0 + MINUTE);
    expect((await loadWindowStates(db.pool, ['WS-OLD'])).get('WS-OLD')).toEqual(fresh);
    const stored = row?.['state'] as unknown;
    expect(typeof stored === 'string' ? JSON.parse(stored) : stored).toEqual(
      JSON.parse(windowStateToJson(fresh)),
    );
  });

  it('rolls back with the transaction that saved it', async () => {
    const connection = await db.pool.getConnection();
    try {
      await connection.beginTransaction();
      await saveWindowStates(connection, new Map([['WS-RB', advanced(5)]]), new Map(), T0);
      await connection.rollback();
    } finally {
      connection.release();
    }
    expect(await stateRow('WS-RB')).toBeUndefined();
  });

  const risk = (assetId: string, minute: number, value: number, minutes: number | null): HorizonRiskRow => ({
    assetId,
    recordedAt: T0 + minute * MINUTE,
    modelId: 7,
    horizonMinutes: 60,
    risk: value,
    expectedMinutesToFailure: minutes,
  });

  async function risks(assetId: string): Promise<RowDataPacket[]> {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      `SELECT recorded_at, model_id, horizon_minutes, risk, expected_minutes_to_failure
       FROM horizon_risks WHERE asset_id = ? ORDER BY recorded_at`,
      [assetId],
    );
    return rows;
  }

  it('stores horizon risks, and a redelivery keeps the first answer without duplicating rows', async () => {
    const first = [risk('HR-A', 0, 0.25, 300.5), risk('HR-A', 1, 0.5, null), risk('HR-B', 0, 1, 0)];
    expect(await insertHorizonRisks(db.pool, first)).toEqual({ rows: 3, statements: 1 });
    const again = [risk('HR-A', 0, 0.9, 10), risk('HR-A', 1, 0.9, 10), risk('HR-A', 2, 0.75, 42)];
    await insertHorizonRisks(db.pool, again);
    const stored = await risks('HR-A');
    expect(
      stored.map((r) => [
        (r['recorded_at'] as Date).getTime(),
        r['model_id'],
        r['horizon_minutes'],
        r['risk'],
        r['expected_minutes_to_failure'],
      ]),
    ).toEqual([
      [T0, 7, 60, 0.25, 300.5],
      [T0 + MINUTE, 7, 60, 0.5, null],
      [T0 + 2 * MINUTE, 7, 60, 0.75, 42],
    ]);
    expect(await risks('HR-B')).toHaveLength(1);
    expect(await insertHorizonRisks(db.pool, [])).toEqual({ rows: 0, statements: 0 });
  });

  it('refuses a risk row the table cannot hold, naming the row and the field', async () => {
    const bad: [HorizonRiskRow, RegExp][] = [
      [risk('HR-X', 0, 1.5, 1), /row 0 \(asset HR-X\).*\/risk must lie in 0\.\.1, got 1\.5/],
      [risk('HR-X', 0, Number.NaN, 1), /\/risk must lie in 0\.\.1, got NaN/],
      [risk('HR-X', 0, 0.5, -1), /\/expectedMinutesToFailure must be null or a finite number/],
      [risk('HR-X', 0, 0.5, Number.POSITIVE_INFINITY), /\/expectedMinutesToFailure/],
      [
        { ...risk('HR-X', 0, 0.5, 1), horizonMinutes: 0 },
        /\/horizonMinutes must be an integer in 1\.\.10080/,
      ],
      [{ ...risk('HR-X', 0, 0.5, 1), recordedAt: 1.5 }, /\/recordedAt must be an integer/],
      [{ ...risk('HR-X', 0, 0.5, 1), modelId: 1.5 }, /\/modelId must be an integer/],
    ];
    for (const [row, message] of bad) {
      const error = await insertHorizonRisks(db.pool, [risk('HR-X', 5, 0.1, 1), row]).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('SQL_ROW_INVALID');
      expect((error as Error).message.replace('row 1', 'row 0')).toMatch(message);
    }
    expect(await risks('HR-X')).toEqual([]);
  });
});
