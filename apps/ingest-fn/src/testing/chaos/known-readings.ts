// The known set of a chaos run: a deterministic fleet's readings written as JSON-lines files, one file per phase.
import { createFleet, createLiveStream, type Reading } from '@lakehouse/domain';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

/** How the known readings are laid out: `assets` assets, each read `rounds` times, `perMessage` per message. */
export interface KnownSetLayout {
  readonly seed: number;
  readonly assets: number;
  readonly rounds: number;
  readonly perMessage: number;
  /** First round's instant, epoch ms; fixed, so the set does not depend on when the run starts. */
  readonly startMs: number;
  readonly intervalMs: number;
}

/** A known set: its layout, the asset ids by index and the line count (= stream messages without resends). */
export interface KnownSet extends KnownSetLayout {
  readonly assetIds: readonly string[];
  readonly lines: number;
  readonly readings: number;
}

/** 2026-01-01T00:00:00Z: the set lies in the past (the function rejects future readings) on any run date. */
export const KNOWN_SET_START_MS = Date.UTC(2026, 0, 1);

/** The layout for about `readings` readings: whole rounds of the fleet, so the set may be slightly larger. */
export function knownSetLayout(options: {
  readonly seed: number;
  readonly readings: number;
  readonly assets: number;
  readonly perMessage: number;
}): KnownSetLayout {
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isSafeInteger(value) || value < (name === 'seed' ? 0 : 1))
      throw new RangeError(
        `${name} must be a ${name === 'seed' ? 'non-negative' : 'positive'} integer, got ${String(value)}`,
      );
  }
  return {
    seed: options.seed,
    assets: options.assets,
    rounds: Math.ceil(options.readings / options.assets),
    perMessage: options.perMessage,
    startMs: KNOWN_SET_START_MS,
    intervalMs: 1_000,
  };
}

/** Lines of a layout: per block of `perMessage` rounds, one line per asset. */
export function lineCount(layout: KnownSetLayout): number {
  return Math.ceil(layout.rounds / layout.perMessage) * layout.assets;
}

/** The line (0-based, in publishing order) holding a reading, or undefined when the reading is not in the set. */
export function lineOfReading(
  known: KnownSet,
  assetIndexById: ReadonlyMap<string, number>,
  assetId: string,
  recordedAtMs: number,
): number | undefined {
  const index = assetIndexById.get(assetId);
  if (index === undefined) return undefined;
  const offsetMs = Math.floor((index * known.intervalMs) / known.assets);
  const since = recordedAtMs - known.startMs - offsetMs;
  if (since < 0 || since % known.intervalMs !== 0) return undefined;
  const round = since / known.intervalMs;
  if (round >= known.rounds) return undefined;
  return Math.floor(round / known.perMessage) * known.assets + index;
}

/** Expected instants (epoch ms, ascending) of one asset. */
export function expectedInstants(known: KnownSet, assetIndex: number): number[] {
  const offsetMs = Math.floor((assetIndex * known.intervalMs) / known.assets);
  return Array.from({ length: known.rounds }, (_, k) => known.startMs + offsetMs + k * known.intervalMs);
}

/** The line range [from, to) of phase `phase` of `phases`, splitting the lines as evenly as possible. */
export function phaseLines(lines: number, phases: number, phase: number): { from: number; to: number } {
  if (lines < phases) throw new RangeError(`${String(lines)} messages cannot fill ${String(phases)} phases`);
  return { from: Math.floor((phase * lines) / phases), to: Math.floor(((phase + 1) * lines) / phases) };
}

/**
 * Writes the known set as `phase-<n>.jsonl` files in `dir`: each line is one stream message, a JSON array of up to
 * `perMessage` consecutive readings of one asset (the producer's replay sends a line byte for byte, keyed by its
 * first `assetId`). Returns the set and each phase's file.
 */
export async function writeKnownReadings(
  layout: KnownSetLayout,
  dir: string,
  phases: number,
): Promise<{ known: KnownSet; files: string[] }> {
  const fleet = createFleet({ seed: layout.seed, assets: layout.assets, sites: 3, linesPerSite: 2 });
  const stream = createLiveStream({
    seed: layout.seed,
    fleet,
    startMs: layout.startMs,
    intervalMs: layout.intervalMs,
  });
  const lines = lineCount(layout);
  const files = Array.from({ length: phases }, (_, p) => join(dir, `phase-${String(p)}.jsonl`));
  let assetIds: string[] = [];
  let line = 0;
  let phase = -1;
  let out: ReturnType<typeof createWriteStream> | undefined;
  const write = async (text: string): Promise<void> => {
    while (line >= phaseLines(lines, phases, phase).to || out === undefined) {
      if (out !== undefined) {
        out.end();
        await once(out, 'finish');
      }
      phase += 1;
      out = createWriteStream(files[phase] ?? '');
    }
    if (!out.write(text)) await once(out, 'drain');
    line += 1;
  };
  for (let round = 0; round < layout.rounds; round += layout.perMessage) {
    const roundsInBlock = Math.min(layout.perMessage, layout.rounds - round);
    const byAsset: Reading[][] = Array.from({ length: layout.assets }, () => []);
    for (let r = 0; r < roundsInBlock; r += 1) {
      for (let a = 0; a < layout.assets; a += 1) byAsset[a]?.push(stream.next().value);
    }
    if (round === 0) assetIds = byAsset.map((list) => list[0]?.assetId ?? '');
    for (const list of byAsset) await write(`${JSON.stringify(list)}\n`);
  }
  if (out !== undefined) {
    out.end();
    await once(out, 'finish');
  }
  return {
    known: { ...layout, assetIds, lines, readings: layout.assets * layout.rounds },
    files,
  };
}
