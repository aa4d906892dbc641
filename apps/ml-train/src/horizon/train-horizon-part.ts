import { WINDOW_FEATURE_NAMES } from '@lakehouse/domain';
import type { HorizonPartJson } from '@lakehouse/scoring';
import type { Pool } from 'mysql2/promise';
import { buildHorizonDataset } from './horizon-dataset.js';
import { readHorizonHistory } from './read-horizon-history.js';
import {
  DEFAULT_HORIZON_PARAMS,
  trainHorizonModel,
  type TrainedHorizonModel,
} from './train-horizon-model.js';

/** A trained horizon part with what the registry records about it. */
export interface HorizonPartResult {
  readonly part: HorizonPartJson;
  readonly metrics: {
    readonly horizons: readonly { minutes: number; trainingRows: number; positives: number }[];
    readonly historyRows: number;
    readonly assets: number;
    readonly trainSeconds: number;
  };
  /** One line for the command's output. */
  readonly summary: string;
  /** What HeatWave AutoML trains on where the server has it. */
  readonly baseTraining: TrainedHorizonModel['baseTraining'];
}

/**
 * Trains the horizon part of the model from the labelled history in MySQL (labels by FAILURES_AT_OR_AFTER_SQL, window
 * features by libs/domain). Returns null, saying why on `progress`, when the history has too few failures: the
 * per-reading model is registered either way.
 */
export async function trainHorizonPart(
  pool: Pool,
  config: { readonly minutes: readonly number[]; readonly alertMinutes: number },
  progress: (line: string) => void,
): Promise<HorizonPartResult | null> {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  let reportedAt = performance.now();
  progress('horizon model: reading the labelled history in time order, with the next failure from SQL');
  const history = await readHorizonHistory(pool, {
    onProgress: (rows) => {
      if (performance.now() - reportedAt < 1_000) return;
      reportedAt = performance.now();
      progress(`horizon model: read ${String(rows)} rows (${elapsed()})`);
    },
  });
  const dataset = buildHorizonDataset(history.series, history.minutesToFailure);
  const failures = dataset.failure.reduce((a, b) => a + b, 0);
  progress(
    `horizon model: window features of ${String(dataset.matrix.rows)} readings of ${String(history.series.length)} assets, ${String(failures)} failures (${elapsed()})`,
  );
  let trained;
  try {
    trained = trainHorizonModel(
      dataset,
      { ...DEFAULT_HORIZON_PARAMS, horizonsMinutes: config.minutes },
      (minutes, tree, trees) => {
        if (tree === trees || tree % 10 === 0) {
          progress(`horizon ${String(minutes)} min: tree ${String(tree)}/${String(trees)} (${elapsed()})`);
        }
      },
    );
  } catch (err: unknown) {
    if (!(err instanceof RangeError)) throw err;
    progress(`horizon model: not trained, ${err.message}`);
    return null;
  }
  const trainSeconds = (performance.now() - started) / 1000;
  return {
    part: {
      features: [...WINDOW_FEATURE_NAMES],
      alertMinutes: config.alertMinutes,
      horizons: trained.horizons,
    },
    metrics: {
      horizons: trained.summaries,
      historyRows: dataset.matrix.rows,
      assets: history.series.length,
      trainSeconds,
    },
    baseTraining: trained.baseTraining,
    summary: `horizon model: ${config.minutes.join(' and ')} min horizons (alerts on ${String(config.alertMinutes)} min) from ${String(dataset.matrix.rows)} readings with ${String(failures)} failures, trained in ${trainSeconds.toFixed(1)} s`,
  };
}
