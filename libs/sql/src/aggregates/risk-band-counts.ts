import { EPISODE_BANDS, RISK_BANDS, type EpisodeBand } from '@lakehouse/domain';

/** One band-count column of the aggregates and the band it counts. */
export interface RiskBandCountColumn {
  readonly band: EpisodeBand;
  /** Lowest probability in the band (libs/domain RISK_BANDS). */
  readonly floor: number;
  /** `count_probability_above_0_6`: the name migration 1 gave it, from the floor's digits. */
  readonly column: string;
}

/**
 * The per-band reading counts of `hourly_aggregates` and `daily_rollups`, one per libs/domain RISK_BANDS band.
 * Despite the column names ("above"), a reading at the floor is in the band: `>=`, the one rule of the domain's
 * episode fold and of the API's riskBand.
 */
export const RISK_BAND_COUNT_COLUMNS: readonly RiskBandCountColumn[] = EPISODE_BANDS.map((band) => ({
  band,
  floor: RISK_BANDS[band],
  column: `count_probability_above_${String(RISK_BANDS[band]).replace('.', '_')}`,
}));
