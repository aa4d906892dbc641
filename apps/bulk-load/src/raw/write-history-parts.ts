import {
  FLEET_IN_TIME_MIN_AVAILABILITY,
  generateHistory,
  type FleetMode,
  type LabelledReading,
} from '@lakehouse/domain';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRawCsv, type RawReadingRow } from './write-raw-readings.js';

/** The fleet history to generate (libs/domain's generator, labels included). */
export interface HistorySpec {
  readonly rows: number;
  readonly assets: number;
  readonly sites: number;
  readonly linesPerSite: number;
  readonly seed: number;
  readonly intervalMs: number;
  /** How the machines are simulated. @default 'ai4i' */
  readonly mode?: FleetMode;
  /** Every reading is before this instant, epoch ms; undefined = `nowMs` rounded down to the interval. */
  readonly endMs?: number;
}

/** Options of {@link writeHistoryParts}. */
export interface HistoryPartsOptions {
  readonly outDir: string;
  readonly history: HistorySpec;
  readonly parts: number;
  readonly nowMs: number;
  /** Called about once a second with the rows written so far. */
  readonly onProgress?: (rows: number) => void;
}

/** What {@link writeHistoryParts} wrote. */
export interface HistoryPartsResult {
  readonly rows: number;
  readonly files: readonly string[];
  readonly bytes: number;
  /** Oldest and newest reading written, epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
}

const PART_FILE = /^history-\d{4}-of-\d{4}\.csv(\.partial)?$/;

/** File name of part `index` (0-based) of `parts`. */
export function historyPartName(index: number, parts: number): string {
  const four = (n: number): string => String(n).padStart(4, '0');
  return `history-${four(index + 1)}-of-${four(parts)}.csv`;
}

/**
 * Start of the first round of a history: every asset reports once per interval (staggered within it), and the last
 * round ends at `endMs`, so a history generated now ends before now and live readings continue it.
 */
export function historyStartMs(history: HistorySpec, nowMs: number): number {
  const endMs = history.endMs ?? Math.floor(nowMs / history.intervalMs) * history.intervalMs;
  // A fleet in time has no reading while a machine is stopped, so it needs more rounds for the same rows; counting
  // on the least availability it has ends the history a little before `endMs`, never after it.
  const perRound = history.assets * (history.mode === 'in-time' ? FLEET_IN_TIME_MIN_AVAILABILITY : 1);
  const rounds = Math.ceil(history.rows / perRound);
  return endMs - rounds * history.intervalMs;
}

function* slice(
  source: Iterator<LabelledReading>,
  count: number,
  onRow: (reading: LabelledReading) => void,
): Generator<RawReadingRow> {
  for (let i = 0; i < count; i++) {
    const next = source.next();
    if (next.done === true) return;
    onRow(next.value);
    yield { reading: next.value };
  }
}

/**
 * Writes a labelled fleet history as raw CSV files in the layout every loader reads (the raw bucket of Object
 * Storage): `parts` files of consecutive rows, each written as `.partial` and renamed when complete, so an
 * interrupted run never leaves a truncated part under a real name. Parts of an earlier history in `outDir` are
 * removed first (a loader reads the whole folder); other files are left alone.
 */
export async function writeHistoryParts(options: HistoryPartsOptions): Promise<HistoryPartsResult> {
  const { history, parts, outDir } = options;
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > 9_999) {
    throw new RangeError(`parts must be an integer in 1..9999, got ${String(parts)}`);
  }
  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(outDir)) {
    if (PART_FILE.test(name)) await rm(join(outDir, name), { force: true });
  }
  const readings = generateHistory({
    seed: history.seed,
    rows: history.rows,
    assets: history.assets,
    sites: history.sites,
    linesPerSite: history.linesPerSite,
    startMs: historyStartMs(history, options.nowMs),
    intervalMs: history.intervalMs,
    mode: history.mode ?? 'ai4i',
  });
  let written = 0;
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  let reportedAt = performance.now();
  const onRow = (reading: LabelledReading): void => {
    written += 1;
    if (reading.recordedAt < startMs) startMs = reading.recordedAt;
    if (reading.recordedAt > endMs) endMs = reading.recordedAt;
    if ((written & 0x3fff) === 0 && performance.now() - reportedAt >= 1_000) {
      reportedAt = performance.now();
      options.onProgress?.(written);
    }
  };
  const files: string[] = [];
  let bytes = 0;
  for (let p = 0; p < parts; p++) {
    const count = Math.floor((history.rows * (p + 1)) / parts) - Math.floor((history.rows * p) / parts);
    const file = join(outDir, historyPartName(p, parts));
    await writeRawCsv(`${file}.partial`, slice(readings, count, onRow));
    await rename(`${file}.partial`, file);
    bytes += (await stat(file)).size;
    files.push(file);
  }
  options.onProgress?.(written);
  return { rows: written, files, bytes, startMs, endMs };
}
