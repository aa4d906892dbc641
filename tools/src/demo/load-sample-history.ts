import { generateHistory, type Reading } from '@lakehouse/domain';
import { formatReadingLoadDataLine, loadReadingLines, upsertAssetsFromReadings } from '@lakehouse/sql';
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import { Readable } from 'node:stream';

/** What to generate. */
export interface SampleHistoryOptions {
  readonly seed: number;
  readonly rows: number;
  readonly assets: number;
  readonly sites: number;
  readonly linesPerSite: number;
  readonly startMs: number;
  readonly intervalMs: number;
  /** Called about once a second with rows generated so far. */
  readonly onProgress?: (rows: number) => void;
}

/**
 * Generates a labelled fleet history and streams it into `readings` with LOAD DATA LOCAL INFILE (REPLACE, so a
 * second run with the same seed leaves the same rows), then registers the assets and the labelled failures.
 */
export async function loadSampleHistory(
  pool: Pool,
  options: SampleHistoryOptions,
): Promise<{ readonly rows: number; readonly assets: number; readonly failures: number }> {
  const first = new Map<string, Reading>();
  const last = new Map<string, Reading>();
  let rows = 0;
  let lastReport = performance.now();
  const lines = (function* () {
    for (const reading of generateHistory(options)) {
      if (!first.has(reading.assetId)) first.set(reading.assetId, reading);
      last.set(reading.assetId, reading);
      rows += 1;
      if (options.onProgress && performance.now() - lastReport > 1_000) {
        options.onProgress(rows);
        lastReport = performance.now();
      }
      yield formatReadingLoadDataLine({ reading, source: 'bulk' });
    }
  })();
  await loadReadingLines(pool, { stream: Readable.from(lines), onDuplicate: 'replace' });
  options.onProgress?.(rows);
  await upsertAssetsFromReadings(pool, [...first.values(), ...last.values()]);
  const [events] = await pool.query<ResultSetHeader>(`
    INSERT IGNORE INTO failure_events (asset_id, occurred_at, event_kind, machine_failure, twf, hdf, pwf, osf, rnf, note)
    SELECT asset_id, recorded_at, 'failure', 1, twf, hdf, pwf, osf, rnf, 'label from generated history'
    FROM readings WHERE machine_failure = 1`);
  return { rows, assets: first.size, failures: events.affectedRows };
}
