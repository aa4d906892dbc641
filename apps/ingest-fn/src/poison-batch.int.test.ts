import { createPublisher } from '@lakehouse/streaming';
import { readStackSettings, stackDir } from '@lakehouse/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingJson } from './testing/bad-inputs.js';
import {
  createPipelineFixture,
  startRunner,
  stopProcess,
  waitForCounts,
  type PipelineFixture,
} from './testing/pipeline.js';

let fixture: PipelineFixture;
let runner: ReturnType<typeof startRunner>;

beforeAll(async () => {
  fixture = await createPipelineFixture(readStackSettings(stackDir(process.env)), {
    partitions: 1,
    runnerEnv: {
      BATCH_SIZE_NUM: '10',
      BATCH_TIME_SEC: '0.1',
      FUNCTION_INSTANCES: '1',
      MAX_ATTEMPTS: '2',
      RETRY_INITIAL_MS: '50',
      RETRY_MAX_MS: '200',
    },
  });
  // A reading the domain accepts but the database refuses, on every attempt: a poison batch.
  await fixture.pool.query("ALTER TABLE readings ADD CONSTRAINT it_poison CHECK (asset_id <> 'POISON-1')");
  runner = startRunner(fixture.env);
});

afterAll(async () => {
  if (runner !== undefined) await stopProcess(runner.child);
  await fixture?.close();
});

describe('a poison batch', () => {
  it('goes to the dead-letter table with the error after the attempts, and the stream moves on', async () => {
    const nowMs = Date.now();
    const value = (assetId: string, ageMs: number): Buffer =>
      Buffer.from(JSON.stringify(readingJson(nowMs, { assetId }, ageMs)));
    const publisher = await createPublisher(fixture.kafka, { topic: fixture.topic, compression: 'none' });
    for (let i = 0; i < 5; i += 1)
      await publisher.publish({ key: 'GOOD-A', value: value('GOOD-A', 60_000 - i) });
    await publisher.publish({ key: 'POISON-1', value: value('POISON-1', 60_000) });
    for (let i = 0; i < 4; i += 1)
      await publisher.publish({ key: 'GOOD-B', value: value('GOOD-B', 60_000 - i) });
    await publisher.flush();

    const first = await waitForCounts(
      fixture.pool,
      (c) => c.readings + c.deadLetters >= 10,
      60_000,
      runner.output,
      runner.exited,
    );
    expect(first.readings + first.deadLetters).toBe(10);
    const [letters] = await fixture.pool.query<RowDataPacket[]>(
      "SELECT source, primary_reason, error_message, stream_offset FROM dead_letters WHERE raw_payload LIKE '%POISON-1%'",
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ source: 'connector', primary_reason: 'delivery_failed' });
    expect(String(letters[0]?.error_message)).toMatch(/it_poison|CHECK|constraint/i);

    // Traffic after the poison batch flows as before.
    for (let i = 0; i < 10; i += 1)
      await publisher.publish({ key: 'LATER', value: value('LATER', 30_000 - i) });
    await publisher.close();
    const later = await waitForCounts(
      fixture.pool,
      (c) => c.readings + c.deadLetters >= 20,
      60_000,
      runner.output,
      runner.exited,
    );
    expect(later.readings + later.deadLetters).toBe(20);
    const [stored] = await fixture.pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM readings WHERE asset_id = 'LATER'",
    );
    expect(Number(stored[0]?.n)).toBe(10);
  }, 120_000);
});
