/**
 * `npm run demo`: the whole lakehouse on the local stack, one command. See DEMO_USAGE for the flags.
 *   1. local stack up (MariaDB for MySQL HeatWave, Kafka for OCI Streaming; the Spark jars for Data Flow), schema;
 *   2. a labelled fleet history written to the raw bucket and bulk-loaded by the Data Flow Spark job (or the fast
 *      loader), hourly aggregates, assets with their register (master data) and labelled failures, daily rollups;
 *   3. the failure model trained on the history in MySQL, registered and activated, and the history scored with it
 *      (hourly aggregates and daily rollups rebuilt for the scored hours);
 *   4. the Connector Hub runner with the ingest function, the API with the dashboard, the producer;
 *   5. a status screen until Ctrl-C (or --duration), then a clean stop of everything the demo started.
 * A second run reuses the stack, the loaded history and the active model. Child output goes to <state>/logs.
 */
import { createLogger } from '@lakehouse/runtime';
import { activeModelId, getModel } from '@lakehouse/scoring';
import {
  createSqlPool,
  detectServer,
  migrate,
  rebuildDailyRollups,
  rebuildHourlyAggregates,
  refreshAggregates,
} from '@lakehouse/sql';
import { createKafkaClient, ensureTopic } from '@lakehouse/streaming';
import {
  localAppEnv,
  readStackSettings,
  stackDir,
  WORKSPACE_ROOT,
  type StackSettings,
} from '@lakehouse/testing';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection as createMysqlConnection } from 'mysql2/promise';
import { stackSqlConfig } from '../db/stack-sql-config.js';
import { isPortOpen } from '../local-stack/process-control.js';
import { DEMO_USAGE, DemoUsageError, parseDemoOptions, type DemoOptions } from './demo-options.js';
import { listeningPort, runToEnd, startService, type DemoService } from './demo-processes.js';
import {
  filesExist,
  isSameHistory,
  readHistoryState,
  writeHistoryState,
  type HistoryState,
} from './history-state.js';
import {
  copyLakeAggregates,
  readingsBetween,
  recordLabelledFailures,
  registerAssetsFromHistory,
  registerFleetMasterData,
  removeHistory,
} from './history-sql.js';
import { renderStatus, renderStatusLine, type StatusSample } from './status-screen.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const TSX = ['--import', 'tsx', '--conditions=@lakehouse/source'];
/** Set by Ctrl-C: a step that fails then failed because it was interrupted. */
let interrupted = false;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Where a step logs, what it runs with, and where its time is recorded. */
interface StepContext {
  readonly logDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timings: [string, number][];
}

/** Everything a run needs once the stack is up. */
interface Run extends StepContext {
  readonly options: DemoOptions;
  readonly settings: StackSettings;
  readonly database: string;
  readonly stateDir: string;
  readonly buckets: { readonly raw: string; readonly rejects: string; readonly silver: string };
}

async function step<T>(run: StepContext, title: string, work: () => Promise<T>): Promise<T> {
  say(`▶ ${title}`);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    run.timings.push([title, ms]);
    say(`✔ ${title} (${seconds(ms)})`);
    return result;
  } catch (err: unknown) {
    say(`✖ ${title} (${seconds(performance.now() - started)})`);
    throw err;
  }
}

/** Prints a child's progress lines, indented and at most one a second per step (the log has them all). */
function progress(label: string): (line: string) => void {
  let shownAt = 0;
  return (line) => {
    const text = line.trim();
    if (text === '' || text.startsWith('{')) return;
    const now = performance.now();
    if (now - shownAt < 1_000) return;
    shownAt = now;
    const shown = text.startsWith(`${label}:`) || text.startsWith('[') ? text : `${label}: ${text}`;
    say(`    ${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown}`);
  };
}

/** Runs a workspace TypeScript entry (an app's CLI) to its end, as its Nx target would. */
function tsxCommand(
  run: StepContext,
  title: string,
  file: string,
  args: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<string> {
  return runToEnd(title, process.execPath, [...TSX, join(WORKSPACE_ROOT, file), ...args], {
    cwd: WORKSPACE_ROOT,
    env: { ...run.env, ...extraEnv },
    logFile: join(run.logDir, `${title.split(' ')[0] ?? 'step'}.log`),
    onLine: progress(title),
  });
}

/** Whether MariaDB and Kafka of an earlier `stack up` still answer (then the demo leaves the stack running). */
async function stackAlreadyUp(dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'stack.json'))) return false;
  try {
    const s = readStackSettings(dir);
    const [host, port] = (s.kafka.brokers[0] ?? '').split(':');
    return (
      (await isPortOpen(s.mariadb.host, s.mariadb.port)) &&
      (await isPortOpen(host ?? '127.0.0.1', Number(port)))
    );
  } catch {
    return false;
  }
}

async function ensureDatabase(settings: StackSettings, database: string): Promise<void> {
  if (database === settings.mariadb.database) return;
  const conn = await createMysqlConnection({
    host: settings.mariadb.host,
    port: settings.mariadb.port,
    user: settings.mariadb.rootUser,
    password: settings.mariadb.rootPassword,
  });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await conn.end();
  }
}

/** Writes the labelled history into the raw bucket with `bulk-load generate`; records it as not yet loaded. */
async function generateHistoryFiles(
  ctx: StepContext,
  where: { readonly rawDir: string; readonly stateDir: string; readonly stateKey: string },
  spec: HistoryState['spec'],
): Promise<HistoryState> {
  return step(
    ctx,
    `generate ${spec.rows.toLocaleString('en-US')} labelled readings into the raw bucket`,
    async () => {
      const out = await tsxCommand(ctx, 'generate', 'apps/bulk-load/src/main.ts', [
        'generate',
        '--out',
        where.rawDir,
        '--rows',
        String(spec.rows),
        '--assets',
        String(spec.assets),
        '--sites',
        String(spec.sites),
        '--lines',
        String(spec.linesPerSite),
        '--seed',
        String(spec.seed),
      ]);
      const written = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
        files: string[];
        startAt: string;
        endAt: string;
        bytes: number;
      };
      say(
        `    ${String(written.files.length)} files, ${(written.bytes / 1e6).toFixed(0)} MB, ${written.startAt} .. ${written.endAt}`,
      );
      const state: HistoryState = {
        spec,
        files: written.files,
        startMs: Date.parse(written.startAt),
        endMs: Date.parse(written.endAt),
        loaded: false,
      };
      writeHistoryState(where.stateDir, where.stateKey, state);
      return state;
    },
  );
}

/**
 * Removes the history an earlier run loaded, before a new one (another size or seed, or --fresh) takes its place:
 * its bulk readings, labelled failure events and hourly aggregates. Streamed readings stay; says how many of them
 * fall in the old window, whose aggregates are rebuilt after the load.
 */
async function replacePreviousHistory(
  run: Run,
  pool: Pool,
  previous: HistoryState,
): Promise<{ readonly startMs: number; readonly streamedInWindow: number }> {
  const removed = await step(run, 'remove the previous history (a new one replaces it)', async () => {
    const result = await removeHistory(pool, previous.startMs, previous.endMs, {
      onProgress: (n) => say(`    ${n.toLocaleString('en-US')} readings removed`),
    });
    say(
      `    ${result.readings.toLocaleString('en-US')} readings from ${new Date(previous.startMs).toISOString()} to ${new Date(previous.endMs).toISOString()}, ${result.failureEvents.toLocaleString('en-US')} labelled failures, ${result.hourlyAggregates.toLocaleString('en-US')} hourly aggregates removed; ${result.streamedKept.toLocaleString('en-US')} streamed readings kept`,
    );
    return result;
  });
  return { startMs: previous.startMs, streamedInWindow: removed.streamedKept };
}

/** Loads the raw history files into MySQL and builds what the API reads from them. */
async function loadHistory(run: Run, pool: Pool, history: HistoryState): Promise<void> {
  const { options } = run;
  if (options.loader === 'spark') {
    await step(run, 'spark job (Data Flow stand-in): raw files -> readings + silver aggregates', async () => {
      const out = await tsxCommand(run, 'spark', 'apps/bulk-load/src/main.ts', [
        'spark',
        'run',
        '--raw',
        run.buckets.raw,
        '--rejects',
        run.buckets.rejects,
        '--silver',
        run.buckets.silver,
      ]);
      const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
        seconds?: number;
        summary?: { validRows: number; rejectedRows: number; hourlyRows: number };
      };
      const s = result.summary;
      say(
        s === undefined
          ? `    spark: ${out.trim()}`
          : `    ${s.validRows.toLocaleString('en-US')} readings stored, ${s.rejectedRows.toLocaleString('en-US')} rejected (rejects bucket), ${s.hourlyRows.toLocaleString('en-US')} hourly aggregates in the silver bucket`,
      );
    });
    await step(
      run,
      'heatwave load (Lakehouse table over the silver files; RAPID load on HeatWave)',
      async () => {
        await tsxCommand(run, 'heatwave', 'apps/bulk-load/src/main.ts', ['heatwave', 'load'], {
          HEATWAVE_SILVER_DIR: run.buckets.silver,
        });
        say(`    ${String(await copyLakeAggregates(pool))} silver rows copied into hourly_aggregates`);
      },
    );
  } else {
    await step(run, 'fast loader: raw files -> readings (validated LOAD DATA)', async () => {
      const out = await tsxCommand(run, 'fast-load', 'apps/bulk-load/src/main.ts', [
        'load',
        ...history.files,
        '--out',
        run.buckets.rejects,
      ]);
      const summary = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
        rowsLoaded?: number;
        rowsRejected?: number;
        rowsPerSec?: number;
      };
      say(
        `    ${(summary.rowsLoaded ?? 0).toLocaleString('en-US')} readings stored, ${(summary.rowsRejected ?? 0).toLocaleString('en-US')} rejected (rejects bucket), ${Math.round(summary.rowsPerSec ?? 0).toLocaleString('en-US')} rows/s`,
      );
    });
  }
  await step(
    run,
    'assets, asset register, labelled failures, hourly aggregates and daily rollups',
    async () => {
      const assets = await registerAssetsFromHistory(pool);
      if (options.loader === 'fast') await rebuildHourlyAggregates(pool);
      const failures = await recordLabelledFailures(pool, history.startMs, history.endMs);
      const days = await rebuildDailyRollups(pool, { fromMs: history.startMs, toMs: history.endMs + 1 });
      say(
        `    assets registered (${String(assets)} rows changed), ${String(failures)} labelled failures recorded, ${String(days)} daily rollup rows`,
      );
      say(`    ${describeRegister(await registerFleetMasterData(pool, history.spec, history.endMs))}`);
    },
  );
}

/** One line on what the register write did. */
function describeRegister(result: {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}): string {
  return `asset register (maker, model, install date, service life, criticality): ${String(result.inserted)} new, ${String(result.updated)} updated, ${String(result.unchanged)} unchanged`;
}

/** The live hours (the current and the previous one) and the days they fall in: what streaming changes. */
async function refreshLiveAggregates(pool: Pool): Promise<void> {
  const now = Date.now();
  await refreshAggregates(pool, [now - 3_600_000, now]);
}

/** What the database holds at the end of a run. */
async function printTotals(pool: Pool): Promise<void> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM readings) AS readings,
            (SELECT COUNT(*) FROM readings WHERE source = 'stream') AS streamed,
            (SELECT COUNT(*) FROM dead_letters) AS dead,
            (SELECT COUNT(*) FROM hourly_aggregates) AS hours,
            (SELECT COUNT(*) FROM daily_rollups) AS days,
            (SELECT COUNT(*) FROM assets) AS assets,
            (SELECT COUNT(*) FROM alert_episodes) AS episodes,
            (SELECT COUNT(*) FROM alert_episodes WHERE state = 'open') AS open_episodes,
            (SELECT COUNT(*) FROM alert_notifications WHERE delivered_at IS NOT NULL) AS delivered`,
  );
  const t: Record<string, unknown> = rows[0] ?? {};
  const n = (key: string): string => Number(t[key] ?? 0).toLocaleString('en-US');
  say(
    `\nThe database holds ${n('readings')} readings (${n('streamed')} from the stream), ${n('dead')} dead letters, ${n('hours')} hourly aggregates, ${n('days')} daily rollups, ${n('assets')} assets, ${n('episodes')} alert episodes (${n('open_episodes')} open; ${n('delivered')} notifications delivered).`,
  );
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

async function apiJson(url: string, key: string): Promise<unknown> {
  const res = await fetch(url, { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(2_000) });
  if (!res.ok) throw new Error(`${url} answered ${String(res.status)}`);
  return res.json();
}

interface Live {
  readonly services: DemoService[];
  readonly producer?: DemoService;
  readonly producerStatus: string;
  readonly runnerStatus: string;
  readonly api?: { readonly base: string; readonly key: string };
  /** The local receiver of alert-episode notifications (the on-call tool's stand-in). */
  readonly webhook?: WebhookReceiver;
}

async function sample(live: Live, withApi: boolean, last?: StatusSample): Promise<StatusSample> {
  const producer = readJson(live.producerStatus);
  const runner = readJson(live.runnerStatus);
  let alerts = last?.alerts ?? null;
  let model = last?.model ?? null;
  let apiNote: string | undefined = live.api === undefined ? 'API skipped' : last?.apiNote;
  if (live.api !== undefined && withApi) {
    try {
      const summary = (await apiJson(`${live.api.base}/api/v1/alert-episodes/summary`, live.api.key)) as {
        open: number;
        openHigh: number;
        openedLastMinute: number;
        resolvedLastMinute: number;
        pendingNotifications: number;
      };
      alerts = {
        open: summary.open,
        openHigh: summary.openHigh,
        openedLastMinute: summary.openedLastMinute,
        resolvedLastMinute: summary.resolvedLastMinute,
        pendingNotifications: summary.pendingNotifications,
        delivered: live.webhook?.received() ?? 0,
      };
      const models = (await apiJson(`${live.api.base}/api/v1/models`, live.api.key)) as {
        activeModelId: number | null;
        items: { modelId: number; name: string; version: number }[];
      };
      const active = models.items.find((m) => m.modelId === models.activeModelId);
      model =
        active === undefined ? null : { modelId: active.modelId, name: active.name, version: active.version };
      apiNote = undefined;
    } catch (err: unknown) {
      apiNote = `API not answering (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  return {
    atMs: Date.now(),
    produced: num(producer?.['readings']),
    isProducerDone: producer?.['done'] === true,
    stored: num(runner?.['stored']),
    deadLettered: num(runner?.['deadLettered']),
    lag: num(runner?.['lag']),
    alerts,
    model,
    ...(apiNote === undefined ? {} : { apiNote }),
  };
}

/** Shows the status screen until Ctrl-C, a service dies, or (with --duration) every produced reading is handled. */
async function watch(run: Run, pool: Pool, live: Live, stop: AbortSignal): Promise<'stopped' | 'done'> {
  const isTty = process.stdout.isTTY === true;
  const context = {
    startedAtMs: Date.now(),
    dashboardUrl: live.api === undefined ? null : `${live.api.base}/`,
    stream: run.options.stream,
  };
  let previous: StatusSample | undefined;
  let drawn = 0;
  let tick = 0;
  let aggregatesAt = Date.now();
  let drainedSince: number | undefined;
  // Every service that ends is noted; only the producer may end (with --duration, exit 0).
  const ended: { name: string; code: number | null }[] = [];
  for (const s of live.services) void s.exited.then((code) => ended.push({ name: s.name, code }));
  for (;;) {
    if (stop.aborted) return 'stopped';
    const current = await sample(live, tick % 2 === 0, previous);
    if (isTty) {
      const lines = renderStatus(current, previous, context);
      process.stdout.write(
        `${drawn > 0 ? `\x1b[${String(drawn)}A` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`,
      );
      drawn = lines.length;
    } else if (tick % 5 === 0) {
      say(renderStatusLine(current, previous, context));
    }
    previous = current;
    tick += 1;
    if (Date.now() - aggregatesAt >= 60_000) {
      aggregatesAt = Date.now();
      // The hourly batch job's stand-in for the live hours: refresh the current and the previous hour, then the
      // daily rollups of the days they fall in. A failed refresh must not stop the demo; it is written to the
      // demo's log, which the README points to.
      await refreshLiveAggregates(pool).catch((err: unknown) =>
        appendFileSync(
          join(run.logDir, 'demo.log'),
          `${new Date().toISOString()} hourly aggregates and daily rollups not refreshed: ${err instanceof Error ? err.message : String(err)}\n`,
        ),
      );
    }
    const dead = ended.find((e) => !(e.name === 'producer' && e.code === 0));
    if (dead !== undefined) {
      throw new Error(
        `${dead.name} stopped unexpectedly (exit ${String(dead.code)}); see ${join(run.logDir, `${dead.name}.log`)}`,
      );
    }
    const { durationSec } = run.options;
    if (durationSec !== undefined && live.producer === undefined) {
      if (Date.now() - context.startedAtMs >= durationSec * 1_000) return 'done';
    } else if (durationSec !== undefined && current.isProducerDone && current.produced !== null) {
      const handled = (current.stored ?? 0) + (current.deadLettered ?? 0);
      if (handled >= current.produced && current.lag === 0) return 'done';
      drainedSince ??= Date.now();
      if (Date.now() - drainedSince > 120_000) {
        throw new Error(
          `only ${String(handled)} of ${String(current.produced)} readings were stored or dead-lettered within 120 s of the producer's end`,
        );
      }
    }
    await sleep(1_000, undefined, { signal: stop }).catch(() => undefined);
  }
}

/**
 * Starts the runner (with the function instances), the API and the producer. Each service is added to `services`
 * as soon as it starts, so a failure part-way still stops the ones already running.
 */
async function startLive(run: Run, services: DemoService[]): Promise<Live> {
  const { options } = run;
  const producerStatus = join(run.stateDir, 'status', `producer-${run.database}.json`);
  const runnerState = join(run.stateDir, 'connector-runner', run.database);
  const runnerStatus = join(runnerState, 'status.json');
  // Totals of an earlier run must not show as this run's.
  rmSync(producerStatus, { force: true });
  rmSync(runnerStatus, { force: true });
  let producer: DemoService | undefined;
  let api: Live['api'];
  let webhook: WebhookReceiver | undefined;
  const bundle = (app: string): string => join(WORKSPACE_ROOT, 'apps', app, 'bundle', 'main.js');
  const logFile = (name: string): string => join(run.logDir, `${name}.log`);
  if (!options.skip.has('stream')) {
    await step(
      run,
      `stream "${options.stream}" and the Connector Hub runner with the ingest function`,
      async () => {
        const logger = createLogger(
          { name: 'demo', level: 'warn' },
          createWriteStream(logFile('demo'), { flags: 'a' }),
        );
        const kafka = createKafkaClient(
          { kind: 'local', brokers: run.settings.kafka.brokers, clientId: 'demo' },
          logger,
        );
        await ensureTopic(kafka, { topic: options.stream, partitions: 6 });
        services.push(
          startService('connector-runner', process.execPath, [bundle('connector-runner')], {
            cwd: WORKSPACE_ROOT,
            logFile: logFile('connector-runner'),
            env: {
              ...run.env,
              STREAM_NAME: options.stream,
              CONSUMER_GROUP: `demo.${run.database}.${options.stream}`,
              STATE_DIR: runnerState,
              STATUS_INTERVAL_MS: '1000',
              BATCH_TIME_SEC: '0.5',
              MODEL_REFRESH_MS: '5000',
              LOG_LEVEL: 'info',
            },
          }),
        );
      },
    );
  }
  if (!options.skip.has('api')) {
    await step(run, 'API and dashboard (Analytics Cloud stand-in)', async () => {
      const created = await tsxCommand(run, 'create-key', 'apps/api/scripts/local-stack.ts', [
        'create-key',
        '--name',
        `demo-${new Date().toISOString()}`,
        '--scopes',
        'read,admin',
      ]);
      const { key } = JSON.parse(created.trim().split('\n').at(-1) ?? '{}') as { key?: string };
      if (key === undefined) throw new Error(`create-key printed no key: ${created}`);
      // Notifications of alert episodes go to a receiver in this process, one JSON line per message.
      webhook = await startWebhookReceiver(join(run.logDir, 'notifications.jsonl'));
      const service = startService('api', process.execPath, [bundle('api')], {
        cwd: WORKSPACE_ROOT,
        logFile: logFile('api'),
        ipc: true,
        env: {
          ...run.env,
          API_HOST: '127.0.0.1',
          API_PORT: String(options.port),
          MODEL_REFRESH_MS: '5000',
          LOG_LEVEL: 'warn',
          ALERT_WEBHOOK_URL: webhook.url,
          // The local receiver has no rate limit: the first minute may open an episode for every asset.
          ALERT_NOTIFY_MAX_PER_MINUTE: '6000',
        },
      });
      services.push(service);
      const port = await listeningPort(service, 60_000).catch((err: unknown) => {
        throw new Error(`${err instanceof Error ? err.message : String(err)}; see ${logFile('api')}`);
      });
      api = { base: `http://127.0.0.1:${String(port)}`, key };
    });
  }
  if (!options.skip.has('stream')) {
    producer = startService(
      'producer',
      process.execPath,
      [
        bundle('producer'),
        '--assets',
        String(options.assets),
        '--sites',
        String(options.sites),
        '--lines',
        String(options.linesPerSite),
        '--seed',
        String(options.seed),
        '--rate',
        String(options.rate),
        ...(options.durationSec === undefined ? [] : ['--duration', String(options.durationSec)]),
        '--status-file',
        producerStatus,
      ],
      { cwd: WORKSPACE_ROOT, logFile: logFile('producer'), env: { ...run.env, STREAM_NAME: options.stream } },
    );
    // Stopped first: the producer flushes before the runner drains.
    services.unshift(producer);
  }
  return {
    services,
    ...(producer === undefined ? {} : { producer }),
    producerStatus,
    runnerStatus,
    ...(api === undefined ? {} : { api }),
    ...(webhook === undefined ? {} : { webhook }),
  };
}

async function main(): Promise<number> {
  let options: DemoOptions | null;
  try {
    options = parseDemoOptions(process.argv.slice(2));
  } catch (err: unknown) {
    if (err instanceof DemoUsageError) {
      process.stderr.write(`demo: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (options === null) {
    say(DEMO_USAGE);
    return 0;
  }
  const startedAtMs = performance.now();
  const dir = stackDir(process.env);
  const stateDir = resolve(options.stateDir ?? join(dir, 'demo'));
  const logDir = join(stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const spec = {
    rows: options.rows,
    assets: options.assets,
    sites: options.sites,
    linesPerSite: options.linesPerSite,
    seed: options.seed,
  };
  const timings: [string, number][] = [];
  const wasUp = options.skip.has('stack') || (await stackAlreadyUp(dir));
  const baseEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    NX_DAEMON: 'false',
    // The stack's own settings (folder, ports, Maven command) reach the steps that start or use it.
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[0].startsWith('LAKEHOUSE_') && entry[1] !== undefined,
      ),
    ),
  };
  // Stack start, jar download and build are the workspace's own tools: they get the whole environment (a Maven
  // mirror in MAVEN_OPTS, a proxy, JAVA_HOME). The apps get only what the stack and their settings need.
  const toolEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...baseEnv }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const early: StepContext = { logDir, env: toolEnv, timings };

  say(
    `Manufacturing lakehouse demo: ${options.assets} assets on ${options.sites} sites, ${options.rows.toLocaleString('en-US')} readings of history, ${options.rate.toLocaleString('en-US')} live readings/s (logs in ${logDir})`,
  );
  // Stack, builds and the Spark jars are independent: run them side by side.
  const prepare: Promise<unknown>[] = [];
  if (!options.skip.has('stack')) {
    prepare.push(
      step(early, 'local stack up (MariaDB = MySQL HeatWave, Kafka = OCI Streaming)', () =>
        tsxCommand(early, 'stack', 'tools/src/local-stack/cli.ts', ['up']),
      ),
    );
  }
  if (!options.skip.has('build')) {
    prepare.push(
      step(early, 'build: function, runner, producer and API bundles, dashboard (Nx, cached)', () =>
        runToEnd(
          'build',
          process.execPath,
          [
            join(WORKSPACE_ROOT, 'node_modules/nx/dist/bin/nx.js'),
            'run-many',
            '-t',
            'build',
            '-p',
            'api',
            'producer',
            'connector-runner',
            'ingest-fn',
            '--outputStyle=static',
          ],
          {
            cwd: WORKSPACE_ROOT,
            env: toolEnv,
            logFile: join(logDir, 'build.log'),
          },
        ),
      ),
    );
  }
  const stateKey = options.database ?? 'default';
  const bucketDir = join(stateDir, 'buckets', stateKey);
  const previousHistory = readHistoryState(stateDir, stateKey);
  const isSame = isSameHistory(previousHistory, spec);
  const mayLoad =
    !options.skip.has('history') && (options.isFresh || previousHistory?.loaded !== true || !isSame);
  // The raw files do not need the stack: write them while it starts, unless usable ones are there.
  let generated: Promise<HistoryState> | undefined;
  if (mayLoad && (options.isFresh || !isSame || !filesExist(previousHistory))) {
    generated = generateHistoryFiles(early, { rawDir: join(bucketDir, 'raw'), stateDir, stateKey }, spec);
    prepare.push(generated);
  }
  if (mayLoad && options.loader === 'spark') {
    prepare.push(
      step(early, 'Spark 3.5 jars (Data Flow stand-in; from Maven Central on the first run)', () =>
        tsxCommand(early, 'spark-jars', 'tools/src/local-stack/spark-jars-cli.ts', []),
      ),
    );
  }
  await Promise.all(prepare);

  const settings = readStackSettings(dir);
  const database = options.database ?? settings.mariadb.database;
  await ensureDatabase(settings, database);
  const run: Run = {
    ...early,
    options,
    stateDir,
    settings,
    database,
    buckets: {
      raw: join(bucketDir, 'raw'),
      rejects: join(bucketDir, 'rejects'),
      silver: join(bucketDir, 'silver'),
    },
    env: {
      ...localAppEnv(settings, { database }, process.env),
      ...baseEnv,
      SPARK_JARS_DIR: join(dir, 'spark', 'lib'),
      SPARK_WORK_DIR: join(stateDir, 'spark-work'),
      LOG_LEVEL: 'warn',
    },
  };
  const pool = await createSqlPool({ ...stackSqlConfig(settings, database), poolSize: 3 });
  const services: DemoService[] = [];
  let liveWebhook: WebhookReceiver | undefined;
  const stopping = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupted = true;
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    say('\nstopping (Ctrl-C again to force)...');
    stopping.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const s of services)
      if (s.child.exitCode === null && s.child.pid !== undefined) {
        try {
          process.kill(-s.child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
  });
  let outcome: 'stopped' | 'done' = 'stopped';
  try {
    const server = await detectServer(pool);
    await step(run, `migrate schema ${database}`, async () => {
      const result = await migrate(pool);
      say(
        `    ${server.version} (${server.kind}; HeatWave ${server.hasRapid ? 'present' : 'not present: RAPID and Lakehouse statements are skipped'}); ${String(result.applied.length)} migrations applied, ${String(result.alreadyApplied)} already there`,
      );
    });

    if (!options.skip.has('history')) {
      let history = generated === undefined ? previousHistory : await generated;
      const reusable =
        generated === undefined &&
        !options.isFresh &&
        history !== null &&
        history.loaded &&
        isSame &&
        (await readingsBetween(pool, history.startMs, history.endMs)) >= spec.rows;
      if (reusable && history !== null) {
        say(
          `✔ history already loaded: ${spec.rows.toLocaleString('en-US')} readings from ${new Date(history.startMs).toISOString()} to ${new Date(history.endMs).toISOString()} (--fresh loads it again)`,
        );
        // A history loaded before the register existed gets it now; otherwise every row is found unchanged.
        say(`    ${describeRegister(await registerFleetMasterData(pool, history.spec, history.endMs))}`);
      } else {
        // Recorded as loaded but missing from the database (dropped, another stack): load the files again.
        if (history === null || !isSameHistory(history, spec) || !filesExist(history)) {
          history = await generateHistoryFiles(run, { rawDir: run.buckets.raw, stateDir, stateKey }, spec);
        }
        const replaced =
          previousHistory?.loaded === true &&
          (previousHistory.startMs !== history.startMs || previousHistory.endMs !== history.endMs)
            ? await replacePreviousHistory(run, pool, previousHistory)
            : undefined;
        await loadHistory(run, pool, history);
        if (replaced !== undefined && replaced.streamedInWindow > 0) {
          await step(run, 'hourly aggregates of the streamed hours the old history shared', async () => {
            const hours = await rebuildHourlyAggregates(pool, { fromMs: replaced.startMs });
            const days = await rebuildDailyRollups(pool, { fromMs: replaced.startMs });
            say(`    ${String(hours)} hourly and ${String(days)} daily rows written`);
          });
        }
        writeHistoryState(stateDir, stateKey, { ...history, loaded: true, loader: options.loader });
      }
    }

    if (!options.skip.has('train')) {
      const activeId = await activeModelId(pool);
      const active = activeId === null ? null : await getModel(pool, activeId);
      if (active !== null && !options.isRetrain && !options.isFresh) {
        say(
          `✔ model in use: ${active.name} v${String(active.version)} (model ${String(active.modelId)}; --retrain trains a new one)`,
        );
      } else {
        await step(
          run,
          'train the failure model on the labelled history (ml-train), register and activate it',
          async () => {
            const out = await tsxCommand(run, 'ml-train', 'apps/ml-train/src/main.ts', ['train'], {
              // The demo trains once on a recent window of the history; `npx nx run ml-train:train` cross-validates.
              ML_CV_FOLDS: '0',
              ML_TRAIN_NEWEST_ROWS: String(options.trainRows),
            });
            for (const line of out.trim().split('\n')) say(`    ${line}`);
          },
        );
      }
    }

    if (!options.skip.has('score') && (await activeModelId(pool)) !== null) {
      await step(
        run,
        'score the history with the active model (ml-train score --history), hourly aggregates and daily rollups',
        async () => {
          const out = await tsxCommand(run, 'score-history', 'apps/ml-train/src/main.ts', [
            'score',
            '--history',
          ]);
          const summary = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
            scored?: number;
            hours?: number;
            days?: number;
            readingsPerSec?: number;
          };
          say(
            (summary.scored ?? 0) === 0
              ? "    every reading already carries the active model's probability"
              : `    ${(summary.scored ?? 0).toLocaleString('en-US')} readings scored (${(summary.readingsPerSec ?? 0).toLocaleString('en-US')} readings/s), aggregates of ${String(summary.hours ?? 0)} hours and ${String(summary.days ?? 0)} days rebuilt`,
          );
        },
      );
    }

    const live = await startLive(run, services);
    liveWebhook = live.webhook;
    const liveAfter = performance.now() - startedAtMs;
    say('');
    if (live.api !== undefined) {
      say(`Dashboard  ${live.api.base}/#key=${live.api.key}`);
      say(`API docs   ${live.api.base}/docs`);
      say(`API key    ${live.api.key}   (read + admin; shown once, stored hashed)`);
      say(`Try        curl -H 'x-api-key: ${live.api.key}' ${live.api.base}/api/v1/kpis`);
    }
    say(
      `Live after ${seconds(liveAfter)} (budget on a fresh machine: 5 min). ${options.durationSec === undefined ? 'Ctrl-C stops everything.' : `Streaming for ${String(options.durationSec)} s.`}`,
    );
    say('');
    outcome = await watch(run, pool, live, stopping.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.on('SIGINT', () => process.exit(130));
    // Producer first (it flushes), then the runner (commits, stops its function instances), then the API.
    for (const service of services) await service.stop();
    await liveWebhook?.close();
    if (services.length > 0) {
      await refreshLiveAggregates(pool).catch((err: unknown) =>
        say(
          `hourly aggregates and daily rollups not refreshed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
      await printTotals(pool).catch((err: unknown) => say(`totals not available: ${String(err)}`));
    }
    await pool.end();
    if (!wasUp) {
      await tsxCommand(early, 'stack-down', 'tools/src/local-stack/cli.ts', ['down']).catch((err: unknown) =>
        say(`stack down failed: ${String(err)}`),
      );
    }
  }
  say(
    `\n${outcome === 'done' ? 'Done' : 'Stopped'}. Step times: ${timings.map(([n, ms]) => `${n.split(' (')[0] ?? n} ${seconds(ms)}`).join('; ')}`,
  );
  if (wasUp)
    say(
      'The local stack keeps running with the data (npm run stack -- down stops it); a second run reuses it.',
    );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(interrupted ? 130 : 1);
  },
);
