import { activeModelId, getModel } from '@lakehouse/scoring';
import { lastJsonLine, ScoreHistorySchema } from '../child-output.js';
import { count, tsxCommand, type Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';

/** Trains, registers and activates the failure model, unless one is active (and not --retrain or --fresh). */
export const trainModel: DemoStep<Run> = {
  title: 'train the failure model on the labelled history (ml-train), register and activate it',
  skip: async ({ plan, pool }) => {
    if (plan.options.skip.has('train')) return true;
    const activeId = await activeModelId(pool);
    const active = activeId === null ? null : await getModel(pool, activeId);
    if (active === null || plan.options.isRetrain || plan.options.isFresh) return false;
    return `model in use: ${active.name} v${String(active.version)} (model ${String(active.modelId)}; --retrain trains a new one)`;
  },
  run: async (run) => {
    const out = await tsxCommand(run, 'ml-train', 'apps/ml-train/src/main.ts', ['train'], {
      // The demo trains once on a recent window of the history; `npx nx run ml-train:train` cross-validates.
      ML_CV_FOLDS: '0',
      ML_TRAIN_NEWEST_ROWS: String(run.plan.options.trainRows),
    });
    for (const line of out.trim().split('\n')) run.say(`    ${line}`);
  },
};

/** Scores every reading the active model has not scored, then the aggregates of the hours it changed. */
export const scoreHistory: DemoStep<Run> = {
  title:
    'score the history with the active model (ml-train score --history), hourly aggregates and daily rollups',
  skip: async ({ plan, pool }) => plan.options.skip.has('score') || (await activeModelId(pool)) === null,
  run: async (run) => {
    const out = await tsxCommand(run, 'score-history', 'apps/ml-train/src/main.ts', ['score', '--history']);
    const summary = lastJsonLine(ScoreHistorySchema, out, 'ml-train score --history');
    const scored = summary.scored ?? 0;
    run.say(
      scored === 0
        ? "    every reading already carries the active model's probability"
        : `    ${count(scored)} readings scored (${count(summary.readingsPerSec ?? 0)} readings/s), aggregates of ${String(summary.hours ?? 0)} hours and ${String(summary.days ?? 0)} days rebuilt`,
    );
  },
};
