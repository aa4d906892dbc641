import { createSeededRandom, generateHistory } from '@lakehouse/domain';
import type { RawReadingRow } from '../raw/write-raw-readings.js';

/** Options of {@link sampleRows}. */
export interface SampleRowsOptions {
  readonly seed: number;
  readonly rows: number;
  /** @default 6 */
  readonly assets?: number;
  /** @default 2026-01-01T00:00:00Z */
  readonly startMs?: number;
  /** @default 30_000 */
  readonly intervalMs?: number;
}

/**
 * Seeded labelled history with a seeded failure probability per row (a quarter of them left unscored), so that
 * the hourly aggregates' above-0.6 and above-0.9 counts are exercised.
 */
export function sampleRows(options: SampleRowsOptions): RawReadingRow[] {
  const random = createSeededRandom(options.seed + 1);
  const rows: RawReadingRow[] = [];
  for (const reading of generateHistory({
    seed: options.seed,
    rows: options.rows,
    assets: options.assets ?? 6,
    sites: 2,
    linesPerSite: 2,
    startMs: options.startMs ?? Date.UTC(2026, 0, 1),
    intervalMs: options.intervalMs ?? 30_000,
  })) {
    const draw = random.next();
    rows.push({ reading, failureProbability: draw < 0.25 ? null : Math.round(random.next() * 1000) / 1000 });
  }
  return rows;
}
