import {
  HORIZON_EPISODE_SETTINGS,
  WINDOW_FEATURE_NAMES,
  type EpisodeSettings,
  type LabelledReading,
} from '@lakehouse/domain';
import { compileHorizonPart, type HorizonPartJson, type TreeEnsembleJson } from '@lakehouse/scoring';
import { buildDataset } from '../training/labelled-dataset.js';
import { scoreDataset } from '../training/train-failure-model.js';
import { evaluateEpisodes, type EpisodeOutcome } from './evaluate-episodes.js';
import { buildHorizonDataset, seriesByAsset, type HorizonDataset } from './horizon-dataset.js';
import { horizonPrAuc } from './train-horizon-model.js';

/** How one score did for one horizon on held-out fleets. */
export interface HorizonFigures {
  readonly prAuc: number;
  readonly episodes: EpisodeOutcome;
}

/** Figures of the horizon model and of the per-reading baseline, per horizon. */
export interface HorizonEvaluation {
  readonly rows: number;
  readonly failures: number;
  readonly byHorizon: readonly {
    readonly minutes: number;
    readonly model: HorizonFigures;
    readonly baseline: HorizonFigures;
  }[];
}

/** Scores every row of a horizon dataset with every horizon of a part: `out[k][row]`. */
export function scoreHorizons(part: HorizonPartJson, dataset: HorizonDataset): Float64Array[] {
  const scorer = compileHorizonPart(part);
  const k = part.horizons.length;
  const out = part.horizons.map(() => new Float64Array(dataset.matrix.rows));
  const buffer = new Float64Array(k);
  const f = dataset.matrix.featureCount;
  for (let i = 0; i < dataset.matrix.rows; i += 1) {
    scorer.risks(dataset.matrix.values, i * f, buffer);
    for (let h = 0; h < k; h += 1) (out[h] as Float64Array)[i] = buffer[h] as number;
  }
  return out;
}

/**
 * Evaluates the horizon model against the per-reading model's probability on held-out histories (fleets the models
 * never saw): PR-AUC per horizon, and the alert episodes each score would open, folded with the production fold.
 * Every history's rows are pooled; episodes are per asset as in production.
 */
export function evaluateHorizonModel(
  horizons: HorizonPartJson['horizons'],
  perReading: TreeEnsembleJson,
  heldOut: readonly (readonly LabelledReading[])[],
  settings: EpisodeSettings = HORIZON_EPISODE_SETTINGS,
): HorizonEvaluation {
  const part: HorizonPartJson = {
    features: [...WINDOW_FEATURE_NAMES],
    alertMinutes: (horizons[horizons.length - 1] as { minutes: number }).minutes,
    horizons,
  };
  // Each held-out history is its own fleet (asset ids repeat across them), so it is featured and folded apart and
  // the outcomes are pooled.
  const perHistory = heldOut.map((readings) => {
    const series = seriesByAsset(readings);
    const dataset = buildHorizonDataset(series);
    const baseline = scoreDataset(perReading, buildDataset(series.flatMap((s) => s.readings)));
    return { dataset, model: scoreHorizons(part, dataset), baseline };
  });
  const merged = concatDatasets(perHistory.map((p) => p.dataset));
  const concat = (pick: (p: (typeof perHistory)[number]) => Float64Array): Float64Array => {
    const out = new Float64Array(merged.matrix.rows);
    let at = 0;
    for (const p of perHistory) {
      out.set(pick(p), at);
      at += p.dataset.matrix.rows;
    }
    return out;
  };
  const baseline = concat((p) => p.baseline);
  const figures = (scores: Float64Array, minutes: number): HorizonFigures => ({
    prAuc: horizonPrAuc(merged, scores, minutes),
    episodes: evaluateEpisodes(merged, scores, settings),
  });
  return {
    rows: merged.matrix.rows,
    failures: merged.failure.reduce((a, b) => a + b, 0),
    byHorizon: horizons.map((h, k) => ({
      minutes: h.minutes,
      model: figures(
        concat((p) => p.model[k] as Float64Array),
        h.minutes,
      ),
      baseline: figures(baseline, h.minutes),
    })),
  };
}

/** One dataset holding several histories' rows, their assets kept apart; without features (folding needs none). */
function concatDatasets(datasets: readonly HorizonDataset[]): HorizonDataset {
  const rows = datasets.reduce((sum, d) => sum + d.matrix.rows, 0);
  const assetIndex = new Int32Array(rows);
  const recordedAt = new Float64Array(rows);
  const failure = new Uint8Array(rows);
  const minutesToFailure = new Float64Array(rows);
  const modes: HorizonDataset['modes'][number][] = [];
  const assets: string[] = [];
  let at = 0;
  datasets.forEach((d, n) => {
    for (let i = 0; i < d.matrix.rows; i += 1)
      assetIndex[at + i] = (d.assetIndex[i] as number) + assets.length;
    recordedAt.set(d.recordedAt, at);
    failure.set(d.failure, at);
    minutesToFailure.set(d.minutesToFailure, at);
    for (const rowModes of d.modes) modes.push(rowModes);
    assets.push(...d.assets.map((a) => `${String(n)}:${a}`));
    at += d.matrix.rows;
  });
  return {
    // The features are not needed to fold episodes.
    matrix: { values: new Float64Array(0), rows, featureCount: 0 },
    minutesToFailure,
    assetIndex,
    recordedAt,
    failure,
    modes,
    assets,
  };
}
