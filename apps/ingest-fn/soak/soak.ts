// Soak of the demo's ingestion path (ADR 0052): producer -> Kafka -> connector runner -> ingest-fn -> MariaDB at a
// steady rate for a long time, on a private stack of its own. Every --sample-sec it samples RSS, V8 heap and open
// descriptors of every Node process, the database's connections, the consumer lag and the p99 latency of the
// readings stored since the previous sample; at the end it judges each series for growth, prints the samples as a
// table with a sparkline per series (and an HTML page with --html), and as its last line one JSON object.
// Exit 1 on growth, on a lag that does not drain, or on readings lost or duplicated.
import { defineCommand, parseOrExit, UsageError } from '@lakehouse/cli';
import { createFleet, createLiveStream } from '@lakehouse/domain';
import { consumerGroupLag, createPublisher } from '@lakehouse/streaming';
import { readStackSettings, spawnBundledApp, WORKSPACE_ROOT } from '@lakehouse/testing';
import { Type } from '@sinclair/typebox';
import type { RowDataPacket } from 'mysql2/promise';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createPipelineFixture,
  pipelineCounts,
  runToCompletion,
  startPrivateStack,
  startRunner,
  stopProcess,
  waitForCounts,
} from '../src/testing/pipeline.js';
import { judgeGrowth, warmUpSamples, type GrowthJudgement } from '../src/testing/soak/growth-verdict.js';
import { installHeapProbe, sampleProcess } from '../src/testing/soak/process-sample.js';
import {
  formatSampleTable,
  formatSparklines,
  formatValue,
  renderHtmlReport,
} from '../src/testing/soak/soak-report.js';
import { soakSeries, type ProcessSample, type SoakSample } from '../src/testing/soak/soak-series.js';

const options = parseOrExit(
  defineCommand({
    name: 'soak',
    invocation: 'npx nx run ingest-fn:soak --',
    summary:
      'Runs the ingestion path at a steady rate on a private stack and fails when a resource keeps growing.',
    flags: {
      'duration-min': Type.Number({
        minimum: 0.05,
        maximum: 1_440,
        default: 30,
        description: 'minutes of load',
      }),
      rate: Type.Integer({
        minimum: 1,
        maximum: 100_000,
        default: 5_000,
        description: 'readings per second',
      }),
      'sample-sec': Type.Integer({
        minimum: 2,
        maximum: 3_600,
        default: 60,
        description: 'seconds between samples',
      }),
      html: Type.Optional(
        Type.String({
          minLength: 1,
          placeholder: 'FILE',
          description: 'also write the report as HTML to FILE',
        }),
      ),
      json: Type.Boolean({
        default: false,
        description: 'stdout gets only the JSON line, with every sample in it (no table, no chart)',
      }),
    },
    build: ({ flags }) => {
      const durationSec = Math.round(flags['duration-min'] * 60);
      if (durationSec < flags['sample-sec'])
        throw new UsageError(
          `--duration-min ${flags['duration-min']} is shorter than one sample (--sample-sec ${flags['sample-sec']})`,
        );
      return { ...flags, durationSec, samples: Math.floor(durationSec / flags['sample-sec']) };
    },
  }),
  process.argv.slice(2),
);

const ASSETS = 100;
const PARTITIONS = 6;
/** A lag rise of this many seconds of input counts as falling behind. */
const LAG_RISE_SEC = 5;
/** Every tenth asset's readings feed the p99: a primary-key range per asset instead of a scan of the window. */
const LATENCY_ASSET_STRIDE = 10;
/** A reading stored later than this after it was due is missed by the p99's window (the lag shows it instead). */
const LATENCY_LOOKBACK_SEC = 30;
const LAG_DRAIN_TIMEOUT_MS = 120_000;
const say = (line: string): void => void process.stderr.write(`${line}\n`);
const MIB = 1024 * 1024;

for (const bundle of [
  'apps/producer/bundle/main.js',
  'apps/connector-runner/bundle/main.js',
  'apps/ingest-fn/dist/func/func.js',
])
  if (!existsSync(join(WORKSPACE_ROOT, bundle)))
    throw new Error(
      `${bundle} is missing: run the soak as \`npx nx run ingest-fn:soak\`, which builds the bundles`,
    );

// Ctrl-C (or SIGTERM) ends the run early, but never leaves the private stack and its processes behind.
const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    say(`${signal}: stopping the pipeline and removing the private stack`);
    interrupted.abort(new Error(`soak interrupted by ${signal}`));
  });

say('starting a private stack (MariaDB + Kafka on free ports)');
// Other checkouts start private stacks too; a port taken between choosing it and binding it fails `up` once.
const stack = await startPrivateStack().catch((err: unknown) => {
  say(
    `  the private stack did not start, trying once more: ${err instanceof Error ? err.message.slice(0, 500) : String(err)}`,
  );
  return startPrivateStack();
});
const runDir = mkdtempSync(join(tmpdir(), 'soak-'));
let exitCode = 1;
try {
  exitCode = await soak();
} catch (err: unknown) {
  // An interrupted run has nothing to report; anything else is a failure of the harness or the path.
  if (!interrupted.signal.aborted) throw err;
  exitCode = 130;
} finally {
  rmSync(runDir, { recursive: true, force: true });
  await stack.destroy();
}
process.exitCode = exitCode;

async function soak(): Promise<number> {
  const probe = installHeapProbe(runDir, options['sample-sec']);
  // The demo's runner settings (tools/src/demo/steps/live-services.ts), plus the heap probe in every process.
  // FUNCTION_NODE_OPTIONS is the runner's default (the function image's NODE_OPTIONS) with the probe added.
  const fixture = await createPipelineFixture(readStackSettings(stack.dir), {
    partitions: PARTITIONS,
    runnerEnv: {
      BATCH_TIME_SEC: '0.5',
      MODEL_REFRESH_MS: '5000',
      STATUS_INTERVAL_MS: '1000',
      FUNCTION_INSTANCES: '2',
      FUNCTION_NODE_OPTIONS: `--enable-source-maps --max-semi-space-size=16 ${probe}`,
      NODE_OPTIONS: probe,
      LOG_LEVEL: 'warn',
    },
  });
  const runner = startRunner(fixture.env, { isBundled: true });
  let producer: ChildProcess | undefined;
  try {
    // One reading all the way through first: the group has joined and the instances are up when the clock starts.
    const publisher = await createPublisher(fixture.kafka, { topic: fixture.topic });
    const first = createLiveStream({
      seed: 1,
      fleet: createFleet({ seed: 1, assets: 1 }),
      startMs: Date.now() - 60_000,
      intervalMs: 1_000,
    }).next();
    if (first.done === true) throw new Error('the live stream produced no reading');
    const warmUp = { ...first.value, assetId: 'WARM-UP' };
    await publisher.publish({ key: 'WARM-UP', value: Buffer.from(JSON.stringify(warmUp)) });
    await publisher.close();
    await waitForCounts(fixture.pool, (c) => c.readings >= 1, 120_000, runner.output, runner.exited);
    await fixture.pool.query("DELETE FROM readings WHERE asset_id = 'WARM-UP'");

    const latencyAssets = createFleet({ seed: 42, assets: ASSETS, sites: 3, linesPerSite: 2 })
      .assets.filter((_, i) => i % LATENCY_ASSET_STRIDE === 0)
      .map((a) => a.assetId);
    const serverNow = async (): Promise<string> => {
      // The server's own clock, as text: the window bounds and ingested_at then come from the same clock and
      // never pass through a JavaScript Date.
      const [rows] = await fixture.pool.query<RowDataPacket[]>('SELECT CAST(NOW(3) AS CHAR) AS now');
      return String(rows[0]?.now);
    };

    say(
      `soak: ${options.rate.toLocaleString('en-US')} readings/s for ${options.durationSec} s, a sample every ${options['sample-sec']} s (${options.samples} samples), ${ASSETS} assets, ${PARTITIONS} partitions, 2 function instances`,
    );
    let windowStart = await serverNow();
    const startedAt = Date.now();
    // A little longer than the sampling, so that the last sample still sees the producer under load.
    producer = spawnBundledApp(
      'producer',
      [
        '--rate',
        String(options.rate),
        '--duration',
        String(options.durationSec + Math.min(10, options['sample-sec'])),
        '--assets',
        String(ASSETS),
        '--sites',
        '3',
        '--lines',
        '2',
        '--seed',
        '42',
        '--partitions',
        String(PARTITIONS),
      ],
      fixture.env,
    );
    const produced = runToCompletion(producer);
    let producerFailure: Error | undefined;
    produced.catch((err: unknown) => (producerFailure = err instanceof Error ? err : new Error(String(err))));

    const samples: SoakSample[] = [];
    const endOffsets: number[] = [];
    const pidsSeen: Record<string, number[]> = {};
    for (let k = 1; k <= options.samples; k += 1) {
      await sleep(Math.max(0, startedAt + k * options['sample-sec'] * 1_000 - Date.now()), undefined, {
        signal: interrupted.signal,
      });
      if (producerFailure !== undefined) throw producerFailure;
      const failed = runner.exited();
      if (failed !== undefined) throw new Error(`${failed}\n${runner.output()}`);
      const roles: Record<string, number | undefined> = { producer: producer.pid, runner: runner.child.pid };
      const functionPids = JSON.parse(
        readFileSync(join(fixture.stateDir, 'function-pids.json'), 'utf8'),
      ) as number[];
      functionPids.forEach((pid, i) => (roles[`fn-${i}`] = pid));
      const processes: Record<string, ProcessSample> = {};
      for (const [role, pid] of Object.entries(roles)) {
        if (pid === undefined) continue;
        processes[role] = sampleProcess(pid, runDir);
        const seen = (pidsSeen[role] ??= []);
        if (!seen.includes(pid)) seen.push(pid);
      }
      const windowEnd = await serverNow();
      const [[status], lag, [latencies]] = await Promise.all([
        fixture.pool.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Threads_connected'"),
        consumerGroupLag(fixture.kafka, {
          topic: fixture.topic,
          groupId: fixture.env['CONSUMER_GROUP'] ?? '',
        }),
        fixture.pool.query<RowDataPacket[]>(
          `SELECT TIMESTAMPDIFF(MICROSECOND, recorded_at, ingested_at) / 1000 AS ms FROM readings
            WHERE asset_id IN (?) AND recorded_at >= ? - INTERVAL ${LATENCY_LOOKBACK_SEC} SECOND AND recorded_at < ?
              AND ingested_at >= ? AND ingested_at < ?`,
          [latencyAssets, windowStart, windowEnd, windowStart, windowEnd],
        ),
      ]);
      windowStart = windowEnd;
      endOffsets.push(lag.partitions.reduce((n, p) => n + p.endOffset, 0));
      const sorted = latencies.map((r) => Number(r.ms)).sort((a, b) => a - b);
      const sample: SoakSample = {
        elapsedSec: (Date.now() - startedAt) / 1_000,
        processes,
        mysqlConnections: Number(status[0]?.Value),
        lagMessages: lag.total,
        p99Ms:
          sorted.length === 0
            ? Number.NaN
            : (sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? Number.NaN),
        latencyRows: sorted.length,
      };
      samples.push(sample);
      say(
        `  [${k}/${options.samples}] ${Math.round(sample.elapsedSec)} s: ` +
          Object.entries(processes)
            .map(
              ([role, p]) =>
                `${role} ${formatValue(p.rssBytes / MIB)}/${formatValue(p.heapFloorBytes / MIB)} MiB ${formatValue(p.fds)} fds`,
            )
            .join(', ') +
          `; mysql ${sample.mysqlConnections} conns; lag ${sample.lagMessages} msgs; p99 ${formatValue(sample.p99Ms)} ms (${sample.latencyRows} rows)`,
      );
    }

    say('  load done; waiting for the producer to finish and the lag to drain');
    const producerOut = await produced;
    const producedReadings = (
      JSON.parse(producerOut.trim().split('\n').at(-1) ?? '{}') as { readings?: number }
    ).readings;
    const drainStartedAt = Date.now();
    let finalLag = Number.NaN;
    for (;;) {
      finalLag = (
        await consumerGroupLag(fixture.kafka, {
          topic: fixture.topic,
          groupId: fixture.env['CONSUMER_GROUP'] ?? '',
        })
      ).total;
      if (
        finalLag === 0 ||
        Date.now() - drainStartedAt > LAG_DRAIN_TIMEOUT_MS ||
        runner.exited() !== undefined
      )
        break;
      await sleep(500, undefined, { signal: interrupted.signal });
    }
    const drainSec = (Date.now() - drainStartedAt) / 1_000;
    const counts = await pipelineCounts(fixture.pool);

    const warmUpCount = warmUpSamples(samples.length);
    // Lag is in messages, and a message holds a variable number of readings: 5 s of the run's own message rate.
    const messagesPerSec = (endOffsets.at(-1) ?? 0) / (samples.at(-1)?.elapsedSec ?? 1);
    const series = soakSeries(samples, Math.max(1, Math.ceil(messagesPerSec * LAG_RISE_SEC)));
    const judgements = new Map<string, GrowthJudgement>(
      series.map((s) => [s.name, judgeGrowth(s.values, s.rule, warmUpCount)]),
    );
    const verdicts: Record<string, 'ok' | 'growth'> = Object.fromEntries(
      [...judgements].map(([name, j]) => [name, j.verdict]),
    );
    verdicts['kafka.lagAtEnd'] = finalLag === 0 ? 'ok' : 'growth';
    const isComplete =
      producedReadings !== undefined &&
      counts.readings === producedReadings &&
      counts.distinctKeys === producedReadings &&
      counts.deadLetters === 0;
    const isPassed = isComplete && Object.values(verdicts).every((v) => v === 'ok');
    const restarts = Object.fromEntries(
      Object.entries(pidsSeen)
        .filter(([, pids]) => pids.length > 1)
        .map(([role, pids]) => [role, pids.length - 1]),
    );
    const summary = {
      durationMin: options['duration-min'],
      rate: options.rate,
      sampleSec: options['sample-sec'],
      samples: samples.length,
      warmUpSamples: warmUpCount,
      isJudged: [...judgements.values()].every((j) => j.isJudged),
      verdicts,
      growth: Object.fromEntries(
        [...judgements].filter(([, j]) => j.verdict === 'growth').map(([n, j]) => [n, j.reason]),
      ),
      produced: producedReadings ?? null,
      stored: counts.readings,
      distinctKeys: counts.distinctKeys,
      deadLetters: counts.deadLetters,
      messagesPerSec: Math.round(messagesPerSec),
      finalLag,
      drainSec: Math.round(drainSec * 10) / 10,
      restarts,
      passed: isPassed,
    };

    const elapsed = samples.map((s) => s.elapsedSec);
    if (!options.json) {
      process.stdout.write(
        `\n${formatSampleTable(elapsed, series)}\n\n${formatSparklines(series, judgements)}\n\n`,
      );
    }
    if (options.html !== undefined) {
      const file = resolve(process.env['INIT_CWD'] ?? process.cwd(), options.html);
      writeFileSync(
        file,
        renderHtmlReport({
          title: `Soak: ${options.rate} readings/s for ${options['duration-min']} min`,
          summary,
          elapsedSec: elapsed,
          series,
          judgements,
        }),
      );
      say(`  HTML report: ${file}`);
    }
    const full = options.json
      ? {
          ...summary,
          series: Object.fromEntries(
            series.map((s) => [
              s.name,
              { unit: s.unit, values: s.values.map((v) => (Number.isFinite(v) ? v : null)) },
            ]),
          ),
          elapsedSec: elapsed,
        }
      : summary;
    process.stdout.write(`${JSON.stringify(full)}\n`);
    return isPassed ? 0 : 1;
  } finally {
    if (producer !== undefined) await stopProcess(producer);
    await stopProcess(runner.child);
    await fixture.close();
  }
}
