import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The pid in a pid file's text, or undefined when it holds none. */
export function parsePidFile(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const pid = Number(trimmed);
  return pid > 1 ? pid : undefined;
}

/** True when a process with `pid` exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: unknown) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Command line of `pid` from /proc (Linux), or undefined when it cannot be read there. */
async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** True when /proc/<pid>/stat says the process is a zombie (exited, not yet reaped). */
async function isZombie(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * The pid recorded in `pidFile` when that process is alive AND its command line contains `marker` (our data dir
 * or config path): a recycled pid, or the system MariaDB, is never mistaken for ours. A stale pid file is removed.
 */
export async function livePid(pidFile: string, marker: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const pid = parsePidFile(text);
  if (pid !== undefined && isProcessAlive(pid) && !(await isZombie(pid))) {
    const cmdline = await commandLine(pid);
    // Without /proc (macOS) the liveness check is all we have.
    if (cmdline === undefined || cmdline.includes(marker)) return pid;
  }
  await rm(pidFile, { force: true });
  return undefined;
}

/** A process started by {@link spawnDetached}; exit and spawn errors are recorded as soon as they happen. */
export interface DetachedProcess {
  readonly pid: number | undefined;
  /** Why the process is gone (exit code, signal or spawn error), or undefined while it runs. */
  exitReason(): string | undefined;
}

/**
 * Starts `command` in its own process group, detached from this one, with stdout and stderr appended to `logFile`.
 * It keeps running after the stack command exits.
 */
export function spawnDetached(
  command: string,
  args: readonly string[],
  options: { readonly logFile: string; readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): DetachedProcess {
  const fd = openSync(options.logFile, 'a');
  let reason: string | undefined;
  try {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.once('error', (err) => {
      reason = `cannot start ${command}: ${err.message}`;
    });
    child.once('exit', (code, signal) => {
      reason ??= signal === null ? `exited with code ${String(code)}` : `killed by ${signal}`;
    });
    child.unref();
    return { pid: child.pid, exitReason: () => reason };
  } finally {
    closeSync(fd);
  }
}

/** Resolves true once `pid` has exited, false when it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid) || (await isZombie(pid))) return true;
    await sleep(200);
  }
  return !isProcessAlive(pid);
}

/** Sends SIGTERM, waits up to `timeoutMs` for a clean exit, then SIGKILLs. Resolves how it ended. */
export async function stopProcess(pid: number, timeoutMs: number): Promise<'exited' | 'killed'> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'exited';
    throw err;
  }
  if (await waitForExit(pid, timeoutMs)) return 'exited';
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
  return 'killed';
}

/** Result of {@link runCommand}. */
export interface CommandResult {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs a command to completion, capturing stdout+stderr (and handing each line to `onLine` as it arrives).
 * Rejects only when the program cannot be started (ENOENT); a non-zero exit is in the result.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: {
    readonly env?: NodeJS.ProcessEnv;
    readonly cwd?: string;
    readonly onLine?: (line: string) => void;
  } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let partial = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      if (options.onLine === undefined) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (partial !== '' && options.onLine !== undefined) options.onLine(partial);
      resolve({ code, output });
    });
  });
}

/** Folders searched after PATH: mariadbd lives in /usr/sbin, which a normal user's PATH often lacks. */
const EXTRA_BIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin', '/usr/local/bin'];

/** Absolute path of `name` (PATH first, then the sbin folders), or undefined. Paths with a slash are checked as is. */
export function findExecutable(name: string, pathVar = process.env['PATH'] ?? ''): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : [...pathVar.split(delimiter).filter((d) => d !== ''), ...EXTRA_BIN_DIRS].map((dir) => join(dir, name));
  return candidates.find((candidate) => {
    const stat = statSync(candidate, { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && (stat.mode & 0o111) !== 0;
  });
}

/** True when something accepts TCP connections on host:port within `timeoutMs`. */
export function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
