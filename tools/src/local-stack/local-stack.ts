import { AppError, createLogger, type Logger } from '@lakehouse/runtime';
import {
  readStackSettings,
  renderEnvFile,
  stackEnv,
  stackEnvFile,
  WORKSPACE_ROOT,
  type StackSettings,
} from '@lakehouse/local-stack';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatDuration } from './format-duration.js';
import {
  ensureKafkaJars,
  kafkaStatus,
  pinnedKafkaVersion,
  stackKafkaClient,
  startKafka,
  stopKafka,
} from './kafka-service.js';
import { isSupportedMariadbVersion } from './mariadb-args.js';
import { mariadbBinaryVersion, mariadbStatus, startMariadb, stopMariadb } from './mariadb-service.js';
import { ensurePrerequisites, installedMariadb, isRootUser } from './prerequisites.js';
import { purgeRefusal } from './purge-guard.js';
import type { Reporter } from './reporter.js';
import { formatServiceStatus, statusExitCode } from './service-status.js';
import { brokerPort, choosePort } from './choose-port.js';
import { isPortOpen, livePid } from './process-control.js';
import { withPorts, type StackConfig, type StackEnv } from './stack-config.js';
import { buildStackSettings, resolveSecrets, type StackSecrets } from './stack-settings-file.js';

/** What every stack command receives from the CLI. */
export interface StackContext {
  readonly config: StackConfig;
  readonly env: StackEnv;
  readonly reporter: Reporter;
}

/** Logger for kafkajs' own logs during probes: appended to `<stack>/stack-client.log`, never to the terminal. */
function clientLogger(config: StackConfig, env: StackEnv): Logger {
  let ready = false;
  return createLogger(
    { name: 'local-stack', level: env['LOG_LEVEL'] ?? 'info' },
    {
      write: (line: string) => {
        if (!ready) {
          mkdirSync(dirname(config.clientLog), { recursive: true });
          ready = true;
        }
        appendFileSync(config.clientLog, line);
      },
    },
  );
}

function existingSettings(config: StackConfig): StackSettings | undefined {
  return existsSync(config.settingsFile) ? readStackSettings(config.stackDir) : undefined;
}

/** Writes `file` atomically with mode 0600 (stack.json and stack.env hold the generated passwords). */
async function writePrivateFile(file: string, content: string): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, content, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}

/** Writes stack.json and, from it, stack.env: the environment every Nx target of an app loads. */
async function writeSettings(config: StackConfig, settings: StackSettings): Promise<void> {
  await writePrivateFile(config.settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  await writePrivateFile(stackEnvFile(config.stackDir), renderEnvFile(stackEnv(settings)));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ readonly value: T; readonly ms: number }> {
  const startedAt = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - startedAt };
}

/** Renders an error and its causes (codes included) for the terminal. */
export function describeError(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < 4; depth += 1) {
    if (current instanceof AppError)
      lines.push(`${depth === 0 ? '' : 'caused by: '}[${current.code}] ${current.message}`);
    else if (current instanceof Error) lines.push(`${depth === 0 ? '' : 'caused by: '}${current.message}`);
    else lines.push(String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

function secretsOrNew(config: StackConfig, existing: StackSettings | undefined): StackSecrets {
  if (existing === undefined && existsSync(join(config.mariadb.dataDir, 'mysql'))) {
    throw new AppError(
      'STACK_START_FAILED',
      `${config.settingsFile} is missing but ${config.mariadb.dataDir} exists, so its passwords are unknown: restore stack.json or run \`ALLOW_STACK_PURGE=1 npm run stack -- down --purge\``,
    );
  }
  return resolveSecrets(existing, randomBytes);
}

/** The ports a running stack recorded in stack.json (status and reuse must talk to those, not to the defaults). */
function recordedPorts(config: StackConfig, settings: StackSettings | undefined): StackConfig {
  if (settings === undefined) return config;
  return withPorts(config, {
    mariadb: settings.mariadb.port,
    kafka: brokerPort(settings.kafka.brokers[0]) ?? config.kafka.port,
    controller: config.kafka.controllerPort,
  });
}

/**
 * Ports for this `up`: a running service keeps the port stack.json recorded for it; a service about to start gets
 * its configured port, or, for a default port held by another process, the next free one.
 */
async function portsForUp(
  config: StackConfig,
  existing: StackSettings | undefined,
  reporter: Reporter,
): Promise<StackConfig> {
  const isBusy = (port: number): Promise<boolean> => isPortOpen('127.0.0.1', port, 500);
  const pick = async (
    service: string,
    preferred: number,
    explicit: boolean,
    variable: string,
    taken: ReadonlySet<number>,
  ): Promise<number> => {
    const port = await choosePort({ preferred, explicit, taken, isBusy });
    if (port === undefined) {
      throw new AppError(
        'STACK_START_FAILED',
        explicit
          ? `port ${preferred} (${variable}) is in use by another process; free it or choose another port`
          : `no free port found from ${preferred} upwards; set ${variable}`,
      );
    }
    if (port !== preferred)
      reporter.say(
        service,
        `port ${preferred} is in use by another process; using ${port} (set ${variable} to choose)`,
      );
    return port;
  };
  const recorded = recordedPorts(config, existing);
  const mariadbRunning =
    existing !== undefined && (await livePid(config.mariadb.pidFile, config.mariadb.dataDir)) !== undefined;
  const kafkaRunning =
    existing !== undefined &&
    (await livePid(config.kafka.pidFile, config.kafka.serverProperties)) !== undefined;
  const mariadb = mariadbRunning
    ? recorded.mariadb.port
    : await pick(
        'mariadb',
        config.mariadb.port,
        config.explicitPorts.mariadb,
        'LAKEHOUSE_MARIADB_PORT',
        new Set(),
      );
  const kafka = kafkaRunning
    ? recorded.kafka.port
    : await pick(
        'kafka',
        config.kafka.port,
        config.explicitPorts.kafka,
        'LAKEHOUSE_KAFKA_PORT',
        new Set([mariadb]),
      );
  // A running broker keeps whatever controller port it started with; clients never use it.
  const controller = kafkaRunning
    ? config.kafka.controllerPort
    : await pick(
        'kafka',
        config.kafka.controllerPort,
        config.explicitPorts.controller,
        'LAKEHOUSE_KAFKA_CONTROLLER_PORT',
        new Set([mariadb, kafka]),
      );
  if (mariadbRunning && config.explicitPorts.mariadb && mariadb !== config.mariadb.port) {
    reporter.say(
      'mariadb',
      `already running on port ${mariadb}; LAKEHOUSE_MARIADB_PORT applies after \`down\``,
    );
  }
  if (kafkaRunning && config.explicitPorts.kafka && kafka !== config.kafka.port) {
    reporter.say('kafka', `already running on port ${kafka}; LAKEHOUSE_KAFKA_PORT applies after \`down\``);
  }
  return withPorts(config, { mariadb, kafka, controller });
}

/**
 * `up`: installs what is missing, starts (or reuses) MariaDB and Kafka in parallel, waits until both are healthy,
 * writes stack.json and prints how to connect. Resolves the exit code.
 */
export async function stackUp({ config: configured, env, reporter }: StackContext): Promise<number> {
  const startedAt = performance.now();
  await mkdir(configured.stackDir, { recursive: true });
  reporter.say('stack', `state folder ${configured.stackDir}`);
  const binaries = await ensurePrerequisites(configured, reporter);
  const existing = existingSettings(configured);
  const secrets = secretsOrNew(configured, existing);
  const config = await portsForUp(configured, existing, reporter);
  // Written before anything starts: the passwords must survive even if this run dies half way.
  await writeSettings(
    config,
    buildStackSettings(config, secrets, {
      mariadb: existing?.mariadb.version ?? (await mariadbBinaryVersion(binaries)),
      kafka: await pinnedKafkaVersion(config),
    }),
  );
  const client = stackKafkaClient(config, clientLogger(config, env));
  const [mariadb, kafka] = await Promise.allSettled([
    timed(() => startMariadb(config, secrets, binaries, reporter, isRootUser())),
    timed(async () => {
      const jars = await ensureKafkaJars(config, reporter);
      return { ...(await startKafka(config, client, reporter)), version: jars.version };
    }),
  ]);
  let failed = false;
  if (mariadb.status === 'fulfilled') {
    const { value, ms } = mariadb.value;
    reporter.say(
      'mariadb',
      `${value.reused ? 'already running and healthy' : 'started'}: ${formatDuration(ms)}`,
    );
    if (!isSupportedMariadbVersion(value.version))
      reporter.say(
        'mariadb',
        `WARNING: ${value.version} is not MariaDB 10.11, the version the project targets`,
      );
  } else {
    failed = true;
    reporter.say('mariadb', `FAILED: ${describeError(mariadb.reason)}`);
  }
  if (kafka.status === 'fulfilled') {
    const { value, ms } = kafka.value;
    reporter.say(
      'kafka',
      `${value.reused ? 'already running and healthy' : 'started'}: ${formatDuration(ms)} (last round trip ${value.roundTripMs} ms)`,
    );
  } else {
    failed = true;
    reporter.say('kafka', `FAILED: ${describeError(kafka.reason)}`);
  }
  if (failed || mariadb.status !== 'fulfilled' || kafka.status !== 'fulfilled') return 1;

  const settings = buildStackSettings(config, secrets, {
    mariadb: mariadb.value.value.version,
    kafka: kafka.value.value.version,
  });
  await writeSettings(config, settings);
  reporter.say('stack', `up in ${formatDuration(performance.now() - startedAt)}`);
  for (const line of connectionSummary(config, settings)) console.log(line);
  return 0;
}

/** Connection settings for humans; passwords are only named by where they are. */
export function connectionSummary(config: StackConfig, settings: StackSettings): string[] {
  const m = settings.mariadb;
  return [
    '',
    `MariaDB ${m.version}`,
    `  host ${m.host}  port ${m.port}  user ${m.user}  database ${m.database}  (admin user ${m.rootUser})`,
    `  socket ${m.socketPath}`,
    `Kafka ${settings.kafka.version}`,
    `  brokers ${settings.kafka.brokers.join(',')}  (PLAINTEXT, no auth)`,
    `Passwords and all settings: ${config.settingsFile} (mode 0600; read it with readStackSettings from @lakehouse/local-stack)`,
    `As an app's environment: ${stackEnvFile(config.stackDir)} (Nx targets load it; node --env-file reads it too)`,
  ];
}

/** `status`: prints pid, port, version and health of each service; resolves 0 when all are healthy, else 1. */
export async function stackStatus({ config: configured, env }: StackContext): Promise<number> {
  const settings = existingSettings(configured);
  const config = recordedPorts(configured, settings);
  const secrets = settings === undefined ? undefined : resolveSecrets(settings, randomBytes);
  const client = stackKafkaClient(config, clientLogger(config, env));
  const services = await Promise.all([
    mariadbStatus(config, secrets, settings?.mariadb.version),
    kafkaStatus(config, client),
  ]);
  console.log(
    `stack folder ${config.stackDir}${settings === undefined ? ' (no stack.json: run `npm run stack -- up`)' : ''}`,
  );
  for (const line of formatServiceStatus(services)) console.log(line);
  return statusExitCode(services);
}

/** `down`: stops both services (data kept); with `purge`, deletes the stack folder after the ALLOW_STACK_PURGE check. */
export async function stackDown({ config, env, reporter }: StackContext, purge: boolean): Promise<number> {
  if (purge) {
    const refusal = purgeRefusal({
      stackDir: config.stackDir,
      entries: existsSync(config.stackDir) ? await readdir(config.stackDir) : [],
      env,
      protectedDirs: [WORKSPACE_ROOT, homedir()],
    });
    if (refusal !== undefined) {
      reporter.say('stack', refusal);
      return 1;
    }
  }
  const settings = existingSettings(config);
  const secrets = settings === undefined ? undefined : resolveSecrets(settings, randomBytes);
  const results = await Promise.allSettled([
    stopKafka(config, reporter),
    stopMariadb(config, secrets, installedMariadb(), reporter),
  ]);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  for (const failure of failures) reporter.say('stack', `stop FAILED: ${describeError(failure.reason)}`);
  if (failures.length > 0) return 1;
  if (purge) {
    await rm(config.stackDir, { recursive: true, force: true });
    const socketDir = dirname(config.mariadb.socketPath);
    if (!socketDir.startsWith(config.stackDir)) await rm(socketDir, { recursive: true, force: true });
    reporter.say('stack', `purged ${config.stackDir}`);
  }
  return 0;
}
