import { createAi4iProcess } from './ai4i-process.js';
import { createFleetInTimeProcess } from './fleet-in-time-process.js';
import type { Fleet } from './create-fleet.js';
import type { LabelledReading, Reading } from './reading.js';
import { deriveSeed } from './seeded-random.js';

/**
 * How a fleet's machines are simulated: `ai4i`, every reading an independent AI4I process step (the published
 * dataset's process, byte for byte as before); `in-time`, machines that run jobs, wear, drift, fail and are repaired,
 * one reading per machine minute (issue #18, ADR 0050).
 */
export type FleetMode = 'ai4i' | 'in-time';
/** Every {@link FleetMode}. */
export const FLEET_MODES: readonly FleetMode[] = ['ai4i', 'in-time'];

/** Options of {@link createLiveStream}. */
export interface LiveStreamOptions {
  /** Seed of every asset's process; asset `i` uses its own sub-stream, so assets are independent. */
  readonly seed: number;
  readonly fleet: Fleet;
  /** Instant of the first reading, epoch ms UTC. */
  readonly startMs: number;
  /** Time between two readings of the same asset, ms. Assets are staggered evenly inside it. */
  readonly intervalMs: number;
  /** How the machines are simulated. @default 'ai4i' */
  readonly mode?: FleetMode;
  /**
   * Run the machines through this many readings before the first one yielded, so the stream continues a history of
   * that many readings of the same fleet and seed (the processes' state goes on; only the timestamps start anew at
   * `startMs`). @default 0
   */
  readonly skipReadings?: number;
  /** Attach ground-truth labels, as in a labelled history. @default false */
  readonly includeLabels?: boolean;
}

/**
 * Endless, deterministic stream of readings from every asset of a fleet, in time order: each asset emits every
 * `intervalMs`, asset `i` offset by `floor(i * intervalMs / assets)`, so the fleet's readings interleave and each
 * asset's timestamps strictly increase. Measurements do not depend on `includeLabels`. Take as many as you need.
 */
export function createLiveStream(options: LiveStreamOptions): IterableIterator<Reading> {
  const labelled = streamFleet(options);
  return options.includeLabels === true ? labelled : withoutLabels(labelled);
}

/** The labelled stream behind {@link createLiveStream}; shared with generateHistory, not exported from the lib. */
export function streamFleet(
  options: Omit<LiveStreamOptions, 'includeLabels'>,
): Generator<LabelledReading, never, undefined> {
  const { seed, fleet, startMs, intervalMs } = options;
  if (!Number.isSafeInteger(startMs))
    throw new RangeError(`startMs must be an integer, got ${String(startMs)}`);
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
    throw new RangeError(`intervalMs must be a positive integer, got ${String(intervalMs)}`);
  }
  if (fleet.assets.length === 0) throw new RangeError('fleet has no assets');
  const count = fleet.assets.length;
  const inTime = options.mode === 'in-time';
  const members = fleet.assets.map((asset, index) => ({
    process: inTime
      ? createFleetInTimeProcess(asset, deriveSeed(seed, index + 1))
      : createAi4iProcess(asset, deriveSeed(seed, index + 1)),
    offsetMs: Math.floor((index * intervalMs) / count),
  }));
  const skip = options.skipReadings ?? 0;
  if (!Number.isSafeInteger(skip) || skip < 0) {
    throw new RangeError(`skipReadings must be a non-negative integer, got ${String(skip)}`);
  }
  return rounds(members, startMs, intervalMs, skip);
}

function* rounds(
  members: readonly {
    readonly process: { next(recordedAt: number): LabelledReading | null };
    readonly offsetMs: number;
  }[],
  startMs: number,
  intervalMs: number,
  skip: number,
): Generator<LabelledReading, never, undefined> {
  let skipped = 0;
  let roundStartMs = startMs;
  for (;;) {
    // A machine stopped for a repair or a tool change has no reading in this round.
    for (const member of members) {
      if (skipped < skip) {
        // Skipped readings are simulated, not yielded; their timestamp does not change the process.
        if (member.process.next(startMs) !== null) skipped += 1;
        continue;
      }
      const reading = member.process.next(roundStartMs + member.offsetMs);
      if (reading !== null) yield reading;
    }
    if (skipped >= skip) roundStartMs += intervalMs;
  }
}

function* withoutLabels(source: Iterator<LabelledReading, never>): Generator<Reading, never, undefined> {
  for (;;) {
    // Rest destructuring, not `delete`: deleting a property turns the object into a slow dictionary-mode object,
    // which every later JSON.stringify of the reading pays for.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- labels are dropped on purpose
    const { labels, ...unlabelled } = source.next().value;
    yield unlabelled;
  }
}
