import type { FailureMode, Reading } from '@lakehouse/domain';
import { FEATURE_COUNT, FEATURE_NAMES, writeFeatureVector } from './feature-vector.js';
import type { HorizonScorer } from './horizon-scorer.js';
import { compileArtifact, type FailureModelArtifact } from './model-artifact.js';

/** One feature's part in a prediction. */
export interface ExplanationDriver {
  /** A name from FEATURE_NAMES. */
  readonly feature: string;
  /** The feature's value for this reading, in its unit (see FEATURE_NAMES). */
  readonly value: number;
  /** Change in failure log-odds attributed to this feature along the trees' decision paths; > 0 pushes to failure. */
  readonly contribution: number;
}

/** Why the model scored a reading as it did. */
export interface Explanation {
  /** Probability of machine failure. */
  readonly probability: number;
  /** `probability >= threshold` of the model. */
  readonly predictedFailure: boolean;
  /**
   * Failure modes the prediction points to: those whose own model gives ≥ {@link MODE_PROBABILITY_CUTOFF}; when a
   * failure is predicted and none reaches it, the most likely mode. Empty for a healthy reading.
   */
  readonly modes: readonly string[];
  /** Probability of each learnable mode (TWF, HDF, PWF, OSF) from its own model. */
  readonly modeProbabilities: Readonly<Partial<Record<FailureMode, number>>>;
  /** Features with a non-zero contribution, largest |contribution| first. */
  readonly drivers: readonly ExplanationDriver[];
  /** Log-odds of the average reading, before any feature is looked at; bias + Σ contributions = log-odds. */
  readonly baseLogOdds: number;
}

/** A loaded model that scores readings in-process. */
export interface Scorer {
  /** `models.model_id`; 0 for a scorer that is not in a registry. */
  readonly modelId: number;
  readonly name: string;
  readonly version: number;
  /** `models.decision_threshold`. */
  readonly threshold: number;
  /** Probability of machine failure for one reading. Hot path: no allocation beyond the physics features. */
  probability(reading: Reading): number;
  /** Probability plus the failure mode(s) and features behind it. */
  explain(reading: Reading): Explanation;
  /** The horizon model, scoring window features (libs/domain advanceWindow); null when the model has none. */
  readonly horizon: HorizonScorer | null;
}

/** Registry facts a scorer carries. */
export interface ScorerIdentity {
  readonly modelId: number;
  readonly name: string;
  readonly version: number;
  readonly threshold: number;
}

/** A mode is named in an explanation when its own model gives at least this probability. */
export const MODE_PROBABILITY_CUTOFF = 0.5;

/** Builds a scorer from an artifact (checked and compiled once, here). */
export function createScorer(identity: ScorerIdentity, artifact: FailureModelArtifact): Scorer {
  if (!(identity.threshold > 0 && identity.threshold < 1)) {
    throw new RangeError(`decision threshold must be in (0, 1), got ${String(identity.threshold)}`);
  }
  const compiled = compileArtifact(artifact);
  const buffer = new Float64Array(FEATURE_COUNT);
  return Object.freeze({
    modelId: identity.modelId,
    name: identity.name,
    version: identity.version,
    threshold: identity.threshold,
    horizon: compiled.horizon,
    probability(reading: Reading): number {
      writeFeatureVector(reading, buffer);
      return compiled.failure.probability(buffer);
    },
    explain(reading: Reading): Explanation {
      const x = new Float64Array(FEATURE_COUNT);
      writeFeatureVector(reading, x);
      const contributions = new Float64Array(FEATURE_COUNT);
      const logOdds = compiled.failure.contributions(x, contributions);
      const probability = compiled.failure.probability(x);
      const predictedFailure = probability >= identity.threshold;
      const modeProbabilities: Partial<Record<FailureMode, number>> = {};
      let best: { mode: FailureMode; p: number } | undefined;
      const modes: FailureMode[] = [];
      for (const { mode, ensemble } of compiled.modes) {
        const p = ensemble.probability(x);
        modeProbabilities[mode] = p;
        if (p >= MODE_PROBABILITY_CUTOFF) modes.push(mode);
        if (best === undefined || p > best.p) best = { mode, p };
      }
      if (predictedFailure && modes.length === 0 && best !== undefined) modes.push(best.mode);
      const drivers = FEATURE_NAMES.map((feature, i) => ({
        feature,
        value: x[i] as number,
        contribution: contributions[i] as number,
      }))
        .filter((d) => d.contribution !== 0)
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      return {
        probability,
        predictedFailure,
        modes,
        modeProbabilities,
        drivers,
        baseLogOdds: logOdds - contributions.reduce((sum, c) => sum + c, 0),
      };
    },
  });
}
