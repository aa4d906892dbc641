import { rebuildDailyRollups, rebuildHourlyAggregates } from '@lakehouse/sql';
import type { Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';
import { writeHistoryState } from '../history-state.js';
import {
  recordLabelledFailures,
  registerAssetsFromHistory,
  registerFleetMasterData,
} from '../history-sql.js';
import { describeRegister, historyToLoad, requireHistory } from './history-loading.js';

/** What the API reads of a loaded history: assets, the register, labelled failures, aggregates, rollups. */
export const historyTables: DemoStep<Run> = {
  title: 'assets, asset register, labelled failures, hourly aggregates and daily rollups',
  skip: (run) => historyToLoad(run) === null,
  run: async (run) => {
    const { pool, say } = run;
    const history = requireHistory(run);
    const assets = await registerAssetsFromHistory(pool);
    if (run.plan.options.loader === 'fast') await rebuildHourlyAggregates(pool);
    const failures = await recordLabelledFailures(pool, history.startMs, history.endMs);
    // The register before the rollups: daily_manufacturer_rollups takes each asset's manufacturer from it.
    const register = await registerFleetMasterData(pool, history.spec, history.endMs);
    const days = await rebuildDailyRollups(pool, { fromMs: history.startMs, toMs: history.endMs + 1 });
    say(
      `    assets registered (${String(assets)} rows changed), ${String(failures)} labelled failures recorded, ${String(days)} daily rollup rows`,
    );
    say(`    ${describeRegister(register)}`);
  },
};

/** After a replaced history: the aggregates of the streamed hours that fell in the old window. */
export const sharedHours: DemoStep<Run> = {
  title: 'hourly aggregates of the streamed hours the old history shared',
  skip: (run) =>
    historyToLoad(run) === null ||
    run.progress.replaced === undefined ||
    run.progress.replaced.streamedInWindow <= 0,
  run: async ({ pool, progress, say }) => {
    const fromMs = progress.replaced?.startMs ?? 0;
    const hours = await rebuildHourlyAggregates(pool, { fromMs });
    const days = await rebuildDailyRollups(pool, { fromMs });
    say(`    ${String(hours)} hourly and ${String(days)} daily rows written`);
  },
};

/** Records the history as loaded, so that a later run reuses it. */
export const recordHistory: DemoStep<Run> = {
  title: 'record the loaded history',
  isUntimed: true,
  skip: (run) => historyToLoad(run) === null,
  run: (run) => {
    const { stateDir, stateKey, options } = run.plan;
    writeHistoryState(stateDir, stateKey, { ...requireHistory(run), loaded: true, loader: options.loader });
    return Promise.resolve();
  },
};
