import { execa, type ResultPromise } from 'execa';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkOutput, ListeningMessageSchema } from './child-output.js';

/** How to run one of the demo's child processes. */
export interface ChildOptions {
  /** The child's whole environment: nothing of the demo's own is added (execa `extendEnv: false`). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Everything the child prints is appended here. */
  readonly logFile: string;
}

/** A one-shot command's failure: exit code and the end of what it printed. */
export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
}

/** Lines of the end of a failed command shown in its error. */
const TAIL_LINES = 20;

function openLog(path: string, title: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} ${title}\n`);
  closeSync(fd);
}

/**
 * Runs a command to its end. Its stdout and stderr go to the log file; each stderr line (where the apps print
 * progress) is also handed to `onLine`. Resolves with stdout; rejects with DemoStepError naming the exit and the
 * last lines. Ctrl-C reaches the whole foreground group: a step stops with the demo.
 */
export async function runToEnd(
  title: string,
  command: string,
  args: readonly string[],
  options: ChildOptions & { readonly onLine?: (line: string) => void },
): Promise<string> {
  openLog(options.logFile, `${command} ${args.join(' ')}`);
  const log = { file: options.logFile, append: true } as const;
  const onLine = options.onLine;
  const result = await execa(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    extendEnv: false,
    stdin: 'ignore',
    stdout: ['pipe', log],
    stderr:
      onLine === undefined
        ? ['pipe', log]
        : [
            function* (line: unknown) {
              onLine(String(line));
              yield line;
            },
            'pipe',
            log,
          ],
    all: true,
    reject: false,
  });
  if (result.failed) {
    const tail = (result.all ?? '').split('\n').slice(-TAIL_LINES);
    const exit =
      result.signal === undefined
        ? `exit code ${String(result.exitCode ?? result.cause ?? 'none')}`
        : `signal ${result.signal}`;
    throw new DemoStepError(
      `${title} failed (${exit}); its last lines:\n    ${tail.join('\n    ')}\n  whole log: ${options.logFile}`,
    );
  }
  return result.stdout;
}

/** A long-running child of the demo (runner, API, producer). */
export interface DemoService {
  readonly name: string;
  readonly child: ResultPromise;
  /** Resolves with the exit code (or null after a signal or a failed start) when the process ends. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to its process group, SIGKILL after `timeoutMs`; resolves when it has ended. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Sends `signal` to the process group of `pid` (the service and what it started); a gone group is fine. */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  try {
    if (pid !== undefined) process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
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
  openLog(options.logFile, `${command} ${args.join(' ')}`);
  const log = { file: options.logFile, append: true } as const;
  const child = execa(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    extendEnv: false,
    detached: true,
    stdin: 'ignore',
    stdout: log,
    stderr: log,
    ipc: options.ipc === true,
    // The demo stops its services itself, in order; on a forced exit it kills their groups (see cli.ts).
    cleanup: false,
    reject: false,
  });
  let hasExited = false;
  const exited = child.then((result) => {
    hasExited = true;
    return result.exitCode ?? null;
  });
  return {
    name,
    child,
    exited,
    async stop(timeoutMs = 15_000) {
      signalGroup(child.pid, 'SIGTERM');
      if (!hasExited) {
        const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
        // Children the service started (function instances) go with it.
        signalGroup(child.pid, 'SIGTERM');
      }
    },
  };
}

/** Waits for a service started with `ipc` to report `{ event: 'listening', port }`. */
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
    service.child.on('message', (message: unknown) => {
      if (
        typeof message === 'object' &&
        message !== null &&
        'event' in message &&
        message.event === 'listening'
      ) {
        clearTimeout(timer);
        try {
          resolve(checkOutput(ListeningMessageSchema, message, `${service.name} IPC message`).port);
        } catch (err: unknown) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
    });
  });
}
