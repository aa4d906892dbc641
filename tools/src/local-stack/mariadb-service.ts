import { AppError } from '@lakehouse/runtime';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { appAccountStatements, rootPasswordStatements } from './mariadb-bootstrap-sql.js';
import {
  mariadbAdminShutdownArgs,
  mariadbdArgs,
  mariadbInstallDbArgs,
  parseMariadbVersion,
} from './mariadb-args.js';
import {
  isPortOpen,
  livePid,
  type DetachedProcess,
  runCommand,
  spawnDetached,
  stopProcess,
  waitForExit,
} from './process-control.js';
import type { Reporter } from './reporter.js';
import type { ServiceStatus } from './service-status.js';
import type { StackConfig } from './stack-config.js';
import type { StackSecrets } from './stack-settings-file.js';

/** Absolute paths of the MariaDB programs (found by the prerequisites step). */
export interface MariadbBinaries {
  readonly mariadbd: string;
  readonly installDb: string;
  readonly admin: string;
}

const SERVICE = 'mariadb';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const ER_ACCESS_DENIED = 1045;

/** Version string of the installed server binary, e.g. `10.11.19-MariaDB-0+deb12u1`. */
export async function mariadbBinaryVersion(binaries: MariadbBinaries): Promise<string> {
  const result = await runCommand(binaries.mariadbd, ['--no-defaults', '--version']);
  const version = parseMariadbVersion(result.output);
  if (version === undefined) {
    throw new AppError(
      'STACK_PREREQUISITE_MISSING',
      `cannot read the version of ${binaries.mariadbd}: ${result.output.trim()}`,
    );
  }
  return version;
}

async function tail(file: string, lines = 15): Promise<string> {
  if (!existsSync(file)) return '(no log)';
  return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
}

function connectSocket(config: StackConfig, password: string): Promise<Connection> {
  return createConnection({
    socketPath: config.mariadb.socketPath,
    user: config.mariadb.rootUser,
    password,
    connectTimeout: 3_000,
  });
}

async function withConnection<T>(connection: Connection, fn: (c: Connection) => Promise<T>): Promise<T> {
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

/**
 * Root connection over the socket. A data directory that was just created still has a passwordless root; the
 * password from stack.json is then set on every root account (also covers a run that died half way).
 */
async function connectRoot(config: StackConfig, secrets: StackSecrets): Promise<Connection> {
  try {
    return await connectSocket(config, secrets.rootPassword);
  } catch (err: unknown) {
    if ((err as { errno?: unknown }).errno !== ER_ACCESS_DENIED) throw err;
  }
  return connectSocket(config, '');
}

/** Makes root passwords, the app user and the app database match stack.json; resolves the server version. */
async function ensureAccounts(config: StackConfig, secrets: StackSecrets): Promise<string> {
  return withConnection(await connectRoot(config, secrets), async (connection) => {
    const [roots] = await connection.query<RowDataPacket[]>(
      'SELECT Host AS host FROM mysql.user WHERE User = ?',
      [config.mariadb.rootUser],
    );
    const statements = [
      ...rootPasswordStatements(
        roots.map((r) => String(r['host'])),
        config.mariadb.rootUser,
        secrets.rootPassword,
      ),
      ...appAccountStatements(config.mariadb, secrets.appPassword),
    ];
    for (const statement of statements) await connection.query(statement.sql, statement.values);
    const [rows] = await connection.query<RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.['version']);
  });
}

/** `SELECT VERSION()` as the app user over TCP: what tests and apps do. */
async function appVersion(config: StackConfig, secrets: StackSecrets): Promise<string> {
  const connection = await createConnection({
    host: config.mariadb.host,
    port: config.mariadb.port,
    user: config.mariadb.user,
    password: secrets.appPassword,
    database: config.mariadb.database,
    connectTimeout: 3_000,
  });
  return withConnection(connection, async (c) => {
    const [rows] = await c.query<RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.['version']);
  });
}

/** What `status` reports for the private MariaDB; `knownVersion` (from stack.json) is shown while it is down. */
export async function mariadbStatus(
  config: StackConfig,
  secrets: StackSecrets | undefined,
  knownVersion?: string,
): Promise<ServiceStatus> {
  const base = {
    name: SERVICE,
    endpoint: `${config.mariadb.host}:${config.mariadb.port}`,
    ...(knownVersion === undefined ? {} : { version: knownVersion }),
  } as const;
  const pid = await livePid(config.mariadb.pidFile, config.mariadb.dataDir);
  if (pid === undefined) return { ...base, state: 'stopped', healthy: false, detail: 'not running' };
  if (secrets === undefined)
    return { ...base, state: 'running', healthy: false, pid, detail: 'stack.json missing' };
  try {
    const version = await appVersion(config, secrets);
    return {
      ...base,
      state: 'running',
      healthy: true,
      pid,
      version,
      detail: `socket ${config.mariadb.socketPath}`,
    };
  } catch (err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ...base, state: 'running', healthy: false, pid, detail };
  }
}

async function waitUntilAnswering(
  config: StackConfig,
  secrets: StackSecrets,
  reporter: Reporter,
  child: DetachedProcess | undefined,
): Promise<string> {
  let lastError = 'not answering yet';
  const stopHeartbeat = reporter.heartbeat(
    SERVICE,
    () => `waiting for mariadbd to accept connections: ${lastError}`,
  );
  const deadline = performance.now() + START_TIMEOUT_MS;
  try {
    while (performance.now() < deadline) {
      const gone = child?.exitReason();
      if (gone !== undefined) {
        throw new AppError(
          'STACK_START_FAILED',
          `mariadbd ${gone} during start; last lines of ${config.mariadb.errorLog}:\n${await tail(config.mariadb.errorLog)}`,
        );
      }
      try {
        return await ensureAccounts(config, secrets);
      } catch (err: unknown) {
        // ENOENT/ECONNREFUSED until the socket exists; anything else is a real failure.
        const code = (err as { code?: unknown }).code;
        if ((err as { errno?: unknown }).errno === ER_ACCESS_DENIED) {
          throw new AppError(
            'STACK_START_FAILED',
            `MariaDB rejects the root password in ${config.settingsFile}; restore that file or wipe the stack with \`down --purge\``,
            { cause: err },
          );
        }
        if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw err;
        lastError = String(code);
      }
      await sleep(200);
    }
  } finally {
    stopHeartbeat();
  }
  throw new AppError(
    'STACK_START_FAILED',
    `mariadbd did not answer within ${START_TIMEOUT_MS / 1_000} s; see ${config.mariadb.errorLog}:\n${await tail(config.mariadb.errorLog)}`,
  );
}

/**
 * Starts the private MariaDB unless it already runs (then only checks it), creating the data directory on the
 * first start, and makes sure the app user and database exist. Resolves the server version.
 */
export async function startMariadb(
  config: StackConfig,
  secrets: StackSecrets,
  binaries: MariadbBinaries,
  reporter: Reporter,
  isRoot: boolean,
): Promise<{ readonly version: string; readonly reused: boolean }> {
  const running = await livePid(config.mariadb.pidFile, config.mariadb.dataDir);
  if (running !== undefined) {
    reporter.say(SERVICE, `already running (pid ${running}), checking it`);
    return { version: await waitUntilAnswering(config, secrets, reporter, undefined), reused: true };
  }
  await mkdir(config.mariadb.dir, { recursive: true });
  await mkdir(dirname(config.mariadb.socketPath), { recursive: true, mode: 0o700 });
  if (!existsSync(join(config.mariadb.dataDir, 'mysql'))) {
    reporter.say(SERVICE, `creating data directory ${config.mariadb.dataDir}`);
    const result = await runCommand(binaries.installDb, mariadbInstallDbArgs(config.mariadb, isRoot), {
      cwd: config.mariadb.dir,
    });
    if (result.code !== 0) {
      throw new AppError(
        'STACK_START_FAILED',
        `mariadb-install-db failed (exit ${String(result.code)}):\n${result.output.trim()}`,
      );
    }
  }
  if (await isPortOpen(config.mariadb.host, config.mariadb.port, 500)) {
    throw new AppError(
      'STACK_START_FAILED',
      `port ${config.mariadb.port} is taken by a process that is not this stack's MariaDB; set LAKEHOUSE_MARIADB_PORT`,
    );
  }
  reporter.say(SERVICE, `starting mariadbd on ${config.mariadb.host}:${config.mariadb.port}`);
  const child = spawnDetached(binaries.mariadbd, mariadbdArgs(config.mariadb, isRoot), {
    logFile: config.mariadb.stdoutLog,
    cwd: config.mariadb.dir,
  });
  const version = await waitUntilAnswering(config, secrets, reporter, child);
  return { version, reused: false };
}

/** Shuts MariaDB down cleanly (mariadb-admin over the socket, SIGTERM/SIGKILL as fallbacks); keeps its data. */
export async function stopMariadb(
  config: StackConfig,
  secrets: StackSecrets | undefined,
  binaries: Pick<MariadbBinaries, 'admin'> | undefined,
  reporter: Reporter,
): Promise<void> {
  const pid = await livePid(config.mariadb.pidFile, config.mariadb.dataDir);
  if (pid === undefined) {
    reporter.say(SERVICE, 'not running');
    return;
  }
  reporter.say(SERVICE, `stopping pid ${pid}`);
  let asked = false;
  if (binaries !== undefined && secrets !== undefined) {
    const result = await runCommand(binaries.admin, mariadbAdminShutdownArgs(config.mariadb), {
      env: { ...process.env, MYSQL_PWD: secrets.rootPassword },
    });
    asked = result.code === 0;
    if (!asked)
      reporter.say(SERVICE, `mariadb-admin shutdown failed, sending SIGTERM: ${result.output.trim()}`);
  }
  // mariadbd treats SIGTERM as a normal shutdown too; SIGKILL only when it hangs.
  const ended =
    asked && (await waitForExit(pid, STOP_TIMEOUT_MS)) ? 'exited' : await stopProcess(pid, STOP_TIMEOUT_MS);
  await livePid(config.mariadb.pidFile, config.mariadb.dataDir);
  reporter.say(SERVICE, ended === 'exited' ? 'stopped' : `killed after ${STOP_TIMEOUT_MS / 1_000} s`);
}
