import { RISK_BANDS } from '@lakehouse/domain';

/** Probability bands of the dashboard and the KPIs: the platform's one definition, in libs/domain. */
export { RISK_BANDS };

/** The band of a failure probability; `unknown` when the reading was not scored. */
export function riskBand(probability: number | null): 'normal' | 'elevated' | 'high' | 'unknown' {
  if (probability === null) return 'unknown';
  if (probability >= RISK_BANDS.high) return 'high';
  if (probability >= RISK_BANDS.elevated) return 'elevated';
  return 'normal';
}
