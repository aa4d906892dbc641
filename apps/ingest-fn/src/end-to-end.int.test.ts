import { createPublisher } from '@lakehouse/streaming';
import { readStackSettings, spawnLocalApp, stackDir } from '@lakehouse/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputs } from './testing/bad-inputs.js';
import {
  createPipelineFixture,
  runToCompletion,
  startRunner,
  stopProcess,
  waitForCounts,
  type PipelineFixture,
} from './testing/pipeline.js';

const READINGS = 20_000;
const ASSETS = 40;
const MAX_MESSAGE_BYTES = 65_536;

let fixture: PipelineFixture;
let runner: ReturnType<typeof startRunner>;

beforeAll(async () => {
  fixture = await createPipelineFixture(readStackSettings(stackDir(process.env)), {
    partitions: 4,
    runnerEnv: {
      BATCH_TIME_SEC: '0.2',
      FUNCTION_INSTANCES: '2',
      INGEST_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    },
  });
  runner = startRunner(fixture.env);
});

afterAll(async () => {
  if (runner !== undefined) await stopProcess(runner.child);
  await fixture?.close();
});

describe('producer -> stream -> connector runner -> ingest-fn -> MariaDB', () => {
  it('stores every valid reading exactly once and dead-letters every bad record with its reason', async () => {
    const nowMs = Date.now();
    const bad = badInputs(nowMs, MAX_MESSAGE_BYTES);
    const producer = spawnLocalApp(
      'producer',
      [
        '--count',
        String(READINGS),
        '--rate',
        '0',
        '--assets',
        String(ASSETS),
        '--partitions',
        '4',
        '--per-message',
        '25',
        // AI4I steps: every machine reports every round, so each asset has exactly READINGS / ASSETS readings (a
        // fleet in time skips machines under repair). This test is about delivery, not the simulation.
        '--fleet',
        'ai4i',
      ],
      fixture.env,
    );
    const publisher = await createPublisher(fixture.kafka, { topic: fixture.topic, compression: 'none' });
    for (const [i, input] of bad.entries())
      await publisher.publish({ key: `BAD-${String(i)}`, value: input.value });
    await publisher.close();
    const summary = JSON.parse((await runToCompletion(producer)).trim().split('\n').at(-1) ?? '{}') as {
      readings: number;
    };
    expect(summary.readings).toBe(READINGS);

    const alsoStored = bad.reduce((sum, b) => sum + (b.alsoStores ?? 0), 0);
    const counts = await waitForCounts(
      fixture.pool,
      (c) => c.readings >= READINGS + alsoStored && c.deadLetters >= bad.length,
      90_000,
      runner.output,
      runner.exited,
    );
    expect(counts).toEqual({
      readings: READINGS + alsoStored,
      distinctKeys: READINGS + alsoStored,
      deadLetters: bad.length,
    });

    const [perAsset] = await fixture.pool.query<RowDataPacket[]>(
      "SELECT MIN(n) AS least, MAX(n) AS most, COUNT(*) AS assets FROM (SELECT asset_id, COUNT(*) AS n FROM readings WHERE asset_id NOT LIKE 'BAD-%' GROUP BY asset_id) t",
    );
    expect(perAsset[0]).toMatchObject({ least: READINGS / ASSETS, most: READINGS / ASSETS, assets: ASSETS });
    const [reasons] = await fixture.pool.query<RowDataPacket[]>(
      'SELECT primary_reason AS reason, COUNT(*) AS n FROM dead_letters GROUP BY primary_reason ORDER BY primary_reason',
    );
    const expected = new Map<string, number>();
    for (const b of bad) expected.set(b.reason, (expected.get(b.reason) ?? 0) + 1);
    expect(Object.fromEntries(reasons.map((r) => [r.reason as string, Number(r.n)]))).toEqual(
      Object.fromEntries([...expected].sort(([a], [b]) => a.localeCompare(b))),
    );
    const [located] = await fixture.pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM dead_letters WHERE stream_name = ? AND stream_partition IS NOT NULL AND stream_offset IS NOT NULL',
      [fixture.topic],
    );
    expect(Number(located[0]?.n)).toBe(bad.length);
  }, 180_000);
});
