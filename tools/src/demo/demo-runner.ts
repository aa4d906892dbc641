/** Where the demo's lines go (stdout; a test passes an array). */
export type Say = (line: string) => void;

/** `1234` ms as `1.2 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** What the runner needs of any context: where to print, and where each step's time is recorded. */
export interface RunnerContext {
  readonly say: Say;
  readonly timings: [string, number][];
  /** Aborted when the demo is asked to stop: no further step starts, and running commands are ended. */
  readonly signal?: AbortSignal;
}

/** Thrown instead of starting a step once the demo is stopping. */
export class DemoStoppedError extends Error {
  override readonly name = 'DemoStoppedError';
}

function throwIfStopping(ctx: RunnerContext): void {
  if (ctx.signal?.aborted === true) throw new DemoStoppedError('the demo is stopping');
}

/**
 * One step of the demo. `skip` says why it does not run this time: false (it runs), true (left out silently: a
 * --skip flag, a step with nothing to do), or a line printed as done (`✔ model in use: …`). A timed step is
 * announced (`▶ title`), timed and closed (`✔ title (1.2 s)` or `✖ …`); an untimed one prints only its own lines.
 */
export interface DemoStep<C extends RunnerContext> {
  readonly title: string | ((ctx: C) => string);
  readonly skip?: (ctx: C) => boolean | string | Promise<boolean | string>;
  readonly run: (ctx: C) => Promise<void>;
  /** Prints its own lines and is left out of the step times (a notice, a bookkeeping write). */
  readonly isUntimed?: boolean;
}

const titleOf = <C extends RunnerContext>(step: DemoStep<C>, ctx: C): string =>
  typeof step.title === 'string' ? step.title : step.title(ctx);

/** Runs `work` as a timed step: `▶ title`, then `✔ title (time)` or `✖ title (time)` and the error. */
export async function timedStep<T>(ctx: RunnerContext, title: string, work: () => Promise<T>): Promise<T> {
  ctx.say(`▶ ${title}`);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    ctx.timings.push([title, ms]);
    ctx.say(`✔ ${title} (${seconds(ms)})`);
    return result;
  } catch (err: unknown) {
    ctx.say(`✖ ${title} (${seconds(performance.now() - started)})`);
    throw err;
  }
}

/** Runs one step unless it is skipped. */
export async function runStep<C extends RunnerContext>(step: DemoStep<C>, ctx: C): Promise<void> {
  throwIfStopping(ctx);
  const skip = step.skip === undefined ? false : await step.skip(ctx);
  if (typeof skip === 'string') ctx.say(`✔ ${skip}`);
  if (skip !== false) return;
  if (step.isUntimed === true) await step.run(ctx);
  else await timedStep(ctx, titleOf(step, ctx), () => step.run(ctx));
}

/** Runs `steps` one after the other, in the order listed; the first failure (or a stop) ends the pipeline. */
export async function runInOrder<C extends RunnerContext>(
  steps: readonly DemoStep<C>[],
  ctx: C,
): Promise<void> {
  for (const step of steps) await runStep(step, ctx);
}

/** Runs independent `steps` side by side and waits for all of them (the first failure rejects). */
export async function runSideBySide<C extends RunnerContext>(
  steps: readonly DemoStep<C>[],
  ctx: C,
): Promise<void> {
  await Promise.all(steps.map((step) => runStep(step, ctx)));
}

/** The step times line of the end of a run: `Step times: migrate schema x 1.0 s; …`. */
export function stepTimesLine(timings: readonly (readonly [string, number])[]): string {
  return `Step times: ${timings.map(([n, ms]) => `${n.split(' (')[0] ?? n} ${seconds(ms)}`).join('; ')}`;
}
