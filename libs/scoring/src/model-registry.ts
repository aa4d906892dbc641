import { AppError, UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { registrationProblems } from './check-model-registration.js';
import { createScorer, type Scorer } from './create-scorer.js';
import { parseArtifact } from './model-artifact.js';

/** A model to add to the registry (`models` table). */
export interface ModelRegistration {
  /** Model family; versions count up per name. */
  readonly name: string;
  /** e.g. `gbdt-logistic` (in-process trees) or `heatwave-automl`. */
  readonly algorithm: string;
  readonly parameters: unknown;
  readonly features: readonly string[];
  /** sha256 hex of the training data. */
  readonly trainingFingerprint: string;
  readonly metrics: unknown;
  readonly decisionThreshold: number;
  /** Serialised in-process model; null for a model that exists only in HeatWave. */
  readonly artifact: Buffer | null;
  /** HeatWave AutoML model handle, when the model was (also) trained in the database. */
  readonly heatwaveModelHandle?: string | null;
}

/** A registry row without its artifact. */
export interface RegisteredModel {
  readonly modelId: number;
  readonly name: string;
  readonly version: number;
  readonly algorithm: string;
  readonly parameters: unknown;
  readonly features: readonly string[];
  readonly trainingFingerprint: string;
  readonly metrics: unknown;
  readonly decisionThreshold: number;
  readonly heatwaveModelHandle: string | null;
  readonly isActive: boolean;
  readonly hasArtifact: boolean;
}

function readFailed(what: string, err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read ${what} from models: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table: 'models' },
  });
}

function writeFailed(what: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new UpstreamError('SQL_WRITE_FAILED', `cannot ${what} in models: ${(err as Error).message}`, {
    cause: err,
    retryable: (err as { errno?: number }).errno === 1213 || (err as { errno?: number }).errno === 1205,
    context: { table: 'models' },
  });
}

/** mysql2 returns JSON columns parsed on MySQL and as text on MariaDB (where JSON is LONGTEXT). */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

const SELECT_COLUMNS =
  'model_id, name, version, algorithm, parameters, features, training_fingerprint, metrics, decision_threshold, heatwave_model_handle, is_active, artifact IS NOT NULL AS has_artifact';

function toRegisteredModel(row: RowDataPacket): RegisteredModel {
  return {
    modelId: Number(row['model_id']),
    name: String(row['name']),
    version: Number(row['version']),
    algorithm: String(row['algorithm']),
    parameters: json(row['parameters']),
    features: json(row['features']) as string[],
    trainingFingerprint: String(row['training_fingerprint']),
    metrics: json(row['metrics']),
    decisionThreshold: Number(row['decision_threshold']),
    heatwaveModelHandle: (row['heatwave_model_handle'] as string | null) ?? null,
    isActive: Number(row['is_active']) === 1,
    hasArtifact: Number(row['has_artifact']) === 1,
  };
}

/**
 * Adds a model as the next version of its name (not active), after checking its fields (RangeError naming every
 * problem: see registrationProblems). The version is taken under a lock on the name's rows,
 * so two concurrent registrations cannot both get the same version.
 */
export async function registerModel(
  db: Pool,
  model: ModelRegistration,
): Promise<{ readonly modelId: number; readonly version: number }> {
  const problems = registrationProblems(model);
  if (problems.length > 0) throw new RangeError(`model not registered: ${problems.join('; ')}`);
  let conn: PoolConnection | undefined;
  try {
    conn = await db.getConnection();
    await conn.beginTransaction();
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT COALESCE(MAX(version), 0) AS v FROM models WHERE name = ? FOR UPDATE',
      [model.name],
    );
    const version = Number(rows[0]?.['v'] ?? 0) + 1;
    const [result] = await conn.query<ResultSetHeader>(
      `INSERT INTO models (name, version, algorithm, parameters, features, training_fingerprint, metrics,
         decision_threshold, artifact, heatwave_model_handle, is_active)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      [
        model.name,
        version,
        model.algorithm,
        JSON.stringify(model.parameters),
        JSON.stringify(model.features),
        model.trainingFingerprint,
        JSON.stringify(model.metrics),
        model.decisionThreshold,
        model.artifact,
        model.heatwaveModelHandle ?? null,
      ],
    );
    await conn.commit();
    return { modelId: result.insertId, version };
  } catch (err: unknown) {
    await conn?.rollback().catch(() => undefined);
    throw writeFailed(`register model ${model.name}`, err);
  } finally {
    conn?.release();
  }
}

/**
 * Makes `modelId` the one active model, in one transaction: the previous active model is deactivated first
 * (the unique key on `active_marker` refuses two active rows).
 */
export async function activateModel(db: Pool, modelId: number): Promise<void> {
  let conn: PoolConnection | undefined;
  try {
    conn = await db.getConnection();
    await conn.beginTransaction();
    const [found] = await conn.query<RowDataPacket[]>(
      'SELECT model_id FROM models WHERE model_id = ? FOR UPDATE',
      [modelId],
    );
    if (found.length === 0) {
      throw new AppError('MODEL_NOT_FOUND', `model ${String(modelId)} is not in the registry`, {
        context: { modelId },
      });
    }
    await conn.query('UPDATE models SET is_active = 0 WHERE is_active = 1 AND model_id <> ?', [modelId]);
    await conn.query('UPDATE models SET is_active = 1, activated_at = UTC_TIMESTAMP(3) WHERE model_id = ?', [
      modelId,
    ]);
    await conn.commit();
  } catch (err: unknown) {
    await conn?.rollback().catch(() => undefined);
    throw writeFailed(`activate model ${String(modelId)}`, err);
  } finally {
    conn?.release();
  }
}

/** Id of the active model, or null; one indexed lookup, cheap enough to poll before each batch. */
export async function activeModelId(db: Pool): Promise<number | null> {
  try {
    const [rows] = await db.query<RowDataPacket[]>('SELECT model_id FROM models WHERE is_active = 1 LIMIT 1');
    const row = rows[0];
    return row === undefined ? null : Number(row['model_id']);
  } catch (err: unknown) {
    throw readFailed('the active model id', err);
  }
}

/** The registry entry of a model (without its artifact), or null. */
export async function getModel(db: Pool, modelId: number): Promise<RegisteredModel | null> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT ${SELECT_COLUMNS} FROM models WHERE model_id = ?`,
      [modelId],
    );
    return rows[0] === undefined ? null : toRegisteredModel(rows[0]);
  } catch (err: unknown) {
    throw readFailed(`model ${String(modelId)}`, err);
  }
}

/** Every registered model (without artifacts), newest first. */
export async function listModels(db: Pool): Promise<RegisteredModel[]> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT ${SELECT_COLUMNS} FROM models ORDER BY model_id DESC`,
    );
    return rows.map(toRegisteredModel);
  } catch (err: unknown) {
    throw readFailed('the model list', err);
  }
}

/** Loads model `modelId` as an in-process scorer; throws MODEL_NOT_FOUND or MODEL_UNSUPPORTED. */
export async function loadScorer(db: Pool, modelId: number): Promise<Scorer> {
  let rows: RowDataPacket[];
  try {
    [rows] = await db.query<RowDataPacket[]>(
      'SELECT model_id, name, version, algorithm, decision_threshold, artifact FROM models WHERE model_id = ?',
      [modelId],
    );
  } catch (err: unknown) {
    throw readFailed(`model ${String(modelId)}`, err);
  }
  const row = rows[0];
  if (row === undefined) {
    throw new AppError('MODEL_NOT_FOUND', `model ${String(modelId)} is not in the registry`, {
      context: { modelId },
    });
  }
  const artifact = row['artifact'] as Buffer | null;
  if (artifact === null) {
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `model ${String(modelId)} (${String(row['algorithm'])}) has no in-process artifact; it can only be scored in HeatWave`,
      { context: { modelId } },
    );
  }
  return createScorer(
    {
      modelId: Number(row['model_id']),
      name: String(row['name']),
      version: Number(row['version']),
      threshold: Number(row['decision_threshold']),
    },
    parseArtifact(artifact),
  );
}

/** Loads the active model as an in-process scorer, or null when no model is active. */
export async function loadActiveScorer(db: Pool): Promise<Scorer | null> {
  const id = await activeModelId(db);
  return id === null ? null : loadScorer(db, id);
}
