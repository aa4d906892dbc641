import type { TableDefinition } from './table-definition.js';
import { assetId, createdAt } from './shared-columns.js';

/** Model outputs per reading, with the explanation, kept per model so versions can be compared. */
export const predictionsTable: TableDefinition = {
  name: 'predictions',
  description: 'Failure probability and explanation per reading and model',
  rapid: true,
  columns: [
    assetId,
    { name: 'recorded_at', type: 'DATETIME(3)', description: 'Instant of the scored reading (UTC, ms)' },
    { name: 'model_id', type: 'INT', description: 'Registry id of the model' },
    { name: 'failure_probability', type: 'DOUBLE', description: 'Probability of machine failure' },
    {
      name: 'predicted_failure',
      type: 'TINYINT',
      description: 'Probability at or above the model threshold',
    },
    {
      name: 'predicted_modes',
      type: 'VARCHAR(64)',
      nullable: true,
      description: 'Failure modes the explanation points to, comma separated',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'explanation',
      type: 'JSON',
      nullable: true,
      description: 'Feature contributions behind the prediction',
      notSecondary: true,
    },
    {
      name: 'scored_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When scored (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'recorded_at', 'model_id'],
  indexes: [{ name: 'predictions_recorded_at', columns: ['recorded_at'] }],
  checks: [{ name: 'predictions_probability_range', sql: 'failure_probability BETWEEN 0 AND 1' }],
};

/** Versioned failure models; at most one is active (enforced by a unique generated column). */
export const modelsTable: TableDefinition = {
  name: 'models',
  description: 'Model registry: versioned failure models with parameters, metrics and the serialised model',
  rapid: false,
  columns: [
    { name: 'model_id', type: 'INT', autoIncrement: true, description: 'Registry id' },
    { name: 'name', type: 'VARCHAR(128)', description: 'Model family name' },
    { name: 'version', type: 'INT', description: 'Version within the family, from 1' },
    { name: 'algorithm', type: 'VARCHAR(64)', description: 'Learning algorithm' },
    { name: 'parameters', type: 'JSON', description: 'Hyper-parameters and seed' },
    { name: 'features', type: 'JSON', description: 'Ordered feature list the model expects' },
    { name: 'training_fingerprint', type: 'CHAR(64)', description: 'sha256 of the training data' },
    { name: 'metrics', type: 'JSON', description: 'Evaluation metrics' },
    {
      name: 'decision_threshold',
      type: 'DOUBLE',
      description: 'Probability at which a failure is predicted',
    },
    {
      name: 'artifact',
      type: 'LONGBLOB',
      nullable: true,
      description: 'Serialised model',
      notSecondary: true,
    },
    {
      name: 'heatwave_model_handle',
      type: 'VARCHAR(255)',
      nullable: true,
      description: 'HeatWave AutoML model handle when trained in the database',
    },
    { name: 'is_active', type: 'TINYINT', defaultSql: '0', description: '1 for the model used for scoring' },
    {
      name: 'active_marker',
      type: 'TINYINT',
      nullable: true,
      generatedAsSql: 'CASE WHEN is_active = 1 THEN 1 END',
      description: 'Equals 1 only on the active model; its unique key allows one active model',
    },
    createdAt,
    { name: 'activated_at', type: 'DATETIME(3)', nullable: true, description: 'When it became active (UTC)' },
  ],
  primaryKey: ['model_id'],
  indexes: [
    { name: 'models_name_version', columns: ['name', 'version'], unique: true },
    { name: 'models_one_active', columns: ['active_marker'], unique: true },
  ],
};
