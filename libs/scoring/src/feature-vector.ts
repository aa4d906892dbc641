import {
  ASSET_TYPES,
  ASSET_TYPE_CODES as DOMAIN_ASSET_TYPE_CODES,
  writeReadingFeatures,
  type AssetType,
  type FeatureInput,
} from '@lakehouse/domain';

/**
 * Model inputs, in vector order: the five AI4I measures, the product variant, and the physics quantities the
 * failure mechanisms are stated in. Nothing that identifies a machine, a row or an instant is a feature: a model
 * trained on generated data must only learn the physics, so it transfers to real plant data.
 */
export const FEATURE_NAMES = [
  'airTemperatureK',
  'processTemperatureK',
  'rotationalSpeedRpm',
  'torqueNm',
  'toolWearMin',
  'assetTypeCode',
  'powerW',
  'temperatureDifferenceK',
  'overstrainRatio',
] as const;
/** One of {@link FEATURE_NAMES}. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Number of features in a vector. */
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Ordinal code of a variant (libs/domain's): L 0, M 1, H 2. */
export const ASSET_TYPE_CODES = DOMAIN_ASSET_TYPE_CODES;

/**
 * Writes the feature vector of one reading into `out` (length ≥ {@link FEATURE_COUNT}) at `offset`, so the hot
 * path reuses one buffer and training fills one big column-free matrix without per-row arrays.
 */
export function writeFeatureVector(reading: FeatureInput, out: Float64Array, offset = 0): void {
  // libs/domain's one definition of the per-reading vector (also the first 9 window features); FEATURE_NAMES names it.
  writeReadingFeatures(reading, out, offset);
}

/** The feature vector of one reading as a fresh array; for tests and one-off use, not the hot path. */
export function featureVector(reading: FeatureInput): Float64Array {
  const out = new Float64Array(FEATURE_COUNT);
  writeFeatureVector(reading, out);
  return out;
}

/** True when `names` is exactly {@link FEATURE_NAMES} in order: an artifact built for other inputs is refused. */
export function isCurrentFeatureList(names: readonly string[]): boolean {
  return names.length === FEATURE_COUNT && names.every((name, i) => name === FEATURE_NAMES[i]);
}

/** The variants, for callers that decode {@link ASSET_TYPE_CODES}. */
export const ASSET_TYPE_BY_CODE: readonly AssetType[] = ASSET_TYPES;
