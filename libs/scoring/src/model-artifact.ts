import { FAILURE_MODES, type FailureMode } from '@lakehouse/domain';
import { AppError } from '@lakehouse/runtime';
import { FEATURE_COUNT, isCurrentFeatureList } from './feature-vector.js';
import {
  compileHorizonPart,
  horizonPartProblems,
  type HorizonPartJson,
  type HorizonScorer,
} from './horizon-scorer.js';
import { CompiledEnsemble, type TreeEnsembleJson } from './tree-ensemble.js';

/** Identifies the artifact layout stored in `models.artifact`. */
export const ARTIFACT_FORMAT = 'lakehouse.failure-gbdt';
/** Bumped on any incompatible change of {@link FailureModelArtifact}. */
export const ARTIFACT_FORMAT_VERSION = 1;

/** The failure modes a per-mode model can exist for. RNF is random by definition, so nothing can learn it. */
export const LEARNABLE_MODES = ['TWF', 'HDF', 'PWF', 'OSF'] as const satisfies readonly FailureMode[];

/**
 * Everything needed to score in-process: the machine-failure ensemble, one ensemble per learnable failure mode
 * (used by explanations), and the feature list they expect. Plain JSON, so it round-trips exactly (JSON keeps every
 * bit of a double).
 */
export interface FailureModelArtifact {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly formatVersion: typeof ARTIFACT_FORMAT_VERSION;
  readonly features: readonly string[];
  readonly failure: TreeEnsembleJson;
  readonly modes: Readonly<Partial<Record<FailureMode, TreeEnsembleJson>>>;
  /**
   * The horizon model (issue #18, ADR 0050): risks of a failure within each horizon from the window features. Absent
   * on a model trained without time (the AI4I CSV) and on every artifact written before it; an optional addition,
   * so the format version stays 1 and an older reader simply does not use it.
   */
  readonly horizon?: HorizonPartJson;
}

/** An artifact checked and compiled for scoring. */
export interface CompiledArtifact {
  readonly failure: CompiledEnsemble;
  readonly modes: readonly { readonly mode: FailureMode; readonly ensemble: CompiledEnsemble }[];
  /** Null when the artifact has no horizon part. */
  readonly horizon: HorizonScorer | null;
}

/** Serialises an artifact for the registry's LONGBLOB column. */
export function serializeArtifact(artifact: FailureModelArtifact): Buffer {
  return Buffer.from(JSON.stringify(artifact), 'utf8');
}

function invalid(message: string, cause?: unknown): AppError {
  return new AppError('MODEL_ARTIFACT_INVALID', `model artifact is invalid: ${message}`, {
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Parses and checks a serialised artifact; throws `MODEL_ARTIFACT_INVALID` saying what is wrong. */
export function parseArtifact(bytes: Buffer | string): FailureModelArtifact {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (err: unknown) {
    throw invalid(`not JSON (${(err as Error).message})`, err);
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid('not an object');
  const candidate = parsed as Partial<FailureModelArtifact>;
  if (candidate.format !== ARTIFACT_FORMAT || candidate.formatVersion !== ARTIFACT_FORMAT_VERSION) {
    throw invalid(
      `format ${JSON.stringify(candidate.format)} v${String(candidate.formatVersion)}, expected ${ARTIFACT_FORMAT} v${String(ARTIFACT_FORMAT_VERSION)}`,
    );
  }
  if (!Array.isArray(candidate.features) || !isCurrentFeatureList(candidate.features)) {
    throw invalid(`feature list ${JSON.stringify(candidate.features)} is not the one this scorer computes`);
  }
  if (typeof candidate.failure !== 'object' || typeof candidate.modes !== 'object') {
    throw invalid('missing the failure or modes ensembles');
  }
  const artifact = candidate as FailureModelArtifact;
  if (artifact.horizon !== undefined) {
    if (typeof artifact.horizon !== 'object' || artifact.horizon === null) {
      throw invalid('the horizon part is not an object');
    }
    const problems = horizonPartProblems(artifact.horizon);
    if (problems.length > 0) throw invalid(`horizon part: ${problems.join('; ')}`);
  }
  compileArtifact(artifact);
  return artifact;
}

/** Compiles an artifact's ensembles; throws `MODEL_ARTIFACT_INVALID` when a tree is malformed. */
export function compileArtifact(artifact: FailureModelArtifact): CompiledArtifact {
  try {
    return {
      failure: new CompiledEnsemble(artifact.failure, FEATURE_COUNT),
      modes: FAILURE_MODES.flatMap((mode) => {
        const json = artifact.modes[mode];
        return json === undefined ? [] : [{ mode, ensemble: new CompiledEnsemble(json, FEATURE_COUNT) }];
      }),
      horizon: artifact.horizon === undefined ? null : compileHorizonPart(artifact.horizon),
    };
  } catch (err: unknown) {
    throw invalid((err as Error).message, err);
  }
}
