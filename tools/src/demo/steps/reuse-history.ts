import { count, type Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';
import { registerFleetMasterData, readingsBetween } from '../history-sql.js';
import { describeStock, registerFleetStock } from '../fleet-stock.js';
import { describeRegister } from './history-loading.js';

/**
 * Reuses the history an earlier run loaded when it is the one asked for and still in the database (not --fresh,
 * not generated just now). A history loaded before the register existed gets it now; otherwise every row is found
 * unchanged.
 */
export const reuseHistory: DemoStep<Run> = {
  title: 'reuse the loaded history',
  isUntimed: true,
  skip: ({ plan }) => plan.options.skip.has('history'),
  run: async (run) => {
    const { plan, progress, pool, say } = run;
    const history = progress.history;
    const isReusable =
      !progress.isGeneratedEarly &&
      !plan.options.isFresh &&
      history !== null &&
      history.loaded &&
      plan.isSame &&
      (await readingsBetween(pool, history.startMs, history.endMs)) >= plan.spec.rows;
    if (!isReusable || history === null) return;
    progress.isReused = true;
    say(
      `✔ history already loaded: ${count(plan.spec.rows)} readings from ${new Date(history.startMs).toISOString()} to ${new Date(history.endMs).toISOString()} (--fresh loads it again)`,
    );
    say(`    ${describeRegister(await registerFleetMasterData(pool, history.spec, history.endMs))}`);
    say(`    ${describeStock(await registerFleetStock(pool, history.spec))}`);
  },
};
