import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { insertDeadLetters, type DeadLetter } from './insert-dead-letters.js';

const letter = (offset: number): DeadLetter => ({
  source: 'stream',
  rawPayload: Buffer.from(`{"assetId":"M1","torqueNm":"lots","n":${offset}}`),
  reasons: [
    { path: '/torqueNm', reason: 'wrong_type', message: 'expected a number' },
    { path: '/recordedAt', reason: 'missing', message: 'required' },
  ],
  streamName: 'telemetry.readings.v1',
  streamPartition: 2,
  streamOffset: offset,
  recordIndex: 0,
});

describe('insertDeadLetters against MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps the raw bytes, every reason and the stream position', async () => {
    expect(await insertDeadLetters(db.pool, [letter(7), letter(8)])).toEqual({ inserted: 2 });
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT raw_payload, primary_reason, reasons, stream_name, stream_partition, stream_offset FROM dead_letters WHERE stream_offset = 7',
    );
    const row = rows[0];
    expect((row?.['raw_payload'] as Buffer).equals(letter(7).rawPayload)).toBe(true);
    expect(row?.['primary_reason']).toBe('wrong_type');
    // mysql2 hands JSON columns back parsed on MySQL; MariaDB's JSON is LONGTEXT, which may arrive as text.
    const reasons: unknown = row?.['reasons'];
    expect(typeof reasons === 'string' ? JSON.parse(reasons) : reasons).toEqual(letter(7).reasons);
    expect(row).toMatchObject({ stream_name: 'telemetry.readings.v1', stream_partition: 2 });
    expect(Number(row?.['stream_offset'])).toBe(7);
  });

  it('counts a redelivered dead letter instead of duplicating it', async () => {
    expect(await insertDeadLetters(db.pool, [letter(7), letter(9)])).toEqual({ inserted: 1 });
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT stream_offset, delivery_count FROM dead_letters ORDER BY stream_offset',
    );
    expect(rows.map((r) => [Number(r['stream_offset']), r['delivery_count']])).toEqual([
      [7, 2],
      [8, 1],
      [9, 1],
    ]);
  });

  it('refuses a dead letter without a reason', async () => {
    await expect(insertDeadLetters(db.pool, [{ ...letter(10), reasons: [] }])).rejects.toThrow(
      /must say why/,
    );
  });
});
