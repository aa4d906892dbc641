import type { Pool } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import type { DemoPlan, HistoryProgress, Run } from '../demo-context.js';
import { parseDemoOptions } from '../demo-options.js';
import type { HistoryState } from '../history-state.js';
import { generateHistoryEarly, generateHistoryLate } from './generate-history.js';
import { historyTables, sharedHours } from './history-tables.js';
import { live } from './live-fixture.js';
import { fastLoad, heatwaveLoad, sparkLoad } from './load-history.js';
import { replaceHistory } from './replace-history.js';

const spec = { rows: 6_000, assets: 6, sites: 2, linesPerSite: 2, seed: 11 };
const loaded: HistoryState = { spec, files: [], startMs: 1_000, endMs: 2_000, loaded: true };

function run(argv: string[], plan: Partial<DemoPlan>, progress: Partial<HistoryProgress> = {}): Run {
  const options = parseDemoOptions(argv);
  if (options === null) throw new Error('help');
  return {
    say: () => undefined,
    timings: [],
    plan: {
      options,
      spec,
      stackDir: '/s',
      stateDir: '/s/demo',
      logDir: '/s/demo/logs',
      stateKey: 'default',
      buckets: { raw: '/r', rejects: '/j', silver: '/v' },
      previousHistory: null,
      isSame: false,
      mayLoad: true,
      ...plan,
    },
    env: {},
    progress: { history: null, isGeneratedEarly: false, isReused: false, ...progress },
    settings: {} as Run['settings'],
    database: 'lakehouse',
    pool: {} as Pool,
    live: live(),
  };
}

const skipped = async (step: { skip?: (r: Run) => unknown }, r: Run): Promise<unknown> => step.skip?.(r);

describe('the history steps decide from the plan and what the steps before them did', () => {
  it('generate the files early unless usable files of the same history are there', async () => {
    expect(await skipped(generateHistoryEarly, run([], { mayLoad: true }))).toBe(false);
    expect(await skipped(generateHistoryEarly, run([], { mayLoad: false }))).toBe(true);
    // Same history, files gone (filesExist is false for an empty list): generate again.
    expect(
      await skipped(generateHistoryEarly, run([], { mayLoad: true, isSame: true, previousHistory: loaded })),
    ).toBe(false);
  });

  it('load nothing when the history is reused or skipped', async () => {
    for (const r of [
      run([], {}, { isReused: true, history: loaded }),
      run(['--skip', 'history'], {}, { history: loaded }),
    ]) {
      for (const step of [
        generateHistoryLate,
        replaceHistory,
        sparkLoad,
        heatwaveLoad,
        fastLoad,
        historyTables,
        sharedHours,
      ])
        expect(await skipped(step, r)).toBe(true);
    }
  });

  it('load with the loader asked for', async () => {
    const spark = run([], {}, { history: loaded });
    const fast = run(['--loader', 'fast'], {}, { history: loaded });
    expect([
      await skipped(sparkLoad, spark),
      await skipped(heatwaveLoad, spark),
      await skipped(fastLoad, spark),
    ]).toEqual([false, false, true]);
    expect([await skipped(sparkLoad, fast), await skipped(fastLoad, fast)]).toEqual([true, false]);
  });

  it('replace the previous history only when another window takes its place', async () => {
    const other: HistoryState = { ...loaded, startMs: 5_000, endMs: 6_000, loaded: false };
    expect(await skipped(replaceHistory, run([], { previousHistory: loaded }, { history: other }))).toBe(
      false,
    );
    expect(await skipped(replaceHistory, run([], { previousHistory: loaded }, { history: loaded }))).toBe(
      true,
    );
    expect(await skipped(replaceHistory, run([], { previousHistory: null }, { history: other }))).toBe(true);
  });

  it('rebuild the shared streamed hours only after a replacement that kept streamed readings', async () => {
    const r = (streamedInWindow: number) =>
      run([], {}, { history: loaded, replaced: { startMs: 1_000, streamedInWindow } });
    expect(await skipped(sharedHours, r(3))).toBe(false);
    expect(await skipped(sharedHours, r(0))).toBe(true);
  });
});
