/**
 * `npm run demo`: the whole lakehouse on the local stack, one command. See DEMO_USAGE for the flags.
 *   1. local stack up (MariaDB for MySQL HeatWave, Kafka for OCI Streaming; the Spark jars for Data Flow), schema;
 *   2. a labelled fleet history written to the raw bucket and bulk-loaded by the Data Flow Spark job (or the fast
 *      loader), hourly aggregates, assets with their register (master data) and labelled failures, daily rollups;
 *   3. the failure model trained on the history in MySQL, registered and activated, and the history scored with it
 *      (hourly aggregates and daily rollups rebuilt for the scored hours);
 *   4. the Connector Hub runner with the ingest function, the API with the dashboard, the producer;
 *   5. a status screen until Ctrl-C (or --duration), then a clean stop of everything the demo started.
 * Every way of stopping (Ctrl-C, SIGTERM, the terminal closing, the output pipe closing) ends every child and, when
 * this run started the stack, the stack (demo-shutdown.ts).
 * The steps are listed in pipeline.ts, one module each under steps/. A second run reuses the stack, the loaded
 * history and the active model. Child output goes to <state>/logs.
 */
import { localAppEnv, readStackSettings, stackDir } from '@lakehouse/local-stack';
import { createSqlPool, loadSqlConfig } from '@lakehouse/sql';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { count, tsxCommand, type DemoPlan, type PrepareContext, type Run } from './demo-context.js';
import { runCli } from '@lakehouse/cli';
import { DEMO_COMMAND, type DemoOptions } from './demo-options.js';
import { runInOrder, runSideBySide, seconds, stepTimesLine } from './demo-runner.js';
import { DemoShutdown, stopServices } from './demo-shutdown.js';
import { ensureDatabase, isStackUp } from './demo-stack.js';
import { isSameHistory, readHistoryState } from './history-state.js';
import { printTotals, refreshLiveAggregates } from './live-status.js';
import { checkReorders } from './fleet-stock.js';
import { PIPELINE, PREPARE } from './pipeline.js';
import { watch } from './watch.js';

/** What the run will do, from its options and what an earlier run left in the state folder. */
function planRun(options: DemoOptions, dir: string): DemoPlan {
  const stateDir = resolve(options.stateDir ?? join(dir, 'demo'));
  const stateKey = options.database ?? 'default';
  const bucketDir = join(stateDir, 'buckets', stateKey);
  const spec = {
    rows: options.rows,
    assets: options.assets,
    sites: options.sites,
    linesPerSite: options.linesPerSite,
    seed: options.seed,
    fleet: 'in-time' as const,
  };
  const previousHistory = readHistoryState(stateDir, stateKey);
  const isSame = isSameHistory(previousHistory, spec);
  return {
    options,
    spec,
    stackDir: dir,
    stateDir,
    logDir: join(stateDir, 'logs'),
    stateKey,
    buckets: {
      raw: join(bucketDir, 'raw'),
      rejects: join(bucketDir, 'rejects'),
      silver: join(bucketDir, 'silver'),
    },
    previousHistory,
    isSame,
    mayLoad: !options.skip.has('history') && (options.isFresh || previousHistory?.loaded !== true || !isSame),
  };
}

/** The variables of the demo's own environment every child gets: PATH, HOME and the stack's LAKEHOUSE_* settings. */
function baseEnv(): Record<string, string> {
  return {
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
}

async function demo(options: DemoOptions): Promise<number> {
  const startedAtMs = performance.now();
  const dir = stackDir(process.env);
  const plan = planRun(options, dir);
  mkdirSync(plan.logDir, { recursive: true });
  // Until the check, a stop leaves the stack alone: only a stack this run started is stopped.
  let wasUp = true;
  const shutdown = new DemoShutdown({ hasStartedStack: () => !wasUp }).install();
  const { say } = shutdown;
  wasUp = options.skip.has('stack') || (await isStackUp(dir));
  // Stack start, jar download and build are the workspace's own tools: they get the whole environment (a Maven
  // mirror in MAVEN_OPTS, a proxy, JAVA_HOME). The apps get only what the stack and their settings need.
  const toolEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...baseEnv() }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const early: PrepareContext = {
    say,
    timings: [],
    plan,
    env: toolEnv,
    progress: { history: plan.previousHistory, isGeneratedEarly: false, isReused: false },
    signal: shutdown.signal,
  };
  let run: Run | undefined;
  let outcome: 'stopped' | 'done' = 'stopped';
  try {
    say(
      `Manufacturing lakehouse demo: ${options.assets} assets on ${options.sites} sites, ${count(options.rows)} readings of history, ${count(options.rate)} live readings/s (logs in ${plan.logDir})`,
    );
    await runSideBySide(PREPARE, early);

    const settings = readStackSettings(dir);
    const database = options.database ?? settings.mariadb.database;
    await ensureDatabase(settings, database);
    const env = {
      ...localAppEnv(settings, { database }, process.env),
      ...baseEnv(),
      SPARK_JARS_DIR: join(dir, 'spark', 'lib'),
      SPARK_WORK_DIR: join(plan.stateDir, 'spark-work'),
      LOG_LEVEL: 'warn',
    };
    const runnerState = join(plan.stateDir, 'connector-runner', database);
    run = {
      ...early,
      settings,
      database,
      env,
      pool: await createSqlPool({ ...loadSqlConfig(env), poolSize: 3 }),
      live: {
        services: [],
        producerStatus: join(plan.stateDir, 'status', `producer-${database}.json`),
        runnerState,
        runnerStatus: join(runnerState, 'status.json'),
      },
    };
    await runInOrder(PIPELINE, run);
    const { api } = run.live;
    say('');
    if (api !== undefined) {
      say(`Dashboard  ${api.base}/#key=${api.key}`);
      say(`API docs   ${api.base}/docs`);
      say(`API key    ${api.key}   (read + admin; shown once, stored hashed)`);
      say(`Try        curl -H 'x-api-key: ${api.key}' ${api.base}/api/v1/kpis`);
    }
    say(
      `Live after ${seconds(performance.now() - startedAtMs)} (budget on a fresh machine: 5 min). ${options.durationSec === undefined ? 'Ctrl-C stops everything.' : `Streaming for ${String(options.durationSec)} s.`}`,
    );
    say('');
    outcome = await watch(run, shutdown.signal);
  } catch (err: unknown) {
    // A step that fails once the demo is stopping failed because it was stopped: the stop is the outcome.
    if (shutdown.plan === undefined) throw err;
  } finally {
    // Producer first (it flushes), then the runner (commits, stops its function instances), then the API.
    const services = run?.live.services ?? [];
    await stopServices(services, shutdown);
    await run?.live.webhook?.close();
    if (run !== undefined && services.length > 0 && !shutdown.isForced) {
      const { pool } = run;
      await refreshLiveAggregates(pool).catch((err: unknown) =>
        say(
          `hourly aggregates and daily rollups not refreshed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
      await printTotals(pool, say).catch((err: unknown) => say(`totals not available: ${String(err)}`));
      await checkReorders(pool, say).catch((err: unknown) => say(`reorders not available: ${String(err)}`));
    }
    await run?.pool.end();
    if (!wasUp) {
      // Not cancelled by the stop (no signal): stopping the stack is what the stop asks for.
      const unstoppable: PrepareContext = {
        say,
        timings: early.timings,
        plan,
        env: toolEnv,
        progress: early.progress,
      };
      await tsxCommand(unstoppable, 'stack-down', 'tools/src/local-stack/cli.ts', ['down']).catch(
        (err: unknown) => say(`stack down failed: ${String(err)}`),
      );
    }
    shutdown.uninstall();
  }
  say(`\n${outcome === 'done' ? 'Done' : 'Stopped'}. ${stepTimesLine(early.timings)}`);
  if (wasUp)
    say(
      'The local stack keeps running with the data (npm run stack -- down stops it); a second run reuses it.',
    );
  return shutdown.plan?.exitCode ?? 0;
}

// Help (exit 0) and usage errors (exit 2) come from libs/cli; a failure of the run is reported here.
runCli(DEMO_COMMAND, process.argv.slice(2), demo, { isThrowingFailures: true }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
