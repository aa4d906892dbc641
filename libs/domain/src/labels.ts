import type { ReadingFeatures } from './derive-features.js';
import type { FailureMode, Measure } from './reading.js';

// Plain data with type-only imports: the dashboard's browser bundle imports this file (through `./browser`), so it
// must never import TypeBox or anything that runs in Node.

/**
 * The quantities a model can be fed, by name: the measures of a reading, the physics features of
 * `deriveFeatures`, and `assetTypeCode`, the asset type as the model encodes it (libs/scoring `ASSET_TYPE_CODES`).
 */
export type LabelledFeature = Measure | keyof ReadingFeatures | 'assetTypeCode';

/** How people read each {@link LabelledFeature}: a short name with its unit, as screens and charts show it. */
export const FEATURE_LABELS: Readonly<Record<LabelledFeature, string>> = Object.freeze({
  airTemperatureK: 'Air temperature (K)',
  processTemperatureK: 'Process temperature (K)',
  rotationalSpeedRpm: 'Rotational speed (rpm)',
  torqueNm: 'Torque (Nm)',
  toolWearMin: 'Tool wear (min)',
  powerW: 'Power (W)',
  temperatureDifferenceK: 'Process − air temperature (K)',
  overstrainMinNm: 'Tool wear × torque (min·Nm)',
  overstrainRatio: 'Overstrain (share of the type limit)',
  assetTypeCode: 'Asset type (L / M / H)',
});

/** How people read each AI4I failure mode (`FAILURE_MODES`). */
export const FAILURE_MODE_LABELS: Readonly<Record<FailureMode, string>> = Object.freeze({
  TWF: 'Tool wear failure',
  HDF: 'Heat dissipation failure',
  PWF: 'Power failure',
  OSF: 'Overstrain failure',
  RNF: 'Random failure',
});
