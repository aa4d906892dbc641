import type { Run } from '../demo-context.js';
import type { HistoryState } from '../history-state.js';

/** One line on what the register write did. */
export function describeRegister(result: {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}): string {
  return `asset register (maker, model, install date, service life, criticality): ${String(result.inserted)} new, ${String(result.updated)} updated, ${String(result.unchanged)} unchanged`;
}

/** The history this run loads, or null when it loads none (--skip history, or the loaded one is reused). */
export function historyToLoad({ plan, progress }: Run): HistoryState | null {
  if (plan.options.skip.has('history') || progress.isReused) return null;
  return progress.history;
}

/** {@link historyToLoad} for a step that runs only when there is one. */
export function requireHistory(run: Run): HistoryState {
  const history = historyToLoad(run);
  if (history === null) throw new Error('no history to load (a step ran out of order)');
  return history;
}
