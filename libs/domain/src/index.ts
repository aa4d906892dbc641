export {
  ASSET_ID_PATTERN,
  ASSET_TYPES,
  FAILURE_MODES,
  FailureLabelsSchema,
  MEASURES,
  PHYSICAL_RANGES,
  ReadingSchema,
  type AssetType,
  type FailureLabels,
  type FailureMode,
  type Measure,
  type Reading,
} from './reading.js';
