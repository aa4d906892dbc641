import { RISK_BANDS, type EpisodeBand } from './alert-episode-settings.js';

/** Every risk band a reading can be in, lowest first; `unknown` when it was not scored. */
export const RISK_BAND_NAMES = ['normal', 'elevated', 'high', 'unknown'] as const;

/** A risk band: `high` at or above RISK_BANDS.high, `elevated` at or above RISK_BANDS.elevated, else `normal`. */
export type RiskBandName = (typeof RISK_BAND_NAMES)[number];

/**
 * The band of a failure probability, by the platform's one comparison rule: a probability belongs to a band when
 * it is at or above the band's threshold (`>=`), so exactly 0.9 is high and exactly 0.6 is elevated.
 */
export function riskBandOf(probability: number | null): RiskBandName {
  if (probability === null) return 'unknown';
  if (probability >= RISK_BANDS.high) return 'high';
  if (probability >= RISK_BANDS.elevated) return 'elevated';
  return 'normal';
}

/** A column reference SQL text may contain: `name` or `alias.name`, nothing else. */
const COLUMN_REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * {@link riskBandOf}'s rule as a SQL predicate: `<column> >= <threshold of band>`, true when the probability in
 * `column` is at or above `band` (NULL, not scored, is in no band). For queries that count assets or readings per
 * band, so SQL and code never disagree on the boundary. Throws on anything but a plain column reference.
 */
export function atOrAboveRiskBandSql(column: string, band: EpisodeBand): string {
  if (!COLUMN_REFERENCE.test(column)) throw new Error(`not a column reference: ${JSON.stringify(column)}`);
  return `${column} >= ${String(RISK_BANDS[band])}`;
}
