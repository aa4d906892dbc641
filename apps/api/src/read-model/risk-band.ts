/** Probability bands of the dashboard and the KPIs (issue #7): >= 0.9 high, >= 0.6 elevated. */
export const RISK_BANDS = { elevated: 0.6, high: 0.9 } as const;

/** The band of a failure probability; `unknown` when the reading was not scored. */
export function riskBand(probability: number | null): 'normal' | 'elevated' | 'high' | 'unknown' {
  if (probability === null) return 'unknown';
  if (probability >= RISK_BANDS.high) return 'high';
  if (probability >= RISK_BANDS.elevated) return 'elevated';
  return 'normal';
}
