import type { AssetType, Reading } from './reading.js';

/**
 * Overstrain limit per product variant: the AI4I process fails by overstrain (OSF) when tool wear × torque exceeds
 * it. Unit: min·Nm.
 */
export const OVERSTRAIN_LIMITS_MIN_NM: Readonly<Record<AssetType, number>> = Object.freeze({
  L: 11_000,
  M: 12_000,
  H: 13_000,
});

/**
 * Failure thresholds of the AI4I 2020 process (Matzka 2020; UCI dataset description). OSF limits are in
 * {@link OVERSTRAIN_LIMITS_MIN_NM}.
 */
export const AI4I_THRESHOLDS = Object.freeze({
  /** HDF: heat dissipation fails when the process runs too close to air temperature and too slowly. */
  heatDissipation: Object.freeze({
    /** Process minus air temperature strictly below this fails. Unit: K. */
    maxTemperatureDifferenceK: 8.6,
    /** Rotational speed strictly below this fails. Unit: rpm. */
    maxRotationalSpeedRpm: 1_380,
  }),
  /** PWF: the process fails when its mechanical power is outside this band (exclusive). Unit: W. */
  power: Object.freeze({ minW: 3_500, maxW: 9_000 }),
  /** TWF: the tool is replaced or fails at a wear drawn uniformly from this window. Unit: min. */
  toolWearWindowMin: Object.freeze({ min: 200, max: 240 }),
  /** RNF: each process step fails with this probability regardless of its parameters. */
  randomFailureProbability: 0.001,
});

/** The measures that features are computed from: a {@link Reading} or anything with the same fields. */
export type FeatureInput = Pick<
  Reading,
  'assetType' | 'airTemperatureK' | 'processTemperatureK' | 'rotationalSpeedRpm' | 'torqueNm' | 'toolWearMin'
>;

/** Physics features of one reading, the quantities the AI4I failure rules are stated in. */
export interface ReadingFeatures {
  /** Mechanical power torque × angular speed. Unit: W. */
  readonly powerW: number;
  /** Process minus air temperature. Unit: K. */
  readonly temperatureDifferenceK: number;
  /** Tool wear × torque. Unit: min·Nm. */
  readonly overstrainMinNm: number;
  /** {@link ReadingFeatures.overstrainMinNm} over the variant's OSF limit; above 1 means overstrain. Unitless. */
  readonly overstrainRatio: number;
}

const RAD_PER_S_PER_RPM = (2 * Math.PI) / 60;

/** Derives power, temperature difference and overstrain from a reading's measures. Pure arithmetic, no rounding. */
export function deriveFeatures(reading: FeatureInput): ReadingFeatures {
  const overstrainMinNm = reading.toolWearMin * reading.torqueNm;
  return {
    powerW: reading.torqueNm * reading.rotationalSpeedRpm * RAD_PER_S_PER_RPM,
    temperatureDifferenceK: reading.processTemperatureK - reading.airTemperatureK,
    overstrainMinNm,
    overstrainRatio: overstrainMinNm / OVERSTRAIN_LIMITS_MIN_NM[reading.assetType],
  };
}

/** Ordinal code of a variant: L 0, M 1, H 2 (the order of increasing quality, and of increasing OSF limit). */
export const ASSET_TYPE_CODES: Readonly<Record<AssetType, number>> = Object.freeze({ L: 0, M: 1, H: 2 });

/** Number of values {@link writeReadingFeatures} writes. */
export const READING_FEATURE_COUNT = 9;

/**
 * Writes one reading's model inputs into `out` at `offset`: the five measures, the variant code and the physics
 * quantities of {@link deriveFeatures}. The one definition of the per-reading vector: libs/scoring's feature vector
 * is it, and it is the first part of the window features.
 */
export function writeReadingFeatures(reading: FeatureInput, out: Float64Array, offset: number): void {
  const physics = deriveFeatures(reading);
  out[offset] = reading.airTemperatureK;
  out[offset + 1] = reading.processTemperatureK;
  out[offset + 2] = reading.rotationalSpeedRpm;
  out[offset + 3] = reading.torqueNm;
  out[offset + 4] = reading.toolWearMin;
  out[offset + 5] = ASSET_TYPE_CODES[reading.assetType];
  out[offset + 6] = physics.powerW;
  out[offset + 7] = physics.temperatureDifferenceK;
  out[offset + 8] = physics.overstrainRatio;
}
