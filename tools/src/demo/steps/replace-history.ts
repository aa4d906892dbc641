import { count, type Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';
import { removeHistory } from '../history-sql.js';
import { historyToLoad } from './history-loading.js';

/**
 * Removes the history an earlier run loaded, before a new one (another size or seed, or --fresh) takes its place:
 * its bulk readings, labelled failure events and hourly aggregates. Streamed readings stay; says how many of them
 * fall in the old window, whose aggregates are rebuilt after the load.
 */
export const replaceHistory: DemoStep<Run> = {
  title: 'remove the previous history (a new one replaces it)',
  skip: (run) => {
    const history = historyToLoad(run);
    const previous = run.plan.previousHistory;
    return !(
      history !== null &&
      previous?.loaded === true &&
      (previous.startMs !== history.startMs || previous.endMs !== history.endMs)
    );
  },
  run: async ({ plan, pool, progress, say }) => {
    const previous = plan.previousHistory;
    if (previous === null) return;
    const result = await removeHistory(pool, previous.startMs, previous.endMs, {
      onProgress: (n) => say(`    ${count(n)} readings removed`),
    });
    say(
      `    ${count(result.readings)} readings from ${new Date(previous.startMs).toISOString()} to ${new Date(previous.endMs).toISOString()}, ${count(result.failureEvents)} labelled failures, ${count(result.hourlyAggregates)} hourly aggregates removed; ${count(result.streamedKept)} streamed readings kept`,
    );
    progress.replaced = { startMs: previous.startMs, streamedInWindow: result.streamedKept };
  },
};
