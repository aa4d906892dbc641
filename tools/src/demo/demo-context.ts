import { WORKSPACE_ROOT, type StackSettings } from '@lakehouse/local-stack';
import type { Pool } from 'mysql2/promise';
import { join } from 'node:path';
import type { DemoOptions } from './demo-options.js';
import { runToEnd, type DemoService } from './demo-processes.js';
import type { RunnerContext, Say } from './demo-runner.js';
import type { HistoryState } from './history-state.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** What a run decided before anything started: its options, folders and the history an earlier run left. */
export interface DemoPlan {
  readonly options: DemoOptions;
  readonly spec: HistoryState['spec'];
  /** The stack folder (stack.json, stack.env, the Spark jars). */
  readonly stackDir: string;
  readonly stateDir: string;
  readonly logDir: string;
  /** Key of the history and buckets: the --database, or `default`. */
  readonly stateKey: string;
  readonly buckets: { readonly raw: string; readonly rejects: string; readonly silver: string };
  readonly previousHistory: HistoryState | null;
  /** Whether the previous history is the one asked for (same fleet, size and seed). */
  readonly isSame: boolean;
  /** Whether this run may (re)load the history: not skipped, and fresh, not loaded or another one. */
  readonly mayLoad: boolean;
}

/** What the history steps found and did, for the steps after them. */
export interface HistoryProgress {
  /** The history to load or reused: the previous one until a step generates another. */
  history: HistoryState | null;
  /** Generated while the stack started (then it is loaded, never reused). */
  isGeneratedEarly: boolean;
  /** The loaded history is reused: nothing is generated or loaded. */
  isReused: boolean;
  /** The previous history was removed for this one: its window and the streamed readings it shared. */
  replaced?: { readonly startMs: number; readonly streamedInWindow: number };
}

/** Context of the steps that run while the stack starts (no database yet). */
export interface PrepareContext extends RunnerContext {
  readonly plan: DemoPlan;
  /** The environment of the workspace's own tools (stack, build, jars): the demo's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly progress: HistoryProgress;
}

/** What is live: the services in stop order and how to reach them. */
export interface LiveState {
  readonly services: DemoService[];
  producer?: DemoService;
  api?: { readonly base: string; readonly key: string };
  /** The local receiver of alert-episode notifications (the on-call tool's stand-in). */
  webhook?: WebhookReceiver;
  readonly producerStatus: string;
  readonly runnerState: string;
  readonly runnerStatus: string;
}

/** Context of the steps once the stack is up. */
export interface Run extends PrepareContext {
  readonly settings: StackSettings;
  readonly database: string;
  /** The apps' environment: PATH, HOME, the stack's variables for `database`, the demo's settings. */
  readonly env: Readonly<Record<string, string>>;
  readonly pool: Pool;
  readonly live: LiveState;
}

const TSX = ['--import', 'tsx', '--conditions=@lakehouse/source'];

/** Prints a child's progress lines, indented and at most one a second per step (the log has them all). */
export function progressPrinter(
  say: Say,
  label: string,
  now = () => performance.now(),
): (line: string) => void {
  let shownAt = Number.NEGATIVE_INFINITY;
  return (line) => {
    const text = line.trim();
    if (text === '' || text.startsWith('{')) return;
    const at = now();
    if (at - shownAt < 1_000) return;
    shownAt = at;
    const shown = text.startsWith(`${label}:`) || text.startsWith('[') ? text : `${label}: ${text}`;
    say(`    ${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown}`);
  };
}

/** Runs a workspace TypeScript entry (an app's CLI) to its end, as its Nx target would; resolves its stdout. */
export function tsxCommand(
  ctx: PrepareContext,
  title: string,
  file: string,
  args: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<string> {
  return runToEnd(title, process.execPath, [...TSX, join(WORKSPACE_ROOT, file), ...args], {
    cwd: WORKSPACE_ROOT,
    env: { ...ctx.env, ...extraEnv },
    logFile: join(ctx.plan.logDir, `${title.split(' ')[0] ?? 'step'}.log`),
    onLine: progressPrinter(ctx.say, title),
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
}

/** `n` with thousands separators, as every line of the demo shows counts. */
export const count = (n: number): string => n.toLocaleString('en-US');
