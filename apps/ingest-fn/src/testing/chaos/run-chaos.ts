// A chaos run: the known readings flow producer -> broker -> runner -> function -> MariaDB on a private stack while
// the seeded schedule kills, pauses and locks its parts; then the database is compared with the known set.
import { createFleet, createLiveStream, type Reading } from '@lakehouse/domain';
import { consumerGroupLag, createPublisher, type ConsumerGroupLag } from '@lakehouse/streaming';
import { readStackSettings, spawnBundledApp, spawnLocalApp } from '@lakehouse/testing';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RowDataPacket } from 'mysql2/promise';
import {
  createPipelineFixture,
  startPrivateStack,
  startRunner,
  stopProcess,
  type PipelineFixture,
  type PrivateStack,
} from '../pipeline.js';
import {
  accountChaosRun,
  type ChaosReport,
  type PhaseOutcome,
  type StoredState,
} from './chaos-accounting.js';
import { planFaults, type FaultKind, type PlannedFault } from './fault-schedule.js';
import { knownSetLayout, phaseLines, writeKnownReadings, type KnownSetLayout } from './known-readings.js';

/** Settings of {@link runChaos}. */
export interface ChaosOptions {
  /** About this many readings (whole rounds of the fleet). */
  readonly readings: number;
  readonly seed: number;
  readonly kinds: readonly FaultKind[];
  /** Injections of each kind. @default 1 */
  readonly rounds?: number;
  /** Readings per second the producer publishes. */
  readonly readingsPerSec: number;
  /** Readings of one asset per stream message. @default 100 */
  readonly perMessage?: number;
  /** @default 100 */
  readonly assets?: number;
  /** @default 6 */
  readonly partitions?: number;
  /** The runner's invocation timeout (FUNCTION_TIMEOUT_SEC). @default 5 */
  readonly functionTimeoutSec?: number;
  /** Longest wait for a phase to recover and reach lag 0. @default 300_000 */
  readonly phaseTimeoutMs?: number;
  /** Run the apps from their bundles (`nx build`) instead of their sources. @default false */
  readonly isBundled?: boolean;
}

/** A chaos run's report plus what the figures rest on. */
export interface ChaosResult extends ChaosReport {
  readonly seed: number;
  readonly readings: number;
  readonly schedule: readonly PlannedFault[];
  /** Messages in the topic beyond the known set's: what restarted producers sent again (absorbed by the key). */
  readonly resentMessages: number;
  /** Producer or runner exits the schedule did not cause (each was restarted). */
  readonly unplannedExits: number;
  readonly elapsedSeconds: number;
}

const POLL_MS = 500;
const WARM_UP_ASSET = 'CHAOS-WARM-UP';

/** One reading of an asset outside the known set, a second before it. */
function warmUpReading(layout: KnownSetLayout): Reading {
  const fleet = createFleet({ seed: layout.seed, assets: 1 });
  const stream = createLiveStream({
    seed: layout.seed,
    fleet,
    startMs: layout.startMs - 1_000,
    intervalMs: 1_000,
  });
  return { ...stream.next().value, assetId: WARM_UP_ASSET };
}

interface LagSample {
  readonly atMs: number;
  readonly committed: number;
  readonly end: number;
  readonly lag: number;
}

/** Polls the consumer group's committed and end offsets (cheap broker requests; the table is never counted). */
function startLagMonitor(fixture: PipelineFixture): {
  latest: () => LagSample | undefined;
  /** First sample taken after `sinceMs` that satisfies `done`, waiting up to `timeoutMs`. */
  waitFor: (
    sinceMs: number,
    done: (s: LagSample) => boolean,
    timeoutMs: number,
  ) => Promise<LagSample | undefined>;
  stop: () => Promise<void>;
} {
  let last: LagSample | undefined;
  let running = true;
  const groupId = fixture.env['CONSUMER_GROUP'] ?? '';
  const loop = (async () => {
    while (running) {
      const startedMs = Date.now();
      // While the broker is down a request can hang in the client's retries; the poll gives up after 5 s.
      const lag = await Promise.race([
        consumerGroupLag(fixture.kafka, { topic: fixture.topic, groupId }).catch(() => undefined),
        sleep(5_000).then(() => undefined),
      ]);
      if (lag !== undefined) last = sampleOf(lag, startedMs);
      await sleep(POLL_MS);
    }
  })();
  return {
    latest: () => last,
    async waitFor(sinceMs, done, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const s = last;
        if (s !== undefined && s.atMs >= sinceMs && done(s)) return s;
        await sleep(100);
      }
      return undefined;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

function sampleOf(lag: ConsumerGroupLag, atMs: number): LagSample {
  const committed = lag.partitions.reduce((n, p) => n + p.committedOffset, 0);
  const end = lag.partitions.reduce((n, p) => n + p.endOffset, 0);
  return { atMs, committed, end, lag: lag.total };
}

function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${String(pid)}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function killAndWait(pid: number, timeoutMs = 30_000): Promise<void> {
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline)
      throw new Error(`pid ${String(pid)} survived SIGKILL for ${String(timeoutMs)} ms`);
    await sleep(50);
  }
}

function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`${file} holds no pid`);
  return pid;
}

function functionPids(fixture: PipelineFixture): number[] {
  try {
    return (
      JSON.parse(readFileSync(join(fixture.stateDir, 'function-pids.json'), 'utf8')) as number[]
    ).filter(isAlive);
  } catch {
    return [];
  }
}

/**
 * The producer of one phase. It publishes the phase's file; when it dies (killed by the schedule or failing on a
 * long broker outage) it is started again on the whole file. The phase's start is the only point known to be
 * acknowledged: the previous phase's producer exited 0 (every send acknowledged), while inside a run
 * acknowledgements come out of order (a send waiting in its retry backoff while later sends succeed), so no count
 * of handed or acknowledged lines marks a prefix that is safe to skip. The lines are sent again byte for byte: same
 * key (asset id), same readings (asset_id, recorded_at), which the function's upsert absorbs.
 */
class PhaseProducer {
  private child: ChildProcess | undefined;
  private exitCode: number | null | undefined;
  private expectedKill = false;
  unplannedExits = 0;
  private readonly statusFile: string;

  constructor(
    private readonly file: string,
    dir: string,
    private readonly env: Readonly<Record<string, string>>,
    private readonly args: readonly string[],
    private readonly isBundled: boolean,
    private readonly say: (line: string) => void,
  ) {
    this.statusFile = join(dir, `${file.replace(/^.*\//, '')}.status.json`);
  }

  /** Lines acknowledged for sure (all of them once a run exited 0). */
  acknowledgedLines(lines: number): number {
    return this.exitCode === 0 ? lines : 0;
  }

  /** When its last run exited 0 (every line acknowledged), or undefined while it has not. */
  doneAtMs: number | undefined;

  /** True when `sample` was taken after the phase was fully published, so its end offsets hold every line. */
  isDoneBefore(sample: { readonly atMs: number }): boolean {
    return this.doneAtMs !== undefined && sample.atMs >= this.doneAtMs;
  }

  /** Lines the current run has handed to its publisher (from its status file), or 0. */
  handed(): number {
    try {
      return (
        Number((JSON.parse(readFileSync(this.statusFile, 'utf8')) as { readings?: unknown }).readings) || 0
      );
    } catch {
      return 0;
    }
  }

  start(): void {
    rmSync(this.statusFile, { force: true });
    const args = ['--replay', this.file, '--status-file', this.statusFile, ...this.args];
    const child = this.isBundled
      ? spawnBundledApp('producer', args, this.env)
      : spawnLocalApp('producer', args, this.env);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-2_000)));
    child.stdout?.resume();
    this.child = child;
    this.exitCode = undefined;
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.exitCode = code;
      if (code === 0) {
        this.doneAtMs = Date.now();
        return;
      }
      // Died on its own (e.g. the broker was down longer than its send retries): the phase is published again.
      if (this.expectedKill) return;
      this.unplannedExits += 1;
      this.say(`  producer exited (${String(code)}) on its own: ${stderr.trim().split('\n').at(-1) ?? ''}`);
      this.start();
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.expectedKill = true;
    await stopProcess(child, 'SIGKILL');
    this.expectedKill = false;
  }

  /** Starts it again unless its last run completed. */
  restart(): void {
    if (this.exitCode !== 0) this.start();
  }

  /** True once the current run has published something (or finished). */
  hasStarted(): boolean {
    return this.exitCode === 0 || this.handed() > 0;
  }

  async stop(): Promise<void> {
    if (this.child !== undefined && this.exitCode === undefined) {
      this.expectedKill = true;
      await stopProcess(this.child, 'SIGKILL');
    }
  }
}

/** Reads every stored key and every dead-lettered record. */
async function readStoredState(fixture: PipelineFixture): Promise<StoredState> {
  const [assets] = await fixture.pool.query<RowDataPacket[]>('SELECT DISTINCT asset_id FROM readings');
  const instantsByAsset = new Map<string, number[]>();
  for (const row of assets) {
    const id = String(row.asset_id);
    // DATETIME holds UTC wall time; the difference from the epoch does not depend on the session time zone.
    const [rows] = await fixture.pool.query<RowDataPacket[]>(
      "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', recorded_at) DIV 1000 AS ms FROM readings WHERE asset_id = ?",
      [id],
    );
    instantsByAsset.set(
      id,
      rows.map((r) => Number(r.ms)),
    );
  }
  const [letters] = await fixture.pool.query<RowDataPacket[]>('SELECT raw_payload FROM dead_letters');
  const deadLetteredRecords: { assetId: string; recordedAtMs: number }[] = [];
  for (const letter of letters) {
    const payload = Buffer.isBuffer(letter.raw_payload)
      ? letter.raw_payload.toString('utf8')
      : String(letter.raw_payload);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      deadLetteredRecords.push({ assetId: '', recordedAtMs: Number.NaN });
      continue;
    }
    for (const record of Array.isArray(parsed) ? parsed : [parsed]) {
      const r = record as { assetId?: unknown; recordedAt?: unknown };
      const at = typeof r.recordedAt === 'string' ? Date.parse(r.recordedAt) : Number(r.recordedAt);
      deadLetteredRecords.push({ assetId: String(r.assetId), recordedAtMs: at });
    }
  }
  return { instantsByAsset, deadLetteredRecords };
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/**
 * Runs the chaos harness: a private stack (so killing its broker or database disturbs nobody), one phase per
 * planned fault, each phase publishing its slice of the known set while its fault is injected and healed, then
 * waiting until the consumer group's lag is 0. Progress goes to `say`; the result carries the accounting.
 */
export async function runChaos(options: ChaosOptions, say: (line: string) => void): Promise<ChaosResult> {
  const startedMs = Date.now();
  const perMessage = options.perMessage ?? 100;
  const partitions = options.partitions ?? 6;
  const functionTimeoutSec = options.functionTimeoutSec ?? 5;
  const phaseTimeoutMs = options.phaseTimeoutMs ?? 300_000;
  const isBundled = options.isBundled ?? false;
  const schedule = planFaults({
    seed: options.seed,
    kinds: options.kinds,
    ...(options.rounds === undefined ? {} : { rounds: options.rounds }),
    functionTimeoutMs: functionTimeoutSec * 1_000,
  });
  const layout = knownSetLayout({
    seed: options.seed,
    readings: options.readings,
    assets: options.assets ?? 100,
    perMessage,
  });
  const workDir = mkdtempSync(join(tmpdir(), 'chaos-'));
  let stack: PrivateStack | undefined;
  let fixture: PipelineFixture | undefined;
  let runner: ReturnType<typeof startRunner> | undefined;
  let monitor: ReturnType<typeof startLagMonitor> | undefined;
  let progress: NodeJS.Timeout | undefined;
  try {
    const { known, files } = await writeKnownReadings(layout, workDir, schedule.length);
    say(
      `chaos: ${known.readings.toLocaleString('en-US')} readings (${String(known.assets)} assets, ${String(perMessage)} per message, ${known.lines.toLocaleString('en-US')} messages), seed ${String(options.seed)}, ${String(schedule.length)} faults: ${schedule.map((f) => f.kind).join(', ')}`,
    );
    say('chaos: starting a private stack (MariaDB + Kafka on free ports)');
    stack = await startPrivateStack();
    const activeStack = stack;
    fixture = await createPipelineFixture(readStackSettings(stack.dir), {
      partitions,
      runnerEnv: {
        // 1 MiB deliveries (about 5,000 readings) stay well inside the 5 s timeout on a loaded machine; the
        // default 4 MiB could time out by itself and make the pause and lock faults indistinguishable from load.
        BATCH_SIZE_KBS: '1024',
        BATCH_TIME_SEC: '0.2',
        FUNCTION_INSTANCES: '2',
        FUNCTION_TIMEOUT_SEC: String(functionTimeoutSec),
        MAX_ATTEMPTS: '5',
        RETRY_MAX_MS: '2000',
      },
    });
    const active = fixture;
    let unplannedRunnerExits = 0;
    const launchRunner = (): ReturnType<typeof startRunner> => {
      const started = startRunner(active.env, { isBundled });
      started.child.on('exit', (code, signal) => {
        if (runner !== started || signal === 'SIGKILL' || signal === 'SIGTERM') return;
        unplannedRunnerExits += 1;
        say(
          `  runner exited (${String(code ?? signal)}) on its own; starting it again: ${started.output().slice(-500)}`,
        );
        runner = launchRunner();
      });
      return started;
    };
    runner = launchRunner();
    monitor = startLagMonitor(active);
    const lagMonitor = monitor;
    // The first phase starts with the group joined and the instances warm: one warm-up message goes all the way
    // through first (its row is removed again, so the table holds only the known set).
    say('chaos: warming up the pipeline');
    const publisher = await createPublisher(active.kafka, { topic: active.topic });
    await publisher.publish({
      key: WARM_UP_ASSET,
      value: Buffer.from(JSON.stringify(warmUpReading(layout))),
    });
    await publisher.close();
    if (
      (await lagMonitor.waitFor(Date.now(), (s) => s.committed >= 1 && s.lag === 0, phaseTimeoutMs)) ===
      undefined
    )
      throw new Error(`the pipeline did not store the warm-up message: ${runner.output().slice(-3_000)}`);
    await active.pool.query('DELETE FROM readings WHERE asset_id = ?', [WARM_UP_ASSET]);
    let currentPhase = '';
    progress = setInterval(() => {
      const s = lagMonitor.latest();
      if (s === undefined) return;
      say(
        `  ${String(seconds(Date.now() - startedMs))} s: ${currentPhase}; ${s.end.toLocaleString('en-US')} messages in the topic, ${s.committed.toLocaleString('en-US')} committed, lag ${s.lag.toLocaleString('en-US')}`,
      );
    }, 5_000);

    const lineRate = Math.max(1, Math.round(options.readingsPerSec / perMessage));
    const producerArgs = ['--rate', String(lineRate), '--partitions', String(partitions)];
    const outcomes: PhaseOutcome[] = [];
    const producers: PhaseProducer[] = [];
    let aborted = false;
    for (const fault of schedule) {
      const { from, to } = phaseLines(known.lines, schedule.length, fault.phase);
      if (aborted) {
        outcomes.push({
          kind: fault.kind,
          fromLine: from,
          toLine: to,
          sentLines: 0,
          recoverySeconds: null,
          catchUpSeconds: null,
          lagReturnedToZero: false,
        });
        continue;
      }
      const label = `fault ${String(fault.phase + 1)}/${String(schedule.length)} ${fault.kind}`;
      currentPhase = `${label}, messages ${String(from)}-${String(to)}`;
      const producer = new PhaseProducer(
        files[fault.phase] ?? '',
        workDir,
        active.env,
        producerArgs,
        isBundled,
        say,
      );
      producers.push(producer);
      producer.start();
      const phaseMs = ((to - from) / lineRate) * 1_000;
      const publishingDeadline = Date.now() + phaseTimeoutMs;
      while (!producer.hasStarted() && Date.now() < publishingDeadline) await sleep(50);
      await sleep(Math.max(0, fault.atFraction * phaseMs - 1_000));

      const injectedMs = Date.now();
      const healedMs = await inject(fault, {
        producer,
        fixture: active,
        stack: activeStack,
        say,
        runner: () => runner,
        relaunch: () => (runner = launchRunner()),
      });
      const atHeal = lagMonitor.latest();
      const storing = await lagMonitor.waitFor(
        healedMs,
        (s) => s.committed > (atHeal?.committed ?? 0) || (s.lag === 0 && producer.isDoneBefore(s)),
        phaseTimeoutMs,
      );
      const recoverySeconds = storing === undefined ? null : seconds(storing.atMs - injectedMs);
      const caughtUp = await lagMonitor.waitFor(
        Date.now(),
        (s) => s.lag === 0 && producer.isDoneBefore(s),
        Math.max(0, phaseTimeoutMs - (Date.now() - injectedMs)),
      );
      const catchUpSeconds = caughtUp === undefined ? null : seconds(caughtUp.atMs - injectedMs);
      say(
        `${label}: injected at ${String(seconds(injectedMs - startedMs))} s (hold ${String(seconds(fault.holdMs))} s), healed after ${String(seconds(healedMs - injectedMs))} s, storing again after ${recoverySeconds === null ? 'never' : `${String(recoverySeconds)} s`}, lag 0 after ${catchUpSeconds === null ? 'never' : `${String(catchUpSeconds)} s`}`,
      );
      if (caughtUp === undefined) {
        aborted = true;
        say(
          `${label}: the pipeline did not catch up in ${String(seconds(phaseTimeoutMs))} s; no further faults`,
        );
        await producer.stop();
      }
      outcomes.push({
        kind: fault.kind,
        fromLine: from,
        toLine: to,
        sentLines: producer.acknowledgedLines(to - from),
        recoverySeconds,
        catchUpSeconds,
        lagReturnedToZero: caughtUp !== undefined,
      });
    }
    clearInterval(progress);
    progress = undefined;
    await monitor.stop();
    const final = await consumerGroupLag(active.kafka, {
      topic: active.topic,
      groupId: active.env['CONSUMER_GROUP'] ?? '',
    });
    const current = runner;
    runner = undefined;
    await stopProcess(current.child);
    const state = await readStoredState(active);
    const report = accountChaosRun(known, outcomes, state);
    const publishedLines = outcomes.reduce((n, o) => n + o.sentLines, 0);
    return {
      seed: options.seed,
      readings: known.readings,
      schedule,
      ...report,
      resentMessages: Math.max(0, sampleOf(final, Date.now()).end - publishedLines - 1),
      unplannedExits: unplannedRunnerExits + producers.reduce((n, p) => n + p.unplannedExits, 0),
      elapsedSeconds: seconds(Date.now() - startedMs),
    };
  } finally {
    if (progress !== undefined) clearInterval(progress);
    await monitor?.stop();
    const left = runner;
    runner = undefined;
    if (left !== undefined) await stopProcess(left.child);
    await fixture?.close().catch(() => undefined);
    await stack?.destroy();
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface FaultContext {
  readonly producer: PhaseProducer;
  readonly fixture: PipelineFixture;
  readonly stack: PrivateStack;
  readonly say: (line: string) => void;
  readonly runner: () => ReturnType<typeof startRunner> | undefined;
  readonly relaunch: () => void;
}

/** Injects one fault and heals it; resolves with the instant it was healed. */
async function inject(fault: PlannedFault, ctx: FaultContext): Promise<number> {
  const pickInstance = async (): Promise<number | undefined> => {
    // The runner may be starting an instance again; wait briefly for a live one.
    for (let i = 0; i < 100; i += 1) {
      const pids = functionPids(ctx.fixture);
      const pid = pids[Math.floor(fault.pick * pids.length)];
      if (pid !== undefined) return pid;
      await sleep(100);
    }
    return undefined;
  };
  switch (fault.kind) {
    case 'producer-kill':
      await ctx.producer.kill();
      await sleep(fault.holdMs);
      ctx.producer.restart();
      return Date.now();
    case 'runner-kill': {
      const current = ctx.runner();
      const instances = functionPids(ctx.fixture);
      if (current !== undefined) await stopProcess(current.child, 'SIGKILL');
      // Its function instances notice the closed IPC channel and exit with it.
      for (const pid of instances) if (isAlive(pid)) await killAndWait(pid, 10_000).catch(() => undefined);
      await sleep(fault.holdMs);
      ctx.relaunch();
      return Date.now();
    }
    case 'function-kill': {
      const pid = await pickInstance();
      if (pid === undefined) throw new Error('no live function instance to kill');
      await killAndWait(pid);
      return Date.now();
    }
    case 'function-pause': {
      const pid = await pickInstance();
      if (pid === undefined) throw new Error('no live function instance to pause');
      process.kill(pid, 'SIGSTOP');
      await sleep(fault.holdMs);
      process.kill(pid, 'SIGCONT');
      return Date.now();
    }
    case 'broker-kill':
    case 'database-kill': {
      const pidFile =
        fault.kind === 'broker-kill'
          ? join(ctx.stack.dir, 'kafka', 'kafka.pid')
          : join(ctx.stack.dir, 'mariadb', 'mariadbd.pid');
      await killAndWait(readPid(pidFile));
      await sleep(fault.holdMs);
      await ctx.stack.run('up');
      return Date.now();
    }
    case 'database-lock': {
      // A session holding the table: every write of the function waits on it, past the invocation timeout.
      const connection = await ctx.fixture.pool.getConnection();
      try {
        await connection.query('LOCK TABLES readings WRITE');
        await sleep(fault.holdMs);
        await connection.query('UNLOCK TABLES');
      } finally {
        connection.release();
      }
      return Date.now();
    }
  }
}
