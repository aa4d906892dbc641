import type { RiskBand } from '../../src/schemas/route-schemas.js';

// A copy of libs/domain's RISK_BANDS (the one definition): importing that lib would ship TypeBox to the browser.
// risk-band.test.ts fails when the two differ.
/** Probability from which a reading is at elevated risk (the API's `riskBand`: `elevated` >= 0.6). */
export const ELEVATED_THRESHOLD = 0.6;
/** Probability from which a reading is at high risk (the API's `riskBand`: `high` >= 0.9). */
export const HIGH_THRESHOLD = 0.9;

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
  normal: 'Normal (< 60 %)',
  elevated: 'Elevated (≥ 60 %)',
  high: 'High (≥ 90 %)',
  unknown: 'Not scored',
};
