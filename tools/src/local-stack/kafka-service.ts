import { AppError, type Logger } from '@lakehouse/runtime';
import {
  checkRoundTrip,
  createKafkaClient,
  ensureTopic,
  type KafkaClient,
  type RoundTripResult,
} from '@lakehouse/streaming';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isClusterId,
  kafkaBrokerArgs,
  kafkaStorageFormatArgs,
  newClusterId,
  parseKafkaJarVersion,
  parseKafkaVersion,
} from './kafka-java-args.js';
import { copyMavenRuntime } from './copy-maven-runtime.js';
import { kafkaLog4j2Config } from './kafka-log4j2-config.js';
import { kafkaServerProperties } from './kafka-server-properties.js';
import {
  isPortOpen,
  livePid,
  type DetachedProcess,
  runCommand,
  spawnDetached,
  stopProcess,
} from './process-control.js';
import type { Reporter } from './reporter.js';
import type { ServiceStatus } from './service-status.js';
import type { StackConfig } from './stack-config.js';

const SERVICE = 'kafka';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

async function tail(file: string, lines = 15): Promise<string> {
  if (!existsSync(file)) return '(no log)';
  return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
}

async function readIfExists(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFile(file, 'utf8') : undefined;
}

/** Kafka version pinned in the committed pom (what `up` will run). */
export async function pinnedKafkaVersion(config: StackConfig): Promise<string> {
  const version = parseKafkaVersion(await readFile(config.kafka.pomFile, 'utf8'));
  if (version === undefined)
    throw new AppError('STACK_START_FAILED', `no <kafka.version> in ${config.kafka.pomFile}`);
  return version;
}

/**
 * Copies the broker's runtime jars into `<stack>/kafka/lib` with Maven, only when the pom changed since the last
 * copy (its sha256 is kept beside the jars). Downloads show up as they happen, with a heartbeat in between.
 */
export async function ensureKafkaJars(
  config: StackConfig,
  reporter: Reporter,
): Promise<{ readonly version: string; readonly downloaded: boolean }> {
  const version = await pinnedKafkaVersion(config);
  const { downloaded } = await copyMavenRuntime(
    {
      service: SERVICE,
      label: `Kafka ${version}`,
      pomFile: config.kafka.pomFile,
      libDir: config.kafka.libDir,
      logsDir: config.kafka.logsDir,
      mvn: config.mvn,
    },
    reporter,
  );
  return { version, downloaded };
}

/** Creates the kafkajs client the stack uses for its probes: short timeouts, few retries, logs to `logger`. */
export function stackKafkaClient(config: StackConfig, logger: Logger): KafkaClient {
  return createKafkaClient(
    {
      kind: 'local',
      brokers: [`${config.kafka.host}:${config.kafka.port}`],
      clientId: 'lakehouse-stack',
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 10_000,
      maxRetries: 2,
    },
    logger,
  );
}

/** One readiness probe: the healthcheck topic exists, and a message makes it through a fresh consumer group. */
async function probe(
  config: StackConfig,
  client: KafkaClient,
  onPhase: (phase: string) => void,
  timeoutMs: number,
): Promise<RoundTripResult> {
  const topic = config.kafka.healthcheckTopic;
  onPhase(`creating topic ${topic}`);
  await ensureTopic(client, { topic });
  onPhase('producing a probe and consuming it through a consumer group');
  // A fresh group per probe: a group left behind by a killed probe would make the next join wait for its session to expire.
  return checkRoundTrip(client, { topic, groupId: `${topic}.${randomBytes(6).toString('hex')}`, timeoutMs });
}

async function waitUntilHealthy(
  config: StackConfig,
  client: KafkaClient,
  reporter: Reporter,
  child: DetachedProcess | undefined,
  timeoutMs: number,
): Promise<RoundTripResult> {
  let phase = 'waiting for the broker to listen';
  let lastError: unknown;
  const stopHeartbeat = reporter.heartbeat(SERVICE, () => phase);
  const deadline = performance.now() + timeoutMs;
  try {
    while (performance.now() < deadline) {
      const gone = child?.exitReason();
      if (gone !== undefined) {
        throw new AppError(
          'STACK_START_FAILED',
          `the broker ${gone} during start; last lines of ${join(config.kafka.logsDir, 'server.log')}:\n${await tail(join(config.kafka.logsDir, 'server.log'))}\n${await tail(config.kafka.stdoutLog, 5)}`,
        );
      }
      if (!(await isPortOpen(config.kafka.host, config.kafka.port, 500))) {
        phase = `waiting for the broker to listen on ${config.kafka.host}:${config.kafka.port}`;
        await sleep(250);
        continue;
      }
      try {
        return await probe(
          config,
          client,
          (p) => (phase = p),
          Math.max(1_000, Math.min(15_000, deadline - performance.now())),
        );
      } catch (err: unknown) {
        // A starting broker answers NOT_CONTROLLER, coordinator-not-available and the like: keep probing until the deadline.
        if (!(err instanceof AppError)) throw err;
        lastError = err;
        phase = `broker not ready yet (${err.message.split('\n')[0] ?? ''}), retrying`;
        await sleep(500);
      }
    }
  } finally {
    stopHeartbeat();
  }
  throw new AppError(
    'STACK_START_FAILED',
    `Kafka was not healthy within ${timeoutMs / 1_000} s; see ${config.kafka.logsDir}`,
    { cause: lastError },
  );
}

async function kafkaJarVersion(config: StackConfig): Promise<string | undefined> {
  return existsSync(config.kafka.libDir)
    ? parseKafkaJarVersion(await readdir(config.kafka.libDir))
    : undefined;
}

/** What `status` reports for the broker: alive, and a message makes it through a consumer group. */
export async function kafkaStatus(config: StackConfig, client: KafkaClient): Promise<ServiceStatus> {
  const endpoint = `${config.kafka.host}:${config.kafka.port}`;
  const version = await kafkaJarVersion(config);
  const base = { name: SERVICE, endpoint, ...(version === undefined ? {} : { version }) } as const;
  const pid = await livePid(config.kafka.pidFile, config.kafka.serverProperties);
  if (pid === undefined) return { ...base, state: 'stopped', healthy: false, detail: 'not running' };
  try {
    const result = await probe(config, client, () => undefined, 15_000);
    return { ...base, state: 'running', healthy: true, pid, detail: `round trip ${result.elapsedMs} ms` };
  } catch (err: unknown) {
    return {
      ...base,
      state: 'running',
      healthy: false,
      pid,
      detail: err instanceof Error ? err.message : String(err),
    };
  }
}

async function clusterId(config: StackConfig): Promise<string> {
  const existing = (await readIfExists(config.kafka.clusterIdFile))?.trim();
  if (existing !== undefined && isClusterId(existing)) return existing;
  const id = newClusterId(randomBytes(16));
  await writeFile(config.kafka.clusterIdFile, `${id}\n`);
  return id;
}

/**
 * Starts the broker unless ours already runs (then only probes it): writes its config, formats the storage once,
 * spawns the JVM detached and waits until a message makes it through a consumer group.
 */
export async function startKafka(
  config: StackConfig,
  client: KafkaClient,
  reporter: Reporter,
): Promise<{ readonly reused: boolean; readonly roundTripMs: number }> {
  const running = await livePid(config.kafka.pidFile, config.kafka.serverProperties);
  if (running !== undefined) {
    reporter.say(SERVICE, `already running (pid ${running}), probing it`);
    const result = await waitUntilHealthy(config, client, reporter, undefined, 30_000);
    return { reused: true, roundTripMs: result.elapsedMs };
  }
  if (await isPortOpen(config.kafka.host, config.kafka.port, 500)) {
    throw new AppError(
      'STACK_START_FAILED',
      `port ${config.kafka.port} is taken by a process that is not this stack's broker; set LAKEHOUSE_KAFKA_PORT`,
    );
  }
  for (const dir of [config.kafka.dataDir, config.kafka.logsDir, config.kafka.configDir])
    await mkdir(dir, { recursive: true });
  await writeFile(config.kafka.serverProperties, kafkaServerProperties(config.kafka));
  await writeFile(config.kafka.log4j2File, kafkaLog4j2Config());
  if (!existsSync(join(config.kafka.dataDir, 'meta.properties'))) {
    const id = await clusterId(config);
    reporter.say(SERVICE, `formatting storage (cluster id ${id})`);
    const result = await runCommand(config.java, kafkaStorageFormatArgs(config.kafka, id), {
      cwd: config.kafka.dir,
    });
    if (result.code !== 0)
      throw new AppError(
        'STACK_START_FAILED',
        `formatting Kafka storage failed (exit ${String(result.code)}):\n${result.output.trim()}`,
      );
  }
  reporter.say(
    SERVICE,
    `starting the broker on ${config.kafka.host}:${config.kafka.port} (controller ${config.kafka.controllerPort})`,
  );
  const child = spawnDetached(config.java, kafkaBrokerArgs(config.kafka), {
    logFile: config.kafka.stdoutLog,
    cwd: config.kafka.dir,
  });
  if (child.pid === undefined) throw new AppError('STACK_START_FAILED', `cannot start ${config.java}`);
  await writeFile(config.kafka.pidFile, `${child.pid}\n`);
  const result = await waitUntilHealthy(config, client, reporter, child, START_TIMEOUT_MS);
  return { reused: false, roundTripMs: result.elapsedMs };
}

/** Stops the broker with SIGTERM (controlled shutdown), SIGKILL after 30 s; keeps its data. */
export async function stopKafka(config: StackConfig, reporter: Reporter): Promise<void> {
  const pid = await livePid(config.kafka.pidFile, config.kafka.serverProperties);
  if (pid === undefined) {
    reporter.say(SERVICE, 'not running');
    return;
  }
  reporter.say(SERVICE, `stopping pid ${pid}`);
  const ended = await stopProcess(pid, STOP_TIMEOUT_MS);
  await rm(config.kafka.pidFile, { force: true });
  reporter.say(SERVICE, ended === 'exited' ? 'stopped' : `killed after ${STOP_TIMEOUT_MS / 1_000} s`);
}
