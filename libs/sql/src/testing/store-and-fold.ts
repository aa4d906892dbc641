import type { Pool, PoolConnection } from 'mysql2/promise';
import {
  ensureAlertAssetStates,
  foldEpisodeBatch,
  type EpisodeReading,
  type FoldEpisodeBatchOptions,
  type FoldEpisodeBatchResult,
} from '../alert-episodes/fold-episode-batch.js';
import { upsertAssetsFromReadings } from '../assets/upsert-assets.js';
import { upsertReadings } from '../readings/upsert-readings.js';

/** Options of {@link storeAndFold}: the fold's, plus the test's hooks into the transaction. */
export interface StoreAndFoldOptions extends FoldEpisodeBatchOptions {
  /** Assets whose alert state row is known to exist (ensureAlertAssetStates' cache, kept across calls). */
  readonly known: Set<string>;
  /** Runs inside the transaction, after the fold and before the commit (or rollback). */
  readonly inside?: (connection: PoolConnection) => Promise<void>;
  /** Roll the transaction back instead of committing it. @default false */
  readonly rollback?: boolean;
}

/**
 * Stores and folds one batch as the ingest function does: readings, assets and episodes in one transaction on a
 * connection of `pool`, after the alert state rows exist.
 */
export async function storeAndFold(
  pool: Pool,
  batch: readonly EpisodeReading[],
  options: StoreAndFoldOptions,
): Promise<FoldEpisodeBatchResult> {
  await ensureAlertAssetStates(
    pool,
    batch.map((r) => r.reading.assetId),
    options.known,
  );
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await upsertReadings(
      connection,
      batch.map((r) => ({ ...r, source: 'stream' as const })),
    );
    await upsertAssetsFromReadings(
      connection,
      batch.map((r) => r.reading),
    );
    const result = await foldEpisodeBatch(connection, batch, options);
    await options.inside?.(connection);
    if (options.rollback === true) await connection.rollback();
    else await connection.commit();
    return result;
  } finally {
    connection.release();
  }
}
