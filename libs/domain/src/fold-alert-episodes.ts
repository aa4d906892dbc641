import {
  RISK_BANDS,
  episodeId,
  type EpisodeBand,
  type EpisodeHold,
  type EpisodeScoreKind,
  type EpisodeSettings,
} from './alert-episode-settings.js';

/** A run of consecutive scored readings at or above a threshold. */
export interface RiskRun {
  /** Readings in the run. */
  readonly count: number;
  /** Reading time of its first reading, epoch ms. */
  readonly startedAt: number;
  /** Highest score in the run (the probability, or the horizon risk) and when it was read. */
  readonly peakProbability: number;
  readonly peakAt: number;
}

/** What the state machine knows of an episode that is open. */
export interface OpenEpisode {
  readonly episodeId: string;
  /** Reading time at which the hold was met, epoch ms. */
  readonly openedAt: number;
  /** First and latest reading at or above the open threshold. */
  readonly firstHighAt: number;
  readonly lastHighAt: number;
  readonly band: EpisodeBand;
  /** When it escalated from elevated to high; null while elevated or when it opened high. */
  readonly escalatedAt: number | null;
  /** Highest score of the episode (its failure probability, or its horizon risk for score kind `horizon`). */
  readonly peakProbability: number;
  readonly peakAt: number;
  /** What the thresholds were applied to, set by the reading that opened it. */
  readonly scoreKind: EpisodeScoreKind;
  /** Expected failure time at the latest reading at or above the open threshold, epoch ms; null without one. */
  readonly expectedFailureAt: number | null;
}

/** The state of one asset between two batches; what the per-asset state row stores. */
export interface AssetEpisodeState {
  /** Reading time of the latest reading folded; older or equal readings change nothing. */
  readonly lastFoldedAt: number | null;
  /** Consecutive readings at or above the open threshold, while no episode is open. */
  readonly run: RiskRun | null;
  /** Consecutive readings at or above the high band (for opening high and for escalating). */
  readonly highRun: RiskRun | null;
  /** While open: reading time of the first reading of the current run below the resolve threshold. */
  readonly lowSince: number | null;
  readonly open: OpenEpisode | null;
}

/** An asset never folded. */
export const IDLE_EPISODE_STATE: AssetEpisodeState = Object.freeze({
  lastFoldedAt: null,
  run: null,
  highRun: null,
  lowSince: null,
  open: null,
});

/** The least a reading needs to be folded. */
export interface ScoredReadingRef {
  readonly recordedAt: number;
  /** Null or absent: not scored, skipped (unless it carries a horizon risk). */
  readonly failureProbability?: number | null;
  /**
   * The horizon model's risk of a failure within its horizon (ADR 0050). Present: the thresholds apply to it rather
   * than to the probability, and an episode it opens has score kind `horizon`. Null or absent: the probability.
   */
  readonly horizonRisk?: number | null;
  /** With a horizon risk: when the failure is expected, epoch ms; null or absent when there is no estimate. */
  readonly expectedFailureAt?: number | null;
}

/** Something that happened to an episode, in reading time. */
export interface EpisodeEvent {
  readonly kind: 'open' | 'escalate' | 'resolve';
  readonly episodeId: string;
  readonly at: number;
  readonly band: EpisodeBand;
}

/** An episode as a fold left it: what the episodes table gets written. */
export interface EpisodeSnapshot<R extends ScoredReadingRef = ScoredReadingRef> {
  readonly episode: OpenEpisode;
  readonly state: 'open' | 'resolved';
  readonly resolvedAt: number | null;
  /** The episode opened in this fold. */
  readonly isNew: boolean;
  /**
   * The reading at the peak when the peak moved in this fold and that reading was part of it (to explain it);
   * null when the peak did not move, or moved to a reading of an earlier batch (a run that began there).
   */
  readonly peakReading: R | null;
  /** The peak moved in this fold. */
  readonly isPeakChanged: boolean;
}

/** Result of {@link foldAlertEpisodes}. */
export interface EpisodeFold<R extends ScoredReadingRef = ScoredReadingRef> {
  readonly state: AssetEpisodeState;
  /** Every episode the fold touched, in the order they opened (at most one is still open). */
  readonly episodes: readonly EpisodeSnapshot<R>[];
  readonly events: readonly EpisodeEvent[];
  /** Scored readings newer than the last folded one, folded. */
  readonly folded: number;
  /** Readings left out: not scored, or not newer than the last folded reading (redelivered, out of order). */
  readonly ignored: number;
}

function extend(run: RiskRun | null, p: number, t: number): RiskRun {
  if (run === null) return { count: 1, startedAt: t, peakProbability: p, peakAt: t };
  const isPeak = p > run.peakProbability;
  return {
    count: run.count + 1,
    startedAt: run.startedAt,
    peakProbability: isPeak ? p : run.peakProbability,
    peakAt: isPeak ? t : run.peakAt,
  };
}

function isHeld(run: RiskRun | null, t: number, hold: EpisodeHold): boolean {
  if (run === null) return false;
  return hold.unit === 'readings' ? run.count >= hold.readings : t - run.startedAt >= hold.seconds * 1000;
}

interface Draft<R> {
  episode: OpenEpisode;
  state: 'open' | 'resolved';
  resolvedAt: number | null;
  isNew: boolean;
  peakReading: R | null;
  isPeakChanged: boolean;
}

/**
 * Folds one asset's readings into its episode state, in reading time. A reading's score is its horizon risk when
 * it has one, else its failure probability (the thresholds and bands apply to whichever it is). An episode opens once the risk has stayed at
 * or above the open threshold for the hold (a single spike opens nothing), stays one episode while it is open
 * (tracking first/last high reading, peak and band; reaching the high band for the hold escalates it once), and
 * resolves once the risk has stayed below the resolve threshold for `resolveAfterMs` of reading time. Readings that
 * are unscored, or not newer than the last folded one, are ignored, so a redelivered batch changes nothing. Pure:
 * the caller loads and stores the state.
 */
export function foldAlertEpisodes<R extends ScoredReadingRef>(
  assetId: string,
  initial: AssetEpisodeState,
  readings: readonly R[],
  settings: EpisodeSettings,
): EpisodeFold<R> {
  let { lastFoldedAt, run, highRun, lowSince, open } = initial;
  const drafts: Draft<R>[] = [];
  const events: EpisodeEvent[] = [];
  let current: Draft<R> | null = null;
  let folded = 0;
  let ignored = 0;
  const ordered = [...readings].sort((a, b) => a.recordedAt - b.recordedAt);

  for (const reading of ordered) {
    const isHorizon = reading.horizonRisk !== null && reading.horizonRisk !== undefined;
    const p = isHorizon ? reading.horizonRisk : reading.failureProbability;
    const t = reading.recordedAt;
    const expectedFailureAt = isHorizon ? (reading.expectedFailureAt ?? null) : null;
    if (p === null || p === undefined || (lastFoldedAt !== null && t <= lastFoldedAt)) {
      ignored += 1;
      continue;
    }
    lastFoldedAt = t;
    folded += 1;
    highRun = p >= RISK_BANDS.high ? extend(highRun, p, t) : null;
    const isElevated = p >= settings.openThreshold;

    if (open === null) {
      run = isElevated ? extend(run, p, t) : null;
      if (run !== null && isHeld(run, t, settings.hold)) {
        const band: EpisodeBand = isHeld(highRun, t, settings.hold) ? 'high' : 'elevated';
        open = {
          episodeId: episodeId(assetId, t),
          openedAt: t,
          firstHighAt: run.startedAt,
          lastHighAt: t,
          band,
          escalatedAt: null,
          peakProbability: run.peakProbability,
          peakAt: run.peakAt,
          scoreKind: isHorizon ? 'horizon' : 'reading',
          expectedFailureAt,
        };
        const peakInFold = ordered.find((r) => r.recordedAt === run?.peakAt) ?? null;
        current = {
          episode: open,
          state: 'open',
          resolvedAt: null,
          isNew: true,
          peakReading: peakInFold,
          isPeakChanged: true,
        };
        drafts.push(current);
        events.push({ kind: 'open', episodeId: open.episodeId, at: t, band });
        run = null;
        lowSince = null;
      }
      continue;
    }

    if (current === null) {
      current = {
        episode: open,
        state: 'open',
        resolvedAt: null,
        isNew: false,
        peakReading: null,
        isPeakChanged: false,
      };
      drafts.push(current);
    }
    if (isElevated) {
      const isPeak = p > open.peakProbability;
      open = {
        ...open,
        lastHighAt: t,
        peakProbability: isPeak ? p : open.peakProbability,
        peakAt: isPeak ? t : open.peakAt,
        expectedFailureAt,
      };
      if (isPeak) {
        current.peakReading = reading;
        current.isPeakChanged = true;
      }
    }
    if (open.band === 'elevated' && isHeld(highRun, t, settings.hold)) {
      open = { ...open, band: 'high', escalatedAt: t };
      events.push({ kind: 'escalate', episodeId: open.episodeId, at: t, band: 'high' });
    }
    current.episode = open;
    if (p < settings.resolveThreshold) {
      lowSince ??= t;
      if (t - lowSince >= settings.resolveAfterMs) {
        current.state = 'resolved';
        current.resolvedAt = t;
        events.push({ kind: 'resolve', episodeId: open.episodeId, at: t, band: open.band });
        open = null;
        current = null;
        lowSince = null;
        run = null;
      }
    } else {
      lowSince = null;
    }
  }

  return {
    state: { lastFoldedAt, run, highRun, lowSince, open },
    // An open episode that no reading changed (all between the thresholds) is left out: nothing to write.
    episodes: drafts
      .filter((d) => d.isNew || d.state === 'resolved' || d.episode !== initial.open)
      .map((d) => ({
        episode: d.episode,
        state: d.state,
        resolvedAt: d.resolvedAt,
        isNew: d.isNew,
        peakReading: d.peakReading,
        isPeakChanged: d.isPeakChanged,
      })),
    events,
    folded,
    ignored,
  };
}

/**
 * The state after an operator resolved the open episode by hand: nothing open, and the runs start over, so a new
 * episode opens only after a full hold of readings that follow.
 */
export function resolvedByHand(state: AssetEpisodeState): AssetEpisodeState {
  return { lastFoldedAt: state.lastFoldedAt, run: null, highRun: null, lowSince: null, open: null };
}
