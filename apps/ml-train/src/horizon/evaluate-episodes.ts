import {
  FAILURE_MODES,
  IDLE_EPISODE_STATE,
  foldAlertEpisodes,
  type EpisodeSettings,
  type FailureMode,
} from '@lakehouse/domain';
import type { HorizonDataset } from './horizon-dataset.js';

const MS_PER_MINUTE = 60_000;

/** What alerting on a score would have done for the failures of a history. */
export interface EpisodeOutcome {
  readonly episodes: number;
  /** Episodes during which (from opening to resolving) the asset failed. */
  readonly trueEpisodes: number;
  /** trueEpisodes / episodes; null without episodes. */
  readonly precision: number | null;
  readonly failures: number;
  /** Failures with an episode that opened strictly before the failing reading and was still open at it. */
  readonly warned: number;
  /** warned / failures; null without failures. */
  readonly failuresWarned: number | null;
  /** Per failure mode (a failure with two modes counts for both). */
  readonly byMode: Readonly<Record<FailureMode, ModeOutcome>>;
  /** Lead times of the warned failures, minutes from opening to the failure. */
  readonly leadMinutesP50: number | null;
  readonly leadMinutesP10: number | null;
}

/** Warning outcome of one failure mode. */
export interface ModeOutcome {
  readonly failures: number;
  readonly warned: number;
  readonly failuresWarned: number | null;
  readonly leadMinutesP50: number | null;
  readonly leadMinutesP10: number | null;
}

/** The q-quantile (0..1) of sorted values by the nearest-rank rule; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

interface Interval {
  readonly openedAt: number;
  readonly closedAt: number;
}

/**
 * Folds each asset's scores into alert episodes with the production state machine (libs/domain foldAlertEpisodes,
 * the fold the ingest function runs) and scores the result against the failures: an episode is true when the asset
 * fails while it is open; a failure is warned when an episode opened before it and was open at it; its lead is the
 * time between the two.
 */
export function evaluateEpisodes(
  dataset: HorizonDataset,
  scores: Float64Array,
  settings: EpisodeSettings,
): EpisodeOutcome {
  const rowsByAsset: number[][] = dataset.assets.map(() => []);
  for (let i = 0; i < dataset.matrix.rows; i += 1) rowsByAsset[dataset.assetIndex[i] as number]?.push(i);
  let episodes = 0;
  let trueEpisodes = 0;
  let failures = 0;
  let warned = 0;
  const leads: number[] = [];
  const modeFailures = Object.fromEntries(FAILURE_MODES.map((m) => [m, 0])) as Record<FailureMode, number>;
  const modeLeads = Object.fromEntries(FAILURE_MODES.map((m) => [m, [] as number[]])) as Record<
    FailureMode,
    number[]
  >;
  dataset.assets.forEach((assetId, a) => {
    const rows = rowsByAsset[a] as number[];
    const refs = rows.map((i) => ({
      recordedAt: dataset.recordedAt[i] as number,
      failureProbability: scores[i] as number,
    }));
    const fold = foldAlertEpisodes(assetId, IDLE_EPISODE_STATE, refs, settings);
    const end = refs.length === 0 ? 0 : (refs[refs.length - 1]?.recordedAt ?? 0);
    const intervals: Interval[] = fold.episodes.map((e) => ({
      openedAt: e.episode.openedAt,
      closedAt: e.resolvedAt ?? end,
    }));
    episodes += intervals.length;
    const failureTimes = rows.filter((i) => dataset.failure[i] === 1);
    for (const interval of intervals) {
      if (
        failureTimes.some((i) => {
          const t = dataset.recordedAt[i] as number;
          return t >= interval.openedAt && t <= interval.closedAt;
        })
      ) {
        trueEpisodes += 1;
      }
    }
    for (const i of failureTimes) {
      const t = dataset.recordedAt[i] as number;
      failures += 1;
      const modes = dataset.modes[i] ?? [];
      for (const m of modes) modeFailures[m] += 1;
      const open = intervals.find((e) => e.openedAt < t && e.closedAt >= t);
      if (open === undefined) continue;
      warned += 1;
      const lead = (t - open.openedAt) / MS_PER_MINUTE;
      leads.push(lead);
      for (const m of modes) modeLeads[m].push(lead);
    }
  });
  const sortedLeads = [...leads].sort((x, y) => x - y);
  const byMode = Object.fromEntries(
    FAILURE_MODES.map((m) => {
      const sorted = [...modeLeads[m]].sort((x, y) => x - y);
      return [
        m,
        {
          failures: modeFailures[m],
          warned: sorted.length,
          failuresWarned: modeFailures[m] === 0 ? null : sorted.length / modeFailures[m],
          leadMinutesP50: quantile(sorted, 0.5),
          leadMinutesP10: quantile(sorted, 0.1),
        },
      ];
    }),
  ) as Record<FailureMode, ModeOutcome>;
  return {
    episodes,
    trueEpisodes,
    precision: episodes === 0 ? null : trueEpisodes / episodes,
    failures,
    warned,
    failuresWarned: failures === 0 ? null : warned / failures,
    byMode,
    leadMinutesP50: quantile(sortedLeads, 0.5),
    leadMinutesP10: quantile(sortedLeads, 0.1),
  };
}
