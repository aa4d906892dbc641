export {
  ASSET_TYPE_BY_CODE,
  ASSET_TYPE_CODES,
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureVector,
  isCurrentFeatureList,
  writeFeatureVector,
  type FeatureName,
} from './feature-vector.js';
export { CompiledEnsemble, logistic, type TreeEnsembleJson, type TreeJson } from './tree-ensemble.js';
export {
  ARTIFACT_FORMAT,
  ARTIFACT_FORMAT_VERSION,
  LEARNABLE_MODES,
  compileArtifact,
  parseArtifact,
  serializeArtifact,
  type CompiledArtifact,
  type FailureModelArtifact,
} from './model-artifact.js';
export {
  MODE_PROBABILITY_CUTOFF,
  createScorer,
  type Explanation,
  type ExplanationDriver,
  type Scorer,
  type ScorerIdentity,
} from './create-scorer.js';
export {
  MAX_EXPECTED_MINUTES,
  compileHorizonPart,
  expectedMinutesToFailure,
  horizonPartProblems,
  type HorizonEnsembleJson,
  type HorizonPartJson,
  type HorizonScore,
  type HorizonScorer,
} from './horizon-scorer.js';
export { ActiveModelCache, type ActiveModelCacheOptions } from './active-model-cache.js';
export {
  activateModel,
  activeModelId,
  getModel,
  listModels,
  loadActiveScorer,
  loadScorer,
  registerModel,
  type ModelRegistration,
  type RegisteredModel,
} from './model-registry.js';
export {
  scoreReadingsTable,
  type ScoreReadingsOptions,
  type ScoreReadingsResult,
} from './score-readings-table.js';
export {
  scoreHistory,
  type ScoreHistoryOptions,
  type ScoreHistoryProgress,
  type ScoreHistoryResult,
} from './score-history.js';
export { readLabelledReadings, type ReadLabelledReadingsOptions } from './read-labelled-readings.js';
