import { createFleet } from './create-fleet.js';
import { streamFleet, type FleetMode } from './create-live-stream.js';
import type { LabelledReading } from './reading.js';

/** Options of {@link generateHistory}. */
export interface HistoryOptions {
  /** Seed of the fleet layout and of every process. */
  readonly seed: number;
  /** Number of readings to produce, across all assets. */
  readonly rows: number;
  /** Machines in the fleet. @default 20 */
  readonly assets?: number;
  /** Sites the machines are spread over. @default 2 */
  readonly sites?: number;
  /** Lines per site. @default 2 */
  readonly linesPerSite?: number;
  /** Instant of the first reading, epoch ms UTC. */
  readonly startMs: number;
  /** Time between two readings of the same asset, ms. */
  readonly intervalMs: number;
  /** How the machines are simulated. @default 'ai4i' */
  readonly mode?: FleetMode;
}

/** Default fleet of {@link generateHistory}: 20 machines (12 L, 6 M, 2 H) on 2 sites × 2 lines. */
export const DEFAULT_HISTORY_FLEET = Object.freeze({ assets: 20, sites: 2, linesPerSite: 2 });

/**
 * Labelled history of a fleet: the first `rows` readings of createLiveStream with labels, over the fleet
 * {@link createFleet} lays out from the same seed. With `assets: 1` it is a single machine's AI4I-like process
 * sequence. Lazy: iterate it, or spread it for small `rows`.
 */
export function generateHistory(options: HistoryOptions): IterableIterator<LabelledReading> {
  const { seed, rows, startMs, intervalMs } = options;
  if (!Number.isSafeInteger(rows) || rows < 0) {
    throw new RangeError(`rows must be a non-negative integer, got ${String(rows)}`);
  }
  const fleet = createFleet({
    seed,
    assets: options.assets ?? DEFAULT_HISTORY_FLEET.assets,
    sites: options.sites ?? DEFAULT_HISTORY_FLEET.sites,
    linesPerSite: options.linesPerSite ?? DEFAULT_HISTORY_FLEET.linesPerSite,
  });
  return take(streamFleet({ seed, fleet, startMs, intervalMs, mode: options.mode ?? 'ai4i' }), rows);
}

function* take<T>(source: Iterator<T, never>, count: number): Generator<T, void, undefined> {
  for (let i = 0; i < count; i += 1) yield source.next().value;
}
