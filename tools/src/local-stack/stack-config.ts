import { ConfigError } from '@lakehouse/runtime';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Environment the local stack reads (tools/ may read process.env directly; see tools/README.md). */
export type StackEnv = Readonly<Record<string, string | undefined>>;

/** Where the private MariaDB lives and how it is reached. */
export interface MariadbPaths {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly dataDir: string;
  readonly socketPath: string;
  readonly pidFile: string;
  readonly errorLog: string;
  readonly stdoutLog: string;
  readonly database: string;
  readonly user: string;
  readonly rootUser: string;
}

/** Where the Kafka broker lives and how it is reached. */
export interface KafkaPaths {
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly dir: string;
  readonly dataDir: string;
  readonly logsDir: string;
  readonly configDir: string;
  readonly libDir: string;
  readonly pidFile: string;
  readonly stdoutLog: string;
  readonly serverProperties: string;
  readonly log4j2File: string;
  readonly clusterIdFile: string;
  readonly pomFile: string;
  /** Topic and group prefix of the readiness probe. */
  readonly healthcheckTopic: string;
}

/** Everything the stack commands need to know, derived once from the environment. */
export interface StackConfig {
  readonly stackDir: string;
  readonly settingsFile: string;
  /** pino log of the stack command itself (kafkajs client logs of the health checks). */
  readonly clientLog: string;
  readonly mariadb: MariadbPaths;
  readonly kafka: KafkaPaths;
  /** java binary: LAKEHOUSE_JAVA, else $JAVA_HOME/bin/java, else `java` from PATH. */
  readonly java: string;
  /** Maven binary: LAKEHOUSE_MVN, else `mvn` from PATH. */
  readonly mvn: string;
  /** Which ports were set explicitly through the environment (those are never moved to a free port). */
  readonly explicitPorts: StackPortFlags;
}

/** One flag per port of the stack. */
export interface StackPortFlags {
  readonly mariadb: boolean;
  readonly kafka: boolean;
  readonly controller: boolean;
}

/** The three ports of the stack. */
export interface StackPorts {
  readonly mariadb: number;
  readonly kafka: number;
  readonly controller: number;
}

/** `config` with other ports (e.g. the ones a running stack recorded in stack.json); paths are unchanged. */
export function withPorts(config: StackConfig, ports: StackPorts): StackConfig {
  return {
    ...config,
    mariadb: { ...config.mariadb, port: ports.mariadb },
    kafka: { ...config.kafka, port: ports.kafka, controllerPort: ports.controller },
  };
}

/** Facts about the machine that the config depends on, injected so tests are deterministic. */
export interface StackHost {
  /** Repository root (where tools/local-stack/kafka/pom.xml lives). */
  readonly repoRoot: string;
  /** Absolute stack folder, as resolved by `stackDir(env)` of @lakehouse/local-stack. */
  readonly stackDir: string;
  /** Base folder of the short socket directory. @default '/tmp' */
  readonly tmpDir?: string;
}

/** Unix socket paths longer than this fail to bind (sun_path is 108 bytes including the terminating NUL). */
export const MAX_SOCKET_PATH_BYTES = 107;

/** The system MariaDB/MySQL port; the private instance must never take it. */
export const RESERVED_PORTS: ReadonlySet<number> = new Set([3306]);

/**
 * Socket path of the private MariaDB: `<stack>/mariadb/mysqld.sock` when it fits the unix socket limit, else
 * `<tmp>/lakehouse-<12 hex of sha256(stack dir)>/mysqld.sock` so that deep checkouts still work.
 */
export function mariadbSocketPath(stackDir: string, tmpDir = '/tmp'): string {
  const preferred = join(stackDir, 'mariadb', 'mysqld.sock');
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH_BYTES) return preferred;
  const hash = createHash('sha256').update(stackDir).digest('hex').slice(0, 12);
  return join(tmpDir, `lakehouse-${hash}`, 'mysqld.sock');
}

function parsePort(env: StackEnv, key: string, fallback: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 1024 || port > 65_535) {
    problems.push(`${key}: must be an integer port between 1024 and 65535 (got ${JSON.stringify(raw)})`);
  } else if (RESERVED_PORTS.has(port)) {
    problems.push(`${key}: ${port} belongs to the system MariaDB/MySQL; choose another port`);
  }
  return port;
}

/** Reads ports and binaries from `env` and lays out every path under the stack folder. Throws CONFIG_INVALID. */
export function loadStackConfig(env: StackEnv, host: StackHost): StackConfig {
  const problems: string[] = [];
  const mariadbPort = parsePort(env, 'LAKEHOUSE_MARIADB_PORT', 13_306, problems);
  const kafkaPort = parsePort(env, 'LAKEHOUSE_KAFKA_PORT', 19_092, problems);
  const controllerPort = parsePort(env, 'LAKEHOUSE_KAFKA_CONTROLLER_PORT', 19_093, problems);
  if (new Set([mariadbPort, kafkaPort, controllerPort]).size < 3) {
    problems.push(
      'LAKEHOUSE_MARIADB_PORT, LAKEHOUSE_KAFKA_PORT and LAKEHOUSE_KAFKA_CONTROLLER_PORT must differ',
    );
  }
  if (problems.length > 0) {
    throw new ConfigError('CONFIG_INVALID', `invalid local stack settings: ${problems.join('; ')}`, {
      context: { keys: problems.map((p) => p.split(':')[0]) },
    });
  }
  const dir = host.stackDir;
  const mdb = join(dir, 'mariadb');
  const kafka = join(dir, 'kafka');
  const javaHome = env['JAVA_HOME'];
  return {
    stackDir: dir,
    settingsFile: join(dir, 'stack.json'),
    clientLog: join(dir, 'stack-client.log'),
    mariadb: {
      host: '127.0.0.1',
      port: mariadbPort,
      dir: mdb,
      dataDir: join(mdb, 'data'),
      socketPath: mariadbSocketPath(dir, host.tmpDir),
      pidFile: join(mdb, 'mariadbd.pid'),
      errorLog: join(mdb, 'error.log'),
      stdoutLog: join(mdb, 'mariadbd.out'),
      database: 'lakehouse',
      user: 'lakehouse',
      rootUser: 'root',
    },
    kafka: {
      host: '127.0.0.1',
      port: kafkaPort,
      controllerPort,
      dir: kafka,
      dataDir: join(kafka, 'data'),
      logsDir: join(kafka, 'logs'),
      configDir: join(kafka, 'config'),
      libDir: join(kafka, 'lib'),
      pidFile: join(kafka, 'kafka.pid'),
      stdoutLog: join(kafka, 'logs', 'kafka.out'),
      serverProperties: join(kafka, 'config', 'server.properties'),
      log4j2File: join(kafka, 'config', 'log4j2.properties'),
      clusterIdFile: join(kafka, 'cluster-id'),
      pomFile: join(host.repoRoot, 'tools', 'local-stack', 'kafka', 'pom.xml'),
      healthcheckTopic: '_stack_healthcheck',
    },
    java: env['LAKEHOUSE_JAVA'] || (javaHome ? join(javaHome, 'bin', 'java') : 'java'),
    mvn: env['LAKEHOUSE_MVN'] || 'mvn',
    explicitPorts: {
      mariadb: Boolean(env['LAKEHOUSE_MARIADB_PORT']),
      kafka: Boolean(env['LAKEHOUSE_KAFKA_PORT']),
      controller: Boolean(env['LAKEHOUSE_KAFKA_CONTROLLER_PORT']),
    },
  };
}
