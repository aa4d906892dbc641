import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** How to run one of the demo's child processes. */
export interface ChildOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Everything the child prints is appended here. */
  readonly logFile: string;
}

/** A one-shot command's failure: exit code and the end of what it printed. */
export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
}

function openLog(path: string, title: string): number {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} ${title}\n`);
  return fd;
}

/**
 * Runs a command to its end. Its stdout and stderr go to the log file; each stderr line (where the apps print
 * progress) is also handed to `onLine`. Resolves with stdout; rejects with DemoStepError naming the exit and the last lines.
 */
export async function runToEnd(
  title: string,
  command: string,
  args: readonly string[],
  options: ChildOptions & { readonly onLine?: (line: string) => void },
): Promise<string> {
  const fd = openLog(options.logFile, `${command} ${args.join(' ')}`);
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Ctrl-C reaches the whole foreground group: a step stops with the demo.
  const tail: string[] = [];
  let stdout = '';
  const take = (stream: NodeJS.ReadableStream, isStdout: boolean): Promise<void> =>
    new Promise((resolve) => {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (line) => {
        writeSync(fd, `${line}\n`);
        if (isStdout) stdout += `${line}\n`;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (!isStdout) options.onLine?.(line);
      });
      lines.on('close', resolve);
    });
  const [code, signal] = await Promise.all([
    new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve([c, s]));
    }),
    take(child.stdout, true),
    take(child.stderr, false),
  ]).then(([exit]) => exit);
  closeSync(fd);
  if (code !== 0) {
    throw new DemoStepError(
      `${title} failed (${signal === null ? `exit code ${String(code)}` : `signal ${signal}`}); its last lines:\n    ${tail.join('\n    ')}\n  whole log: ${options.logFile}`,
    );
  }
  return stdout;
}

/** A long-running child of the demo (runner, API, producer). */
export interface DemoService {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or null after a signal) when the process ends. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to its process group, SIGKILL after `timeoutMs`; resolves when it has ended. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts a service in its own process group, so the demo decides the order of shutdown (producer first, then the
 * runner with its function instances, then the API) and a stop reaches the processes the service started itself.
 * Output goes to its log file. With `ipc` the child gets an IPC channel (the API reports its port over it and ends
 * when the channel closes, so it never outlives the demo).
 */
export function startService(
  name: string,
  command: string,
  args: readonly string[],
  options: ChildOptions & { readonly ipc?: boolean },
): DemoService {
  const fd = openLog(options.logFile, `${command} ${args.join(' ')}`);
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    detached: true,
    stdio: options.ipc === true ? ['ignore', fd, fd, 'ipc'] : ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    name,
    child,
    exited,
    async stop(timeoutMs = 15_000) {
      signalGroup('SIGTERM');
      if (!hasExited) {
        const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
        // Children the service started (function instances) go with it.
        signalGroup('SIGTERM');
      }
    },
  };
}

/** Waits for a child started with `ipc` to report `{ event: 'listening', port }`. */
export function listeningPort(service: DemoService, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new DemoStepError(`${service.name} did not start listening within ${String(timeoutMs / 1000)} s`),
        ),
      timeoutMs,
    );
    void service.exited.then((code) => {
      clearTimeout(timer);
      reject(new DemoStepError(`${service.name} exited with ${String(code)} before listening`));
    });
    service.child.on('message', (m: { event?: string; port?: unknown }) => {
      if (m.event === 'listening' && typeof m.port === 'number') {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
  });
}
