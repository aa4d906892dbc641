import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EPISODE_SETTINGS,
  EPISODE_ID_PATTERN,
  RISK_BANDS,
  episodeId,
  episodeSettingsProblems,
  type EpisodeSettings,
} from './alert-episode-settings.js';
import {
  IDLE_EPISODE_STATE,
  foldAlertEpisodes,
  resolvedByHand,
  type AssetEpisodeState,
  type ScoredReadingRef,
} from './fold-alert-episodes.js';

const T0 = Date.UTC(2026, 0, 1);
const S = 1_000;

/** Readings one second apart from `start`, with the given probabilities. */
function series(probabilities: readonly (number | null)[], start = T0): ScoredReadingRef[] {
  return probabilities.map((p, i) => ({ recordedAt: start + i * S, failureProbability: p }));
}

const settings: EpisodeSettings = { ...DEFAULT_EPISODE_SETTINGS, resolveAfterMs: 3 * S };

function fold(
  probabilities: readonly (number | null)[],
  state: AssetEpisodeState = IDLE_EPISODE_STATE,
  options: { start?: number; settings?: EpisodeSettings } = {},
) {
  return foldAlertEpisodes('A1', state, series(probabilities, options.start), options.settings ?? settings);
}

describe('foldAlertEpisodes', () => {
  it('opens nothing on a single spike', () => {
    const result = fold([0.1, 0.95, 0.2, 0.1]);
    expect(result.events).toEqual([]);
    expect(result.episodes).toEqual([]);
    expect(result.state.open).toBeNull();
    expect(result.state.run).toBeNull();
  });

  it('opens once the risk has held for the number of readings, with its first high reading and peak', () => {
    const result = fold([0.2, 0.65, 0.7, 0.62, 0.68]);
    expect(result.events).toEqual([
      { kind: 'open', episodeId: episodeId('A1', T0 + 3 * S), at: T0 + 3 * S, band: 'elevated' },
    ]);
    expect(result.episodes).toHaveLength(1);
    const snapshot = result.episodes[0]!;
    expect(snapshot).toMatchObject({ state: 'open', isNew: true, isPeakChanged: true, resolvedAt: null });
    expect(snapshot.episode).toMatchObject({
      openedAt: T0 + 3 * S,
      firstHighAt: T0 + S,
      lastHighAt: T0 + 4 * S,
      band: 'elevated',
      peakProbability: 0.7,
      peakAt: T0 + 2 * S,
    });
    expect(snapshot.peakReading?.recordedAt).toBe(T0 + 2 * S);
    expect(result.state.open?.episodeId).toBe(snapshot.episode.episodeId);
  });

  it('starts the hold again when a reading drops below the open threshold', () => {
    const result = fold([0.7, 0.7, 0.59, 0.7, 0.7]);
    expect(result.events).toEqual([]);
    expect(result.state.run).toMatchObject({ count: 2, startedAt: T0 + 3 * S });
  });

  it('holds by reading time when the hold is in seconds', () => {
    const hold = { ...settings, hold: { unit: 'seconds', seconds: 2 } } as const;
    expect(fold([0.7, 0.7], IDLE_EPISODE_STATE, { settings: hold }).events).toEqual([]);
    const opened = fold([0.7, 0.7, 0.7], IDLE_EPISODE_STATE, { settings: hold });
    expect(opened.events.map((e) => [e.kind, e.at])).toEqual([['open', T0 + 2 * S]]);
    const immediate = { ...settings, hold: { unit: 'seconds', seconds: 0 } } as const;
    expect(fold([0.7], IDLE_EPISODE_STATE, { settings: immediate }).events).toHaveLength(1);
  });

  it('opens high when the high band held too, and then does not escalate', () => {
    const result = fold([0.91, 0.95, 0.93, 0.97]);
    expect(result.events.map((e) => [e.kind, e.band])).toEqual([['open', 'high']]);
    expect(result.state.open).toMatchObject({ band: 'high', escalatedAt: null, peakProbability: 0.97 });
  });

  it('escalates elevated -> high once, after the high band held, and stays one episode', () => {
    const result = fold([0.7, 0.7, 0.7, 0.92, 0.95, 0.91, 0.99, 0.93, 0.7]);
    expect(result.events.map((e) => [e.kind, e.at])).toEqual([
      ['open', T0 + 2 * S],
      ['escalate', T0 + 5 * S],
    ]);
    expect(result.episodes).toHaveLength(1);
    expect(result.state.open).toMatchObject({
      band: 'high',
      escalatedAt: T0 + 5 * S,
      peakProbability: 0.99,
      peakAt: T0 + 6 * S,
      lastHighAt: T0 + 8 * S,
    });
    expect(result.episodes[0]?.peakReading?.recordedAt).toBe(T0 + 6 * S);
  });

  it('does not escalate on one high spike inside an episode', () => {
    const result = fold([0.7, 0.7, 0.7, 0.95, 0.7, 0.7]);
    expect(result.events.map((e) => e.kind)).toEqual(['open']);
    expect(result.state.open?.band).toBe('elevated');
  });

  it('resolves only after the risk stayed below the resolve threshold for the hysteresis time', () => {
    const opened = fold([0.7, 0.7, 0.7]);
    // 0.55 lies between the thresholds: neither high nor low, so the low run starts again after it.
    const later = fold([0.4, 0.4, 0.55, 0.4, 0.4, 0.4], opened.state, { start: T0 + 3 * S });
    expect(later.events).toEqual([]);
    expect(later.state.lowSince).toBe(T0 + 6 * S);
    const resolved = fold([0.3], later.state, { start: T0 + 9 * S });
    expect(resolved.events.map((e) => [e.kind, e.at])).toEqual([['resolve', T0 + 9 * S]]);
    expect(resolved.episodes[0]).toMatchObject({ state: 'resolved', resolvedAt: T0 + 9 * S, isNew: false });
    expect(resolved.state).toMatchObject({ open: null, lowSince: null, run: null });
  });

  it('resolves at the first low reading when the hysteresis time is zero, and can open again in the same fold', () => {
    const quick = { ...settings, resolveAfterMs: 0 };
    const result = fold([0.7, 0.7, 0.7, 0.1, 0.8, 0.8, 0.8], IDLE_EPISODE_STATE, { settings: quick });
    expect(result.events.map((e) => e.kind)).toEqual(['open', 'resolve', 'open']);
    expect(result.episodes.map((e) => e.state)).toEqual(['resolved', 'open']);
    expect(new Set(result.episodes.map((e) => e.episode.episodeId)).size).toBe(2);
  });

  it('continues across folds as if the readings had come in one batch', () => {
    const probabilities = [0.2, 0.7, 0.8, 0.75, 0.95, 0.96, 0.97, 0.3, 0.2, 0.1, 0.1, 0.1];
    const whole = fold(probabilities);
    let state = IDLE_EPISODE_STATE;
    const events = [];
    for (let i = 0; i < probabilities.length; i += 2) {
      const part = fold(probabilities.slice(i, i + 2), state, { start: T0 + i * S });
      events.push(...part.events);
      state = part.state;
    }
    expect(events).toEqual(whole.events);
    expect(state).toEqual(whole.state);
  });

  it('ignores readings that are not newer than the last folded one, and unscored readings', () => {
    const first = fold([0.7, 0.7]);
    const again = fold([0.7, 0.7], first.state);
    expect(again).toMatchObject({ folded: 0, ignored: 2, events: [], episodes: [] });
    expect(again.state).toEqual(first.state);
    const unscored = fold([null, null], first.state, { start: T0 + 5 * S });
    expect(unscored).toMatchObject({ folded: 0, ignored: 2 });
    expect(unscored.state).toEqual(first.state);
  });

  it('sorts a batch by reading time before folding', () => {
    const readings = series([0.7, 0.7, 0.7]).reverse();
    const result = foldAlertEpisodes('A1', IDLE_EPISODE_STATE, readings, settings);
    expect(result.events.map((e) => e.at)).toEqual([T0 + 2 * S]);
    expect(result.ignored).toBe(0);
  });

  it('leaves out an open episode that no reading changed', () => {
    const opened = fold([0.7, 0.7, 0.7]);
    const between = fold([0.55, 0.58], opened.state, { start: T0 + 3 * S });
    expect(between.episodes).toEqual([]);
    expect(between.folded).toBe(2);
  });

  it('reports a moved peak without its reading when the peak came from an earlier fold', () => {
    const pending = fold([0.8, 0.7]);
    const opened = fold([0.65], pending.state, { start: T0 + 2 * S });
    expect(opened.episodes[0]).toMatchObject({ isPeakChanged: true, peakReading: null });
    expect(opened.episodes[0]?.episode.peakAt).toBe(T0);
  });

  it('after a resolution by hand, opens again only after a full hold', () => {
    const opened = fold([0.7, 0.7, 0.7]);
    const state = resolvedByHand(opened.state);
    expect(state).toMatchObject({ open: null, run: null, lastFoldedAt: T0 + 2 * S });
    expect(fold([0.7, 0.7], state, { start: T0 + 3 * S }).events).toEqual([]);
    expect(fold([0.7, 0.7, 0.7], state, { start: T0 + 3 * S }).events).toHaveLength(1);
  });
});

describe('foldAlertEpisodes on the horizon risk', () => {
  /** Readings one second apart: a low failure probability, the given horizon risk, failure expected 10 min on. */
  function horizon(risks: readonly (number | null)[], start = T0): ScoredReadingRef[] {
    return risks.map((risk, i) => ({
      recordedAt: start + i * S,
      failureProbability: 0.05,
      horizonRisk: risk,
      expectedFailureAt: risk === null ? null : start + i * S + 600 * S,
    }));
  }

  it('applies the thresholds to the horizon risk, not to the probability', () => {
    const result = foldAlertEpisodes(
      'A1',
      IDLE_EPISODE_STATE,
      horizon([0.2, 0.65, 0.7, 0.62, 0.68]),
      settings,
    );
    expect(result.events).toEqual([
      { kind: 'open', episodeId: episodeId('A1', T0 + 3 * S), at: T0 + 3 * S, band: 'elevated' },
    ]);
    expect(result.episodes[0]?.episode).toMatchObject({
      scoreKind: 'horizon',
      firstHighAt: T0 + S,
      lastHighAt: T0 + 4 * S,
      peakProbability: 0.7,
      peakAt: T0 + 2 * S,
      expectedFailureAt: T0 + 4 * S + 600 * S,
    });
    // A high probability with a low horizon risk opens nothing.
    const quiet = foldAlertEpisodes(
      'A1',
      IDLE_EPISODE_STATE,
      horizon([0.1, 0.1, 0.1, 0.1]).map((r) => ({ ...r, failureProbability: 0.99 })),
      settings,
    );
    expect(quiet.events).toEqual([]);
  });

  it('keeps the expected failure time of the latest reading at or above the open threshold', () => {
    const opened = foldAlertEpisodes('A1', IDLE_EPISODE_STATE, horizon([0.7, 0.7, 0.7]), settings);
    expect(opened.state.open?.expectedFailureAt).toBe(T0 + 2 * S + 600 * S);
    // Between the thresholds: the expected time stays that of the last high reading.
    const between = foldAlertEpisodes('A1', opened.state, horizon([0.55], T0 + 3 * S), settings);
    expect(between.state.open?.expectedFailureAt).toBe(T0 + 2 * S + 600 * S);
    const later = foldAlertEpisodes(
      'A1',
      between.state,
      [{ recordedAt: T0 + 4 * S, horizonRisk: 0.8, expectedFailureAt: T0 + 100 * S }],
      settings,
    );
    expect(later.state.open).toMatchObject({ lastHighAt: T0 + 4 * S, expectedFailureAt: T0 + 100 * S });
    // A high reading without an estimate (beyond a week) clears it.
    const unknown = foldAlertEpisodes(
      'A1',
      later.state,
      [{ recordedAt: T0 + 5 * S, horizonRisk: 0.8, expectedFailureAt: null }],
      settings,
    );
    expect(unknown.state.open?.expectedFailureAt).toBeNull();
    expect(unknown.episodes[0]?.episode.expectedFailureAt).toBeNull();
  });

  it('escalates and resolves on the horizon risk', () => {
    const result = foldAlertEpisodes(
      'A1',
      IDLE_EPISODE_STATE,
      horizon([0.7, 0.7, 0.7, 0.95, 0.95, 0.95, 0.3, 0.3, 0.3, 0.3]),
      settings,
    );
    expect(result.events.map((e) => [e.kind, e.band])).toEqual([
      ['open', 'elevated'],
      ['escalate', 'high'],
      ['resolve', 'high'],
    ]);
    expect(result.episodes[0]).toMatchObject({ state: 'resolved', episode: { scoreKind: 'horizon' } });
  });

  it('uses the probability for a reading without a horizon risk, and records score kind reading', () => {
    const probability = fold([0.7, 0.7, 0.7]);
    expect(probability.state.open).toMatchObject({ scoreKind: 'reading', expectedFailureAt: null });
    const mixed = foldAlertEpisodes('A1', IDLE_EPISODE_STATE, horizon([null, null, null]), settings);
    expect(mixed).toMatchObject({ folded: 3, ignored: 0, events: [] });
    // An expected failure time without a horizon risk means nothing.
    const stray = foldAlertEpisodes(
      'A1',
      IDLE_EPISODE_STATE,
      series([0.7, 0.7, 0.7]).map((r) => ({ ...r, expectedFailureAt: T0 })),
      settings,
    );
    expect(stray.state.open).toMatchObject({ scoreKind: 'reading', expectedFailureAt: null });
  });

  it('folds a reading that has only a horizon risk', () => {
    const result = foldAlertEpisodes(
      'A1',
      IDLE_EPISODE_STATE,
      horizon([0.7, 0.7, 0.7]).map((r) => ({ ...r, failureProbability: null })),
      settings,
    );
    expect(result.folded).toBe(3);
    expect(result.events.map((e) => e.kind)).toEqual(['open']);
  });
});

describe('episode settings', () => {
  it('accept the defaults, which open at the elevated band', () => {
    expect(episodeSettingsProblems(DEFAULT_EPISODE_SETTINGS)).toEqual([]);
    expect(DEFAULT_EPISODE_SETTINGS.openThreshold).toBe(RISK_BANDS.elevated);
  });

  it('name every problem', () => {
    expect(
      episodeSettingsProblems({
        openThreshold: 0,
        resolveThreshold: 0.5,
        hold: { unit: 'readings', readings: 0 },
        resolveAfterMs: -1,
      }),
    ).toEqual([
      'openThreshold: must lie in (0, 1]',
      'resolveThreshold: must be at least 0 and below openThreshold',
      'hold.readings: must be an integer of at least 1',
      'resolveAfterMs: must be a number of at least 0',
    ]);
    expect(
      episodeSettingsProblems({ ...DEFAULT_EPISODE_SETTINGS, hold: { unit: 'seconds', seconds: -1 } }),
    ).toEqual(['hold.seconds: must be a number of at least 0']);
  });

  it('make episode ids that match the id pattern', () => {
    expect(episodeId('M-01', T0)).toBe(`M-01~${String(T0)}`);
    expect(new RegExp(EPISODE_ID_PATTERN).test(episodeId('M-01', T0))).toBe(true);
  });
});
