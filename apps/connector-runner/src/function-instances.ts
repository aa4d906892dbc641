import { AppError, UpstreamError, type Logger } from '@lakehouse/runtime';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

/** Settings of {@link startFunctionInstances}. */
export interface FunctionInstancesOptions {
  /** The bundled function (`node <file>` is how its container image starts it). */
  readonly functionFile: string;
  readonly instances: number;
  /** Sockets and pid files live here. */
  readonly stateDir: string;
  /** The function's configuration, as Fn passes it: environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Longest an invocation may take (func.yaml `timeout`). */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** How long an instance may take to open its socket. @default 15_000 */
  readonly startTimeoutMs?: number;
}

/** Outcome of a successful invocation: the function's JSON response. */
export type InvokeResult = Readonly<Record<string, unknown>>;

/** A pool of function instances, each a `node func.js` process serving the FDK's HTTP contract on a unix socket. */
export interface FunctionInstances {
  /** Invokes an idle instance (waiting for one) with `body`; rejects with FUNCTION_INVOKE_FAILED unless HTTP 200. */
  invoke(body: Buffer): Promise<InvokeResult>;
  stop(): Promise<void>;
}

interface Instance {
  readonly index: number;
  readonly socket: string;
  process: ChildProcess | undefined;
  starting: Promise<void> | undefined;
}

const PID_FILE = 'function-pids.json';

function killStale(stateDir: string, logger: Logger): void {
  const file = join(stateDir, PID_FILE);
  if (!existsSync(file)) return;
  // A runner killed with SIGKILL cannot stop its instances; the next runner does, before opening the same sockets.
  for (const pid of JSON.parse(readFileSync(file, 'utf8')) as number[]) {
    try {
      process.kill(pid, 'SIGKILL');
      logger.warn({ pid }, 'stopped a function instance left behind by an earlier runner');
    } catch {
      // already gone
    }
  }
  rmSync(file);
}

function waitForSocket(path: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (existsSync(path)) return resolve();
      if (child.exitCode !== null || child.signalCode !== null) {
        return reject(
          new AppError('FUNCTION_INVOKE_FAILED', `function instance exited before listening on ${path}`),
        );
      }
      if (Date.now() - started > timeoutMs) {
        return reject(
          new AppError(
            'FUNCTION_INVOKE_FAILED',
            `function instance did not listen on ${path} in ${timeoutMs} ms`,
          ),
        );
      }
      setTimeout(poll, 25);
    };
    poll();
  });
}

/** POSTs `body` to `/call` on the FDK socket, with the headers Fn sends. */
export function callFunction(socketPath: string, body: Buffer, timeoutMs: number): Promise<InvokeResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method: 'POST',
        path: '/call',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          'Fn-Call-Id': randomUUID(),
          'Fn-Deadline': new Date(Date.now() + timeoutMs).toISOString(),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(
              new UpstreamError(
                'FUNCTION_INVOKE_FAILED',
                `function answered HTTP ${res.statusCode}: ${text.slice(0, 500)}`,
                {
                  retryable: true,
                  context: { status: res.statusCode },
                },
              ),
            );
            return;
          }
          try {
            resolve(JSON.parse(text) as InvokeResult);
          } catch {
            reject(
              new UpstreamError(
                'FUNCTION_INVOKE_FAILED',
                `function answered with non-JSON: ${text.slice(0, 200)}`,
              ),
            );
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new UpstreamError('FUNCTION_INVOKE_FAILED', `function timed out after ${timeoutMs} ms`, {
          retryable: true,
        }),
      ),
    );
    req.on('error', (err) =>
      reject(
        err instanceof AppError
          ? err
          : new UpstreamError('FUNCTION_INVOKE_FAILED', `cannot reach the function: ${err.message}`, {
              cause: err,
              retryable: true,
            }),
      ),
    );
    req.end(body);
  });
}

/**
 * Starts `instances` function processes the way Fn runs a container: `FN_FORMAT=http-stream`,
 * `FN_LISTENER=unix:<socket>`, configuration as environment. An instance that dies is started again on its next
 * invocation, as Fn would start a fresh container.
 */
export async function startFunctionInstances(options: FunctionInstancesOptions): Promise<FunctionInstances> {
  if (!existsSync(options.functionFile)) {
    throw new AppError(
      'CONFIG_INVALID',
      `the function bundle ${options.functionFile} does not exist: build it with \`npx nx run ingest-fn:build\``,
    );
  }
  mkdirSync(options.stateDir, { recursive: true });
  killStale(options.stateDir, options.logger);
  const instances: Instance[] = Array.from({ length: options.instances }, (_, index) => ({
    index,
    socket: join(options.stateDir, `fn-${index}.sock`),
    process: undefined,
    starting: undefined,
  }));
  const idle: Instance[] = [];
  const waiters: ((instance: Instance) => void)[] = [];
  let stopping = false;

  const recordPids = (): void => {
    const pids = instances.map((i) => i.process?.pid).filter((p): p is number => p !== undefined);
    writeFileSync(join(options.stateDir, PID_FILE), JSON.stringify(pids));
  };

  const start = (instance: Instance): Promise<void> => {
    instance.starting ??= (async () => {
      rmSync(instance.socket, { force: true });
      rmSync(`${instance.socket}.tmp`, { force: true });
      const child = spawn(process.execPath, [options.functionFile], {
        env: { ...options.env, FN_FORMAT: 'http-stream', FN_LISTENER: `unix:${instance.socket}` },
        // The IPC channel lets an instance notice that its runner died (even by SIGKILL) and exit with it.
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      instance.process = child;
      recordPids();
      child.on('exit', (code, signal) => {
        if (instance.process === child) instance.process = undefined;
        if (!stopping)
          options.logger.warn({ instance: instance.index, code, signal }, 'function instance exited');
      });
      await waitForSocket(instance.socket, child, options.startTimeoutMs ?? 15_000);
    })().finally(() => {
      instance.starting = undefined;
    });
    return instance.starting;
  };

  const release = (instance: Instance): void => {
    const waiter = waiters.shift();
    if (waiter !== undefined) waiter(instance);
    else idle.push(instance);
  };

  await Promise.all(instances.map(start));
  idle.push(...instances);
  options.logger.info(
    { instances: options.instances, functionFile: options.functionFile },
    'function instances started',
  );

  return {
    async invoke(body) {
      const instance = idle.shift() ?? (await new Promise<Instance>((resolve) => waiters.push(resolve)));
      try {
        if (instance.process === undefined) await start(instance);
        return await callFunction(instance.socket, body, options.timeoutMs);
      } finally {
        release(instance);
      }
    },
    async stop() {
      stopping = true;
      await Promise.all(
        instances.map(
          (instance) =>
            new Promise<void>((resolve) => {
              const child = instance.process;
              if (child === undefined || child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
            }),
        ),
      );
      rmSync(join(options.stateDir, PID_FILE), { force: true });
    },
  };
}
