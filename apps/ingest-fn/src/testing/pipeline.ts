// Test helpers: run the local pipeline (producer -> Kafka -> connector runner -> ingest-fn -> MariaDB) as processes.
import { withRetry } from '@lakehouse/runtime';
import { createSqlPool, migrate } from '@lakehouse/sql';
import { createKafkaClient, deleteTopics, ensureTopic, type KafkaClient } from '@lakehouse/streaming';
import {
  createThrowawaySchema,
  localAppEnv,
  spawnBundledApp,
  spawnLocalApp,
  uniqueName,
  WORKSPACE_ROOT,
  type StackSettings,
  type ThrowawaySchema,
} from '@lakehouse/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';

/** A throwaway schema, topic and consumer group, with the environment that points the apps at them. */
export interface PipelineFixture {
  readonly schema: ThrowawaySchema;
  readonly pool: Pool;
  readonly topic: string;
  readonly kafka: KafkaClient;
  readonly env: Record<string, string>;
  readonly stateDir: string;
  close(): Promise<void>;
}

export async function createPipelineFixture(
  settings: StackSettings,
  options: { readonly partitions: number; readonly runnerEnv?: Readonly<Record<string, string>> },
): Promise<PipelineFixture> {
  const schema = await createThrowawaySchema(settings);
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
  await migrate(pool);
  const topic = uniqueName('it.readings');
  const kafka = createKafkaClient({ kind: 'local', brokers: settings.kafka.brokers });
  // Right after another file deleted its topic the controller may still be busy; creating a fresh topic is safe to
  // repeat, so setup does not fail on such a transient broker answer.
  await withRetry(() => ensureTopic(kafka, { topic, partitions: options.partitions }), {
    maxAttempts: 4,
    initialDelayMs: 500,
    isRetryable: () => true,
  });
  const stateDir = mkdtempSync(join(tmpdir(), 'connector-runner-'));
  const env = {
    ...localAppEnv(settings, schema, process.env),
    STREAM_NAME: topic,
    CONSUMER_GROUP: uniqueName('it.connector'),
    STATE_DIR: stateDir,
    LOG_LEVEL: 'warn',
    ...options.runnerEnv,
  };
  return {
    schema,
    pool,
    topic,
    kafka,
    env,
    stateDir,
    async close() {
      await pool.end();
      await schema.drop();
      await deleteTopics(kafka, [topic]).catch(() => undefined);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Runs an app to completion; resolves with its stdout, rejects with its stderr on a non-zero exit. */
export function runToCompletion(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : // The stack CLI reports on stdout: both are kept for the failure message.
          reject(new Error(`exit ${String(code)}: ${err.slice(-3_000)}\n${out.slice(-3_000)}`)),
    );
  });
}

/** Starts the connector runner; its output is kept for failure messages. */
export function startRunner(
  env: Readonly<Record<string, string>>,
  options: { readonly isBundled?: boolean } = {},
): {
  child: ChildProcess;
  output: () => string;
  exited: () => string | undefined;
} {
  const child =
    options.isBundled === true
      ? spawnBundledApp('connector-runner', [], env)
      : spawnLocalApp('connector-runner', [], env);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString('utf8')).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString('utf8')).slice(-20_000)));
  return {
    child,
    output: () => output,
    exited: () =>
      child.exitCode === null && child.signalCode === null
        ? undefined
        : `the connector runner exited (${String(child.exitCode ?? child.signalCode)})`,
  };
}

/** Stops a process (SIGTERM, or SIGKILL after 10 s) and waits for it. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Counts from the pipeline's tables. */
export async function pipelineCounts(
  pool: Pool,
): Promise<{ readings: number; distinctKeys: number; deadLetters: number }> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM readings) AS readings,
            (SELECT COUNT(DISTINCT asset_id, recorded_at) FROM readings) AS distinctKeys,
            (SELECT COUNT(*) FROM dead_letters) AS deadLetters`,
  );
  const row = rows[0];
  return {
    readings: Number(row?.readings),
    distinctKeys: Number(row?.distinctKeys),
    deadLetters: Number(row?.deadLetters),
  };
}

/** Polls until `done` holds for the counts, or fails after `timeoutMs` with the last counts. */
export async function waitForCounts(
  pool: Pool,
  done: (counts: Awaited<ReturnType<typeof pipelineCounts>>) => boolean,
  timeoutMs: number,
  describeState: () => string = () => '',
  failure: () => string | undefined = () => undefined,
): Promise<Awaited<ReturnType<typeof pipelineCounts>>> {
  const deadline = Date.now() + timeoutMs;
  // A query may fail while the database restarts; the poll just tries again.
  const read = (): Promise<Awaited<ReturnType<typeof pipelineCounts>>> =>
    pipelineCounts(pool).catch(() => ({ readings: -1, distinctKeys: -1, deadLetters: -1 }));
  let counts = await read();
  while (!done(counts)) {
    const failed = failure();
    if (failed !== undefined) throw new Error(`${failed}: ${JSON.stringify(counts)}\n${describeState()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `pipeline did not finish in ${timeoutMs} ms: ${JSON.stringify(counts)}\n${describeState()}`,
      );
    }
    await sleep(250);
    counts = await read();
  }
  return counts;
}

/** A local stack of its own (MariaDB + Kafka on free ports) that a test may restart without disturbing others. */
export interface PrivateStack {
  readonly dir: string;
  /** Runs the stack CLI (`up`, `down`, ...) for this stack. */
  run(command: string): Promise<string>;
  /** Stops one service with SIGTERM, waits until it is gone, then brings the stack up again. */
  restart(service: 'kafka' | 'mariadb'): Promise<void>;
  destroy(): Promise<void>;
}

/** A port the OS considers free right now (an ephemeral one, away from the ports stacks count up from). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function startPrivateStack(): Promise<PrivateStack> {
  const dir = mkdtempSync(join(tmpdir(), 'lakehouse-stack-'));
  // Other sessions start private stacks too; the stack CLI's own choice (the next port up from 13306 / 19092) can
  // be taken between its check and the service's bind, so each stack asks the OS for ports of its own and keeps
  // them for every later `up` (a restart comes back on the same ports).
  let ports: Record<string, string> = {};
  const choosePorts = async (): Promise<void> => {
    ports = {
      LAKEHOUSE_MARIADB_PORT: String(await freePort()),
      LAKEHOUSE_KAFKA_PORT: String(await freePort()),
      LAKEHOUSE_KAFKA_CONTROLLER_PORT: String(await freePort()),
    };
  };
  const run = (command: string): Promise<string> =>
    runToCompletion(
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=@lakehouse/source',
          join(WORKSPACE_ROOT, 'tools/src/local-stack/cli.ts'),
          command,
        ],
        {
          cwd: WORKSPACE_ROOT,
          env: { ...process.env, ...ports, LAKEHOUSE_STACK_DIR: dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
  for (let attempt = 1; ; attempt += 1) {
    await choosePorts();
    try {
      await run('up');
      break;
    } catch (error: unknown) {
      const text = error instanceof Error ? error.message : String(error);
      await run('down').catch(() => undefined);
      if (attempt >= 3 || !/is taken|in use|EADDRINUSE/.test(text)) {
        // A half-started stack (say MariaDB up, Kafka not) would outlive the caller, who never got a handle to stop
        // it: it is stopped above and its folder removed before the error goes on.
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  return {
    dir,
    run,
    async restart(service) {
      const pidFile =
        service === 'kafka' ? join(dir, 'kafka', 'kafka.pid') : join(dir, 'mariadb', 'mariadbd.pid');
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 300; i += 1) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await sleep(100);
      }
      await run('up');
    },
    async destroy() {
      await run('down').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
