import { GeneratedHistorySchema, lastJsonLine } from '../child-output.js';
import { count, tsxCommand, type PrepareContext, type Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';
import { filesExist, isSameHistory, writeHistoryState, type HistoryState } from '../history-state.js';

const title = ({ plan }: PrepareContext): string =>
  `generate ${count(plan.spec.rows)} labelled readings into the raw bucket`;

/** Writes the labelled history into the raw bucket with `bulk-load generate`; records it as not yet loaded. */
async function generate(ctx: PrepareContext): Promise<HistoryState> {
  const { spec, buckets, stateDir, stateKey } = ctx.plan;
  const out = await tsxCommand(ctx, 'generate', 'apps/bulk-load/src/main.ts', [
    'generate',
    '--out',
    buckets.raw,
    '--rows',
    String(spec.rows),
    '--assets',
    String(spec.assets),
    '--sites',
    String(spec.sites),
    '--lines',
    String(spec.linesPerSite),
    '--seed',
    String(spec.seed),
    '--fleet',
    spec.fleet ?? 'ai4i',
  ]);
  const written = lastJsonLine(GeneratedHistorySchema, out, 'bulk-load generate');
  ctx.say(
    `    ${String(written.files.length)} files, ${(written.bytes / 1e6).toFixed(0)} MB, ${written.startAt} .. ${written.endAt}`,
  );
  const state: HistoryState = {
    spec,
    files: written.files,
    startMs: Date.parse(written.startAt),
    endMs: Date.parse(written.endAt),
    loaded: false,
  };
  writeHistoryState(stateDir, stateKey, state);
  return state;
}

/** While the stack starts (the files do not need it): unless usable files of the same history are there. */
export const generateHistoryEarly: DemoStep<PrepareContext> = {
  title,
  skip: ({ plan }) =>
    !(plan.mayLoad && (plan.options.isFresh || !plan.isSame || !filesExist(plan.previousHistory))),
  run: async (ctx) => {
    ctx.progress.history = await generate(ctx);
    ctx.progress.isGeneratedEarly = true;
  },
};

/** A history recorded as loaded but missing from the database (dropped, another stack) whose files are gone. */
export const generateHistoryLate: DemoStep<Run> = {
  title,
  skip: ({ plan, progress: { history, isReused } }) =>
    plan.options.skip.has('history') ||
    isReused ||
    (history !== null && isSameHistory(history, plan.spec) && filesExist(history)),
  run: async (ctx) => {
    ctx.progress.history = await generate(ctx);
  },
};
