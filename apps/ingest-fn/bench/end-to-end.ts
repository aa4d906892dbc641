// Benchmark of the whole local ingestion path: producer -> Kafka -> connector runner -> ingest-fn -> MariaDB.
// Prints progress, then one JSON line: events, eventsPerSec (from the producer's first send until the runner's
// consumer group has committed the last message), p50Ms, p99Ms (at a steady 5,000 events/s) and, from
// the same run, dbUpsertRowsPerSec, the database's raw batch-upsert rate, the ceiling of the path, and where the
// cores went during the throughput run: CPU microseconds per event by component (from /proc).
// Flags: --events N (default 1,000,000), --latency-rate N (5,000), --latency-seconds N (20).
import { createFleet, createLiveStream } from '@lakehouse/domain';
import { upsertReadings } from '@lakehouse/sql';
import { consumerGroupLag, createPublisher } from '@lakehouse/streaming';
import { readStackSettings, spawnBundledApp, stackDir } from '@lakehouse/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCommand, parseOrExit } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import { cpuSnapshot, cpuUsedBetween, type CpuComponent } from './process-cpu.js';
import {
  createPipelineFixture,
  pipelineCounts,
  runToCompletion,
  startRunner,
  stopProcess,
  waitForCounts,
  type PipelineFixture,
} from '../src/testing/pipeline.js';

const {
  events: EVENTS,
  'latency-rate': LATENCY_RATE,
  'latency-seconds': LATENCY_SECONDS,
} = parseOrExit(
  defineCommand({
    name: 'bench',
    invocation: 'npx nx run ingest-fn:bench --',
    summary: 'Measures the pipeline end to end: throughput, then latency at a fixed rate.',
    flags: {
      events: Type.Integer({ minimum: 1, default: 1_000_000, description: 'readings of the throughput run' }),
      'latency-rate': Type.Integer({
        minimum: 1,
        default: 5000,
        description: 'readings per second of the latency run',
      }),
      'latency-seconds': Type.Integer({ minimum: 1, default: 20, description: 'seconds of the latency run' }),
    },
    build: ({ flags }) => flags,
  }),
  process.argv.slice(2),
);
const ASSETS = 100;
const PARTITIONS = 6;
const RUNNER_ENV = {
  BATCH_SIZE_KBS: '4096',
  BATCH_TIME_SEC: '0.1',
  FUNCTION_INSTANCES: '2',
  LOG_LEVEL: 'warn',
};
const settings = readStackSettings(stackDir(process.env));
const say = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * Waits until the runner's consumer group has committed every produced message: it commits only after the function
 * stored the batch, so lag 0 means everything is in the database. Two broker requests per poll, where counting
 * the table would scan it and take the database's CPU away from the pipeline being measured.
 */
async function waitForZeroLag(fixture: PipelineFixture, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const lag = await consumerGroupLag(fixture.kafka, {
      topic: fixture.topic,
      groupId: fixture.env['CONSUMER_GROUP'] ?? '',
    });
    if (lag.total === 0) return;
    const failed = exited();
    if (failed !== undefined)
      throw new Error(`runner ${failed} with ${String(lag.total)} messages not committed`);
    if (Date.now() > deadline) throw new Error(`the runner did not catch up: lag ${String(lag.total)}`);
    await sleep(100);
  }
}
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Starts a runner on a fresh schema and topic and waits until one warm-up reading went all the way through, so the
 * clock starts with the consumer group joined and the function instances warm. The warm-up row is removed.
 */
async function withPipeline<T>(
  run: (fixture: PipelineFixture, runner: ReturnType<typeof startRunner>) => Promise<T>,
): Promise<T> {
  const fixture = await createPipelineFixture(settings, { partitions: PARTITIONS, runnerEnv: RUNNER_ENV });
  const runner = startRunner(fixture.env, { isBundled: true });
  try {
    const publisher = await createPublisher(fixture.kafka, { topic: fixture.topic });
    const warmUp = {
      ...createLiveStream({
        seed: 1,
        fleet: createFleet({ seed: 1, assets: 1 }),
        startMs: Date.now() - 60_000,
        intervalMs: 1_000,
      }).next().value,
      assetId: 'WARM-UP',
    };
    await publisher.publish({ key: 'WARM-UP', value: Buffer.from(JSON.stringify(warmUp)) });
    await publisher.close();
    await waitForCounts(fixture.pool, (c) => c.readings >= 1, 120_000, runner.output, runner.exited);
    await fixture.pool.query("DELETE FROM readings WHERE asset_id = 'WARM-UP'");
    return await run(fixture, runner);
  } finally {
    await stopProcess(runner.child);
    await fixture.close();
  }
}

async function throughput(): Promise<{
  seconds: number;
  eventsPerSec: number;
  cpuUsPerEvent: Record<CpuComponent, number>;
}> {
  return withPipeline(async (fixture, runner) => {
    say(
      `throughput: ${fmt(EVENTS)} readings of ${ASSETS} assets through ${PARTITIONS} partitions, 2 function instances`,
    );
    const cpuBefore = cpuSnapshot(stackDir(process.env));
    const startedAt = performance.now();
    const startedWallMs = Date.now();
    const producer = runToCompletion(
      spawnBundledApp(
        'producer',
        [
          '--count',
          String(EVENTS),
          '--rate',
          '0',
          '--assets',
          String(ASSETS),
          '--partitions',
          String(PARTITIONS),
          // The AI4I steps, as every earlier run of this bench (issue #19's figures) had them.
          '--fleet',
          'ai4i',
        ],
        fixture.env,
      ),
    );
    const progress = setInterval(() => {
      void consumerGroupLag(fixture.kafka, {
        topic: fixture.topic,
        groupId: fixture.env['CONSUMER_GROUP'] ?? '',
      }).then((lag) => {
        const s = (performance.now() - startedAt) / 1_000;
        const produced = lag.partitions.reduce((n, p) => n + p.endOffset, 0);
        say(`  ${s.toFixed(0)} s: ${fmt(produced)} messages produced, ${fmt(lag.total)} not yet stored`);
      });
    }, 5_000);
    let producedFromMs: number;
    try {
      const out = await producer;
      // Sustained rate: from the producer's first send (its own JSON total says when, on the same clock), so
      // that starting a Node process is not counted as ingestion time.
      producedFromMs = (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { startedAtMs: number })
        .startedAtMs;
      say(`  producer done after ${((performance.now() - startedAt) / 1_000).toFixed(1)} s`);
      await waitForZeroLag(fixture, runner.exited);
    } finally {
      clearInterval(progress);
    }
    const seconds = (Date.now() - producedFromMs) / 1_000;
    say(
      `  first send ${((producedFromMs - startedWallMs) / 1_000).toFixed(1)} s after the producer was started`,
    );
    const cpuMs = cpuUsedBetween(cpuBefore, cpuSnapshot(stackDir(process.env)));
    const counts = await pipelineCounts(fixture.pool);
    if (counts.readings !== EVENTS || counts.distinctKeys !== EVENTS)
      throw new Error(`lost or duplicated: ${JSON.stringify(counts)}`);
    const cpuUsPerEvent = Object.fromEntries(
      Object.entries(cpuMs).map(([k, ms]) => [k, Math.round(((ms * 1_000) / EVENTS) * 10) / 10]),
    ) as Record<CpuComponent, number>;
    say(`  CPU µs per event: ${JSON.stringify(cpuUsPerEvent)}`);
    return { seconds, eventsPerSec: EVENTS / seconds, cpuUsPerEvent };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function latency(): Promise<{ p50Ms: number; p99Ms: number; rows: number }> {
  return withPipeline(async (fixture, runner) => {
    say(
      `latency: ${fmt(LATENCY_RATE)} readings/s for ${LATENCY_SECONDS} s; latency = committed (ingested_at) - produced (recorded_at)`,
    );
    const out = await runToCompletion(
      spawnBundledApp(
        'producer',
        [
          '--rate',
          String(LATENCY_RATE),
          '--duration',
          String(LATENCY_SECONDS),
          '--assets',
          String(ASSETS),
          '--partitions',
          String(PARTITIONS),
          '--fleet',
          'ai4i',
        ],
        fixture.env,
      ),
    );
    const produced = (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { readings: number }).readings;
    await waitForZeroLag(fixture, runner.exited);
    const stored = await pipelineCounts(fixture.pool);
    if (stored.readings !== produced)
      throw new Error(`latency run: produced ${String(produced)}, stored ${JSON.stringify(stored)}`);
    const [rows] = await fixture.pool.query<RowDataPacket[]>(
      'SELECT TIMESTAMPDIFF(MICROSECOND, recorded_at, ingested_at) / 1000 AS ms FROM readings',
    );
    const sorted = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), rows: sorted.length };
  });
}

async function rawUpsert(): Promise<number> {
  const fixture = await createPipelineFixture(settings, { partitions: 1 });
  try {
    const rows = 200_000;
    const fleet = createFleet({ seed: 7, assets: ASSETS, sites: 3, linesPerSite: 2 });
    const stream = createLiveStream({ seed: 7, fleet, startMs: Date.now() - 3_600_000, intervalMs: 1_000 });
    const batch = Array.from({ length: rows }, () => ({
      reading: stream.next().value,
      source: 'stream' as const,
    }));
    say(`database: raw batch upsert of ${fmt(rows)} readings, 2,000 rows per statement, one connection`);
    const startedAt = performance.now();
    for (let i = 0; i < rows; i += 2_000) await upsertReadings(fixture.pool, batch.slice(i, i + 2_000));
    return rows / ((performance.now() - startedAt) / 1_000);
  } finally {
    await fixture.close();
  }
}

const dbUpsertRowsPerSec = await rawUpsert();
say(`  ${fmt(dbUpsertRowsPerSec)} rows/s`);
const t = await throughput();
say(`  ${fmt(EVENTS)} readings end to end in ${t.seconds.toFixed(1)} s: ${fmt(t.eventsPerSec)} events/s`);
const l = await latency();
say(`  ${fmt(l.rows)} readings: p50 ${l.p50Ms.toFixed(0)} ms, p99 ${l.p99Ms.toFixed(0)} ms`);
process.stdout.write(
  `${JSON.stringify({
    events: EVENTS,
    eventsPerSec: Math.round(t.eventsPerSec),
    p50Ms: Math.round(l.p50Ms),
    p99Ms: Math.round(l.p99Ms),
    latencyRate: LATENCY_RATE,
    dbUpsertRowsPerSec: Math.round(dbUpsertRowsPerSec),
    endToEndVsDb: Math.round((t.eventsPerSec / dbUpsertRowsPerSec) * 100) / 100,
    cpuUsPerEvent: t.cpuUsPerEvent,
  })}\n`,
);
