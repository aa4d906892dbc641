import {
  AI4I_THRESHOLDS,
  OVERSTRAIN_LIMITS_MIN_NM,
  deriveFeatures,
  type FeatureInput,
} from './derive-features.js';

/**
 * The three AI4I failure modes that follow deterministically from one reading. TWF depends on the tool's history and
 * RNF on chance, so neither can be decided from a single reading.
 */
export interface RuleFailureModes {
  /** Heat dissipation failure. */
  readonly HDF: boolean;
  /** Power failure. */
  readonly PWF: boolean;
  /** Overstrain failure. */
  readonly OSF: boolean;
}

/**
 * Applies the AI4I HDF, PWF and OSF rules to a reading through {@link deriveFeatures}, so the generator and any
 * consumer that re-checks labels evaluate exactly the same floating-point expressions.
 */
export function evaluateFailureRules(reading: FeatureInput): RuleFailureModes {
  const features = deriveFeatures(reading);
  const { heatDissipation, power } = AI4I_THRESHOLDS;
  return {
    HDF:
      features.temperatureDifferenceK < heatDissipation.maxTemperatureDifferenceK &&
      reading.rotationalSpeedRpm < heatDissipation.maxRotationalSpeedRpm,
    PWF: features.powerW < power.minW || features.powerW > power.maxW,
    // Compare the product itself, not the ratio: a division could round a hair above the limit down to exactly 1.
    OSF: features.overstrainMinNm > OVERSTRAIN_LIMITS_MIN_NM[reading.assetType],
  };
}
