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
  /** Ends the child (SIGTERM to its process group, SIGKILL after 5 s) when aborted: the demo is stopping. */
  readonly signal?: AbortSignal;
}

/**
 * Process groups of the children alive now (one-shot steps and services), so that a forced stop and the process
 * 'exit' hook reach all of them. Module state on purpose: it mirrors the OS's own per-process list of children, and
 * every child is started through this module.
 */
const LIVE_GROUPS = new Set<number>();

/** The process groups of the children alive now (each child leads its own group). */
export function liveChildGroups(): readonly number[] {
  return [...LIVE_GROUPS];
}

/** Grace period between SIGTERM and SIGKILL for a cancelled one-shot step. */
const STEP_KILL_AFTER_MS = 5_000;

/**
 * Lists the child's group while it lives, and ends the group when `signal` aborts. A service's group stays listed:
 * what it started (function instances) may outlive its leader, and the exit hook kills whatever is left.
 */
function supervise(child: ResultPromise, signal: AbortSignal | undefined, isService = false): void {
  const pid = child.pid;
  if (pid === undefined) return;
  LIVE_GROUPS.add(pid);
  let isCancelled = false;
  const cancel = (): void => {
    isCancelled = true;
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => signalGroup(pid, 'SIGKILL'), STEP_KILL_AFTER_MS).unref();
  };
  if (signal?.aborted === true) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  const done = (): void => {
    signal?.removeEventListener('abort', cancel);
    // A cancelled step's group stays listed until the demo exits: what the step started (a JVM) may outlive it,
    // and the exit hook kills the group. A step that ended by itself is forgotten (its daemons, like the stack's,
    // run in groups of their own).
    if (!isCancelled && !isService) LIVE_GROUPS.delete(pid);
  };
  child.then(done, done);
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
 * last lines. The command leads its own process group: the demo stops it (and what it started) on any stop
 * through `signal`, whether the stop came from the terminal (Ctrl-C, SIGHUP) or not (SIGTERM, a closed pipe).
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
  const child = execa(command, [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    extendEnv: false,
    detached: true,
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
  supervise(child, options.signal);
  const result = await child;
  if (result.failed) {
    const tail = (result.all ?? '').split('\n').slice(-TAIL_LINES);
    const exit =
      result.signal === undefined
        ? `exit code ${String(result.exitCode ?? result.cause ?? 'none')}`
        : `signal ${result.signal}`;
    if (options.signal?.aborted === true) throw new DemoStepError(`${title} stopped: the demo is stopping`);
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
    // The demo stops its services itself, in order; on a forced exit it kills their groups (see demo-shutdown.ts).
    cleanup: false,
    reject: false,
  });
  supervise(child, undefined, true);
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
