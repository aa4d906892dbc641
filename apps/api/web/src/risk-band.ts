import { RISK_BANDS } from '@lakehouse/domain/browser';
import type { RiskBand } from '../../src/schemas/route-schemas.js';
import { formatPercent } from './format.js';

// libs/domain's RISK_BANDS is the one definition; `@lakehouse/domain/browser` brings it without TypeBox.
/** Probability from which a reading is at elevated risk (the API's `riskBand`: `elevated` >= 0.6). */
export const ELEVATED_THRESHOLD = RISK_BANDS.elevated;
/** Probability from which a reading is at high risk (the API's `riskBand`: `high` >= 0.9). */
export const HIGH_THRESHOLD = RISK_BANDS.high;

/** The thresholds as people read them: `≥ 60 %`, `≥ 90 %`, `< 60 %`. */
export const ELEVATED_TEXT = `≥ ${formatPercent(ELEVATED_THRESHOLD, 0)}`;
export const HIGH_TEXT = `≥ ${formatPercent(HIGH_THRESHOLD, 0)}`;
export const NORMAL_TEXT = `< ${formatPercent(ELEVATED_THRESHOLD, 0)}`;

/** Band of a failure probability, as the API computes it; `null` (not scored yet) is `unknown`. */
export function riskBand(probability: number | null | undefined): RiskBand {
  if (probability === null || probability === undefined || Number.isNaN(probability)) return 'unknown';
  if (probability >= HIGH_THRESHOLD) return 'high';
  if (probability >= ELEVATED_THRESHOLD) return 'elevated';
  return 'normal';
}

/** Colours of the bands, the same as styles.css `--risk-*`, for the charts. */
export const RISK_COLOURS: Readonly<Record<RiskBand, string>> = {
  normal: '#1f8a4c',
  elevated: '#d98a00',
  high: '#c62828',
  unknown: '#8a94a6',
};

/** Short labels of the bands for legends and badges. */
export const RISK_LABELS: Readonly<Record<RiskBand, string>> = {
  normal: `Normal (${NORMAL_TEXT})`,
  elevated: `Elevated (${ELEVATED_TEXT})`,
  high: `High (${HIGH_TEXT})`,
  unknown: 'Not scored',
};

/** What a band means, for tooltips. */
export const RISK_TITLES: Readonly<Record<RiskBand, string>> = {
  high: `High risk: failure probability ${HIGH_TEXT}`,
  elevated: `Elevated risk: failure probability ${ELEVATED_TEXT}`,
  normal: `Normal: failure probability below ${formatPercent(ELEVATED_THRESHOLD, 0)}`,
  unknown: 'Not scored by a model yet',
};
