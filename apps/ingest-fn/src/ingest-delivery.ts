import {
  WINDOW_FEATURE_COUNT,
  advanceWindow,
  createWindowState,
  decodeStreamDelivery,
  expectedFailureAtMs,
  type EpisodeSettings,
  type Reading,
  type RecordOrigin,
  type RejectedRecord,
  type WindowState,
} from '@lakehouse/domain';
import { AppError, type Logger } from '@lakehouse/runtime';
import {
  ensureAlertAssetStates,
  foldEpisodeBatch,
  insertDeadLetters,
  insertHorizonRisks,
  insertNewReadings,
  loadWindowStates,
  saveWindowStates,
  upsertAssetsFromReadings,
  upsertReadings,
  type DeadLetter,
  type EpisodeReading,
  type FoldEpisodeBatchResult,
  type HorizonRiskRow,
  type PeakExplanation,
  type ReadingToStore,
} from '@lakehouse/sql';
import type { Pool, PoolConnection } from 'mysql2/promise';

/** The model that scores readings in the same write; `null` until a model is registered and active. */
export interface ActiveModel {
  readonly modelId: number;
  /** Probability of machine failure for one reading, in 0..1. Runs in-process. */
  probability(reading: Reading): number;
  /** Modes and feature contributions of one reading; asked only for a reading that became an episode's peak. */
  explain?(reading: Reading): ReadingExplanation;
  /**
   * The horizon part of the model (ADR 0050). Present: every delivery carries its assets' window states on, stores a
   * horizon risk per reading and folds the alert episodes on it. Absent: none of that, and no extra statement.
   */
  readonly horizon?: HorizonScorer;
}

/** What the horizon part of a model answers for one reading's window features. */
export interface HorizonScorer {
  /** The horizon that drives alerts, minutes of operation. */
  readonly horizonMinutes: number;
  /**
   * Risk of a failure within the horizon (0..1) and the expected minutes of operation to the next failure (null: no
   * estimate), from the `WINDOW_FEATURE_COUNT` window features (libs/domain WINDOW_FEATURE_NAMES) at `offset`.
   */
  score(features: Float64Array, offset: number): HorizonScore;
}

/** One reading's horizon score. */
export interface HorizonScore {
  readonly risk: number;
  readonly expectedMinutesToFailure: number | null;
}

/** What the scorer says about one reading (libs/scoring's Explanation has this shape). */
export interface ReadingExplanation {
  readonly modes: readonly string[];
  readonly modeProbabilities: unknown;
  readonly drivers: readonly unknown[];
  readonly baseLogOdds: number;
}

/** Contributions stored with an episode's peak: the same shape as `predictions.explanation`. */
const PEAK_DRIVERS = 5;

function peakExplanation(explanation: ReadingExplanation): PeakExplanation {
  return {
    modes: explanation.modes,
    detail: {
      modes: explanation.modes,
      modeProbabilities: explanation.modeProbabilities,
      drivers: explanation.drivers.slice(0, PEAK_DRIVERS),
      baseLogOdds: explanation.baseLogOdds,
    },
  };
}

/** Alert-episode folding of one function instance. */
export interface EpisodeFolding {
  readonly settings: EpisodeSettings;
  /** Assets whose state row this instance knows to exist (see ensureAlertAssetStates). */
  readonly knownStates: Set<string>;
}

/** What {@link ingestDelivery} needs; created once per function instance and reused across invocations. */
export interface IngestDependencies {
  readonly pool: Pool;
  readonly logger: Logger;
  /** Epoch ms; injected so timestamp checks are testable. */
  readonly now: () => number;
  /** The model to score with, or null. Called once per invocation. */
  readonly activeModel: () => Promise<ActiveModel | null>;
  readonly maxMessageBytes?: number;
  readonly maxFutureSkewMs?: number;
  /**
   * Whether new readings may take the LOAD DATA fast path (see insertNewReadings). Shared by the invocations of one
   * instance; switched off for good when the server refuses LOCAL INFILE. Absent: always the upsert.
   */
  readonly fastPath?: { enabled: boolean };
  /** Fold scored readings into alert episodes in the same transaction. Absent: no folding. */
  readonly episodes?: EpisodeFolding;
}

/** The function's response: what happened to every record of the delivery. */
export interface IngestResult {
  /** Stream messages in the delivery. */
  readonly messages: number;
  /** Valid readings written (inserted or already present). */
  readonly stored: number;
  /** Stored readings that existed with different values (0 for a pure redelivery). */
  readonly changed: number;
  /** Exact repeats inside the delivery, absorbed. */
  readonly duplicates: number;
  /** Records sent to the dead-letter table. */
  readonly deadLettered: number;
  /** Of those, letters not seen before (a redelivery counts again instead of adding rows). */
  readonly newDeadLetters: number;
  /** Registry id of the model that scored the readings, or null. */
  readonly modelId: number | null;
  /** How the readings were written: `load-data` (all new) or `upsert` (a redelivery, or the fast path is off). */
  readonly writePath: 'load-data' | 'upsert' | 'none';
  /** Alert-episode events of the batch (0 for a redelivery). */
  readonly episodesOpened: number;
  readonly episodesEscalated: number;
  readonly episodesResolved: number;
  /** Readings the horizon model scored (0 without one). */
  readonly horizonScored: number;
  readonly durationMs: number;
}

const EPISODE_EVENT_MESSAGES = {
  open: 'alert episode opened',
  escalate: 'alert episode escalated',
  resolve: 'alert episode resolved',
} as const;

// Rejections that concern the Connector Hub envelope rather than a record on the stream.
const CONNECTOR_REASONS = new Set(['malformed_delivery', 'invalid_envelope']);

function deadLetterOf(rejected: RejectedRecord): DeadLetter {
  const { origin } = rejected;
  const connector = rejected.problems.some((p) => CONNECTOR_REASONS.has(p.reason));
  return {
    source: connector ? 'connector' : 'stream',
    rawPayload: rejected.raw,
    reasons: rejected.problems,
    ...originColumns(origin),
  };
}

function originColumns(
  origin: RecordOrigin,
): Pick<DeadLetter, 'streamName' | 'streamPartition' | 'streamOffset' | 'recordIndex'> {
  return {
    ...(origin.stream === undefined ? {} : { streamName: origin.stream }),
    ...(origin.partition === undefined ? {} : { streamPartition: origin.partition }),
    ...(origin.offset === undefined ? {} : { streamOffset: origin.offset }),
    // Without a stream offset the position in the delivery is the only way to tell records apart.
    ...(origin.recordIndex !== undefined
      ? { recordIndex: origin.recordIndex }
      : origin.offset === undefined
        ? { recordIndex: origin.messageIndex }
        : {}),
  };
}

/** The fast path, switched off for this instance when the server refuses it for good (e.g. `local_infile=OFF`). */
async function insertNewReadingsOrOff(
  connection: PoolConnection,
  rows: readonly ReadingToStore[],
  deps: IngestDependencies,
): Promise<boolean> {
  try {
    return await insertNewReadings(connection, rows);
  } catch (error) {
    if (error instanceof AppError && error.retryable) throw error;
    if (deps.fastPath !== undefined) deps.fastPath.enabled = false;
    deps.logger.warn({ err: error }, 'LOAD DATA LOCAL INFILE refused; writing with the upsert from now on');
    return false;
  }
}

/** The horizon answers of one delivery, for the writes and the fold. */
interface HorizonBatch {
  readonly risks: HorizonRiskRow[];
  /** Per row of the delivery (same index): the expected failure time, epoch ms, or null. */
  readonly expectedFailureAt: (number | null)[];
  readonly states: Map<string, WindowState>;
  /** Each loaded state's latest reading time before this delivery, so only states that moved are written. */
  readonly loadedAt: Map<string, number>;
}

/**
 * Window features and horizon scores of a delivery's readings: the stored states of its assets in one read (on the
 * transaction's connection), then per asset in reading-time order, one feature buffer for all. A reading at or
 * before its asset's state (a redelivery) moves nothing and is scored from the state; its stored risk is kept.
 */
async function scoreHorizon(
  connection: PoolConnection,
  rows: readonly ReadingToStore[],
  modelId: number,
  horizon: HorizonScorer,
): Promise<HorizonBatch> {
  const states = await loadWindowStates(
    connection,
    rows.map((r) => r.reading.assetId),
  );
  const loadedAt = new Map<string, number>();
  for (const [assetId, state] of states) loadedAt.set(assetId, state.lastRecordedAt);
  const order = rows
    .map((_, i) => i)
    .sort((a, b) => (rows[a]?.reading.recordedAt ?? 0) - (rows[b]?.reading.recordedAt ?? 0));
  const features = new Float64Array(WINDOW_FEATURE_COUNT);
  const risks = new Array<HorizonRiskRow>(rows.length);
  const expectedFailureAt = new Array<number | null>(rows.length).fill(null);
  for (const i of order) {
    const reading = (rows[i] as ReadingToStore).reading;
    let state = states.get(reading.assetId);
    if (state === undefined) {
      state = createWindowState();
      states.set(reading.assetId, state);
    }
    advanceWindow(state, reading, features, 0);
    const { risk, expectedMinutesToFailure } = horizon.score(features, 0);
    risks[i] = {
      assetId: reading.assetId,
      recordedAt: reading.recordedAt,
      modelId,
      horizonMinutes: horizon.horizonMinutes,
      risk,
      expectedMinutesToFailure,
    };
    // Machine-minutes to this asset's own sampling interval, as its state knows it at this reading (ADR 0050).
    expectedFailureAt[i] = expectedFailureAtMs(state, reading.recordedAt, expectedMinutesToFailure);
  }
  return { risks, expectedFailureAt, states, loadedAt };
}

/**
 * Handles one Connector Hub delivery: decodes and validates every record, scores the valid readings with the
 * active model, and stores readings, assets, the alert episodes they fold into (with the notifications they raise)
 * and dead letters in one transaction. With a horizon part, the same transaction reads and writes the assets'
 * window states and stores the horizon risks, and the episodes fold on those risks. Bad records never fail the
 * invocation; a database error does (after rollback), so Connector Hub delivers the batch again, and the idempotent
 * writes make that redelivery harmless.
 */
export async function ingestDelivery(body: Buffer, deps: IngestDependencies): Promise<IngestResult> {
  const startedAt = performance.now();
  const decoded = decodeStreamDelivery(body, {
    nowMs: deps.now(),
    ...(deps.maxMessageBytes === undefined ? {} : { maxMessageBytes: deps.maxMessageBytes }),
    ...(deps.maxFutureSkewMs === undefined ? {} : { maxFutureSkewMs: deps.maxFutureSkewMs }),
  });
  const model = decoded.accepted.length === 0 ? null : await deps.activeModel();
  // Once per reading: plain assignments in a fixed order (one object shape) rather than conditional spreads.
  const rows: ReadingToStore[] = decoded.accepted.map(({ reading, origin }) => {
    const row: { -readonly [K in keyof ReadingToStore]: ReadingToStore[K] } = { reading, source: 'stream' };
    if (model !== null) {
      row.failureProbability = model.probability(reading);
      row.modelId = model.modelId;
    }
    if (origin.partition !== undefined) row.streamPartition = origin.partition;
    if (origin.offset !== undefined) row.streamOffset = origin.offset;
    return row;
  });
  const letters = decoded.rejected.map(deadLetterOf);
  const folding = model === null || rows.length === 0 ? undefined : deps.episodes;
  // Before the transaction, in its own: state rows the batch's locking read will find (no gap locks, see there).
  if (folding !== undefined) {
    await ensureAlertAssetStates(
      deps.pool,
      rows.map((r) => r.reading.assetId),
      folding.knownStates,
    );
  }

  const connection = await deps.pool.getConnection();
  let events: FoldEpisodeBatchResult['events'] = [];
  let changed = 0;
  let newDeadLetters = 0;
  let writePath: IngestResult['writePath'] = 'none';
  let horizonScored = 0;
  try {
    await connection.beginTransaction();
    if (rows.length > 0) {
      const horizon =
        model?.horizon === undefined
          ? null
          : await scoreHorizon(connection, rows, model.modelId, model.horizon);
      if (deps.fastPath?.enabled === true && (await insertNewReadingsOrOff(connection, rows, deps))) {
        writePath = 'load-data';
      } else {
        changed = (await upsertReadings(connection, rows)).changed;
        writePath = 'upsert';
      }
      await upsertAssetsFromReadings(
        connection,
        rows.map((r) => r.reading),
      );
      if (horizon !== null) {
        await insertHorizonRisks(connection, horizon.risks);
        await saveWindowStates(connection, horizon.states, horizon.loadedAt, deps.now());
        horizonScored = horizon.risks.length;
      }
      if (folding !== undefined && model !== null) {
        const explain = model.explain?.bind(model);
        const scored: readonly EpisodeReading[] =
          horizon === null
            ? rows
            : rows.map((r, i) => ({
                ...r,
                horizonRisk: horizon.risks[i]?.risk ?? null,
                expectedFailureAt: horizon.expectedFailureAt[i] ?? null,
              }));
        const fold = await foldEpisodeBatch(connection, scored, {
          settings: folding.settings,
          nowMs: deps.now(),
          ...(explain === undefined ? {} : { explain: (r: Reading) => peakExplanation(explain(r)) }),
        });
        events = fold.events;
      }
    }
    if (letters.length > 0) newDeadLetters = (await insertDeadLetters(connection, letters)).inserted;
    await connection.commit();
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
  const result: IngestResult = {
    messages: decoded.messages,
    stored: rows.length,
    changed,
    duplicates: decoded.duplicates,
    deadLettered: letters.length,
    newDeadLetters,
    modelId: model?.modelId ?? null,
    writePath,
    episodesOpened: events.filter((e) => e.kind === 'open').length,
    episodesEscalated: events.filter((e) => e.kind === 'escalate').length,
    episodesResolved: events.filter((e) => e.kind === 'resolve').length,
    horizonScored,
    durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
  };
  for (const event of events) {
    deps.logger.info(
      { assetId: event.assetId, episodeId: event.episodeId, band: event.band, at: event.at },
      EPISODE_EVENT_MESSAGES[event.kind],
    );
  }
  if (letters.length > 0) {
    deps.logger.warn(
      {
        deadLettered: letters.length,
        reasons: [...new Set(decoded.rejected.map((r) => r.problems[0]?.reason))],
      },
      'records dead-lettered',
    );
  }
  return result;
}
