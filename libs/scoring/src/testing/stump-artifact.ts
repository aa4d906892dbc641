import { FEATURE_NAMES } from '../feature-vector.js';
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, type FailureModelArtifact } from '../model-artifact.js';
import type { TreeJson } from '../tree-ensemble.js';

const POWER = FEATURE_NAMES.indexOf('powerW');
const DELTA_T = FEATURE_NAMES.indexOf('temperatureDifferenceK');
const SPEED = FEATURE_NAMES.indexOf('rotationalSpeedRpm');

function stump(feature: number, threshold: number, below: number, above: number): TreeJson {
  return {
    feature: [feature, -1, -1],
    threshold: [threshold, 0, 0],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, below, above],
  };
}

/**
 * A hand-built artifact with known answers: failure when power < 3500 W (log-odds +8 vs −8) plus a weaker
 * heat-dissipation tree (ΔT < 8.6 K: +3, else −1); per-mode models for PWF (power) and HDF (ΔT then speed).
 */
export function stumpArtifact(options: { readonly powerThresholdW?: number } = {}): FailureModelArtifact {
  const powerThresholdW = options.powerThresholdW ?? 3500;
  return {
    format: ARTIFACT_FORMAT,
    formatVersion: ARTIFACT_FORMAT_VERSION,
    features: [...FEATURE_NAMES],
    failure: { baseScore: -3, trees: [stump(POWER, powerThresholdW, 8, -8), stump(DELTA_T, 8.6, 3, -1)] },
    modes: {
      PWF: { baseScore: 0, trees: [stump(POWER, powerThresholdW, 6, -6)] },
      HDF: {
        baseScore: 0,
        trees: [
          {
            feature: [DELTA_T, SPEED, -1, -1, -1],
            threshold: [8.6, 1380, 0, 0, 0],
            left: [1, 3, -1, -1, -1],
            right: [2, 4, -1, -1, -1],
            value: [0, 0, -6, 6, -6],
          },
        ],
      },
    },
  };
}
