import { describe, expect, it } from 'vitest';
import {
  runInOrder,
  runSideBySide,
  stepTimesLine,
  type DemoStep,
  type RunnerContext,
} from './demo-runner.js';

function context(): RunnerContext & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, say: (line) => lines.push(line), timings: [] };
}

const step = (title: string, options: Partial<DemoStep<RunnerContext>> = {}): DemoStep<RunnerContext> => ({
  title,
  run: () => Promise.resolve(),
  ...options,
});

describe('the demo runner', () => {
  it('announces, times and closes each step in the order listed', async () => {
    const ctx = context();
    const ran: string[] = [];
    await runInOrder(
      [
        step('one', { run: () => Promise.resolve(void ran.push('one')) }),
        step('two', { run: () => Promise.resolve(void ran.push('two')) }),
      ],
      ctx,
    );
    expect(ran).toEqual(['one', 'two']);
    expect(ctx.lines[0]).toBe('▶ one');
    expect(ctx.lines[1]).toMatch(/^✔ one \(\d+\.\d s\)$/);
    expect(ctx.lines[2]).toBe('▶ two');
    expect(ctx.timings.map(([title]) => title)).toEqual(['one', 'two']);
  });

  it('leaves a skipped step out silently, or prints why as done', async () => {
    const ctx = context();
    let hasRun = false;
    const run = () => Promise.resolve(void (hasRun = true));
    await runInOrder(
      [step('silent', { skip: () => true, run }), step('reused', { skip: () => 'model in use: m v1', run })],
      ctx,
    );
    expect(hasRun).toBe(false);
    expect(ctx.lines).toEqual(['✔ model in use: m v1']);
    expect(ctx.timings).toEqual([]);
  });

  it('runs an untimed step without announcing it or recording its time', async () => {
    const ctx = context();
    await runInOrder(
      [step('notice', { isUntimed: true, run: (c) => Promise.resolve(c.say('✔ own line')) })],
      ctx,
    );
    expect(ctx.lines).toEqual(['✔ own line']);
    expect(ctx.timings).toEqual([]);
  });

  it('marks a failed step and stops the pipeline there', async () => {
    const ctx = context();
    let isAfterRun = false;
    await expect(
      runInOrder(
        [
          step('breaks', { run: () => Promise.reject(new Error('exit code 3')) }),
          step('after', { run: () => Promise.resolve(void (isAfterRun = true)) }),
        ],
        ctx,
      ),
    ).rejects.toThrow('exit code 3');
    expect(ctx.lines[1]).toMatch(/^✖ breaks \(/);
    expect(isAfterRun).toBe(false);
  });

  it('runs independent steps side by side', async () => {
    const ctx = context();
    const events: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // In order, `slow` would wait forever for `fast`, which opens its gate.
    const slow = step('slow', {
      run: async () => {
        events.push('slow started');
        await gate;
        events.push('slow done');
      },
    });
    const fast = step('fast', { run: () => Promise.resolve(void (events.push('fast'), release())) });
    await runSideBySide([slow, fast], ctx);
    expect(events).toEqual(['slow started', 'fast', 'slow done']);
  });

  it('prints the step times without the parenthesised part of a title', () => {
    expect(
      stepTimesLine([
        ['spark job (Data Flow stand-in)', 1_234],
        ['train', 50],
      ]),
    ).toBe('Step times: spark job 1.2 s; train 0.1 s');
  });
});
