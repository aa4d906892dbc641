/**
 * The failure-probability bands of the platform (issue #7, #17), defined here and nowhere else: a probability at or
 * above `elevated` is elevated risk, at or above `high` is high risk. The API's risk band, its KPIs and the alert
 * episodes all read these.
 */
export const RISK_BANDS = { elevated: 0.6, high: 0.9 } as const;

/** Band of an alert episode: the highest band its risk has held in. */
export type EpisodeBand = 'elevated' | 'high';

/** Every episode band, lowest first. */
export const EPISODE_BANDS: readonly EpisodeBand[] = ['elevated', 'high'];

/**
 * What an episode's thresholds were applied to: `reading`, the per-reading failure probability ("is this reading a
 * failure?"); `horizon`, the horizon model's risk of a failure within its horizon (issue #18, ADR 0050).
 */
export type EpisodeScoreKind = 'reading' | 'horizon';
/** Every {@link EpisodeScoreKind}. */
export const EPISODE_SCORE_KINDS: readonly EpisodeScoreKind[] = ['reading', 'horizon'];

/**
 * How long the risk must stay at or above a band before the episode opens (or escalates): a number of consecutive
 * scored readings, or a span of reading time from the first of them.
 */
export type EpisodeHold =
  | { readonly unit: 'readings'; readonly readings: number }
  | { readonly unit: 'seconds'; readonly seconds: number };

/** Settings of the alert-episode state machine. */
export interface EpisodeSettings {
  /** Probability at or above which a reading counts towards opening an episode. @default RISK_BANDS.elevated */
  readonly openThreshold: number;
  /** Probability below which a reading counts towards resolving it (hysteresis). @default 0.5 */
  readonly resolveThreshold: number;
  /** What "stays high" means, for opening and for escalating to high. @default 3 readings */
  readonly hold: EpisodeHold;
  /** Reading time the risk must stay below `resolveThreshold` before the episode resolves. @default 120000 */
  readonly resolveAfterMs: number;
}

/** The defaults: open after 3 readings at or above 0.6, resolve after 2 minutes below 0.5. */
export const DEFAULT_EPISODE_SETTINGS: EpisodeSettings = Object.freeze({
  openThreshold: RISK_BANDS.elevated,
  resolveThreshold: 0.5,
  hold: Object.freeze({ unit: 'readings', readings: 3 }),
  resolveAfterMs: 120_000,
});

/**
 * Episode settings for the horizon risk (issue #18, ADR 0050), chosen with `ml-train:bench` on held-out simulated
 * fleets: the risk of a failure within the horizon moves slowly, so it must hold for 5 readings to open an episode,
 * and the episode resolves after an hour of reading time below 0.4 (a machine minute per reading in the history;
 * the accelerated demo scales the hour to its own reading interval).
 */
export const HORIZON_EPISODE_SETTINGS: EpisodeSettings = Object.freeze({
  openThreshold: RISK_BANDS.elevated,
  resolveThreshold: 0.4,
  hold: Object.freeze({ unit: 'readings', readings: 5 }),
  resolveAfterMs: 3_600_000,
});

/**
 * Problems with a set of episode settings, as `KEY: message` lines (empty when they are usable). The resolve
 * threshold must lie below the open threshold, or a reading could count towards both.
 */
export function episodeSettingsProblems(settings: EpisodeSettings): string[] {
  const problems: string[] = [];
  const { openThreshold, resolveThreshold, hold, resolveAfterMs } = settings;
  if (!(openThreshold > 0 && openThreshold <= 1)) problems.push('openThreshold: must lie in (0, 1]');
  if (!(resolveThreshold >= 0 && resolveThreshold < openThreshold)) {
    problems.push('resolveThreshold: must be at least 0 and below openThreshold');
  }
  if (hold.unit === 'readings' && !(Number.isInteger(hold.readings) && hold.readings >= 1)) {
    problems.push('hold.readings: must be an integer of at least 1');
  }
  if (hold.unit === 'seconds' && !(Number.isFinite(hold.seconds) && hold.seconds >= 0)) {
    problems.push('hold.seconds: must be a number of at least 0');
  }
  if (!(Number.isFinite(resolveAfterMs) && resolveAfterMs >= 0)) {
    problems.push('resolveAfterMs: must be a number of at least 0');
  }
  return problems;
}

/** The id of the episode an asset opened at `openedAtMs`: `<assetId>~<epoch ms>` (asset ids never contain `~`). */
export function episodeId(assetId: string, openedAtMs: number): string {
  return `${assetId}~${String(openedAtMs)}`;
}

/** Pattern of {@link episodeId}: an asset id (the domain's pattern), `~`, epoch milliseconds. */
export const EPISODE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}~[0-9]{1,15}$';
