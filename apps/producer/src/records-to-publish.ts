import {
  FLEET_IN_TIME_MIN_AVAILABILITY,
  createFleet,
  createLiveStream,
  parseAi4iRow,
  ai4iRecordToReading,
  type Reading,
} from '@lakehouse/domain';
import { ValidationError } from '@lakehouse/runtime';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ProducerOptions } from './cli-options.js';

/** One record to publish: a reading (packable with others of its asset) or a raw replayed line (sent as is). */
export type RecordToPublish =
  | { readonly kind: 'reading'; readonly reading: Reading; readonly dueMs: number }
  | { readonly kind: 'raw'; readonly key: string; readonly value: Buffer; readonly dueMs: number };

/** A file line that is not a record, reported with its position (the producer goes on). */
export interface SkippedLine {
  readonly line: number;
  readonly message: string;
}

/**
 * The simulated fleet as an endless, paced stream: each asset reports every `assets / rate` seconds from now, so
 * a reading's timestamp is the instant it is due to be published. With rate 0 the readings are stamped one
 * second apart per asset, ending now, and published as fast as possible.
 */
export function* simulatedReadings(options: ProducerOptions, nowMs: number): Generator<RecordToPublish> {
  const fleet = createFleet({
    seed: options.seed,
    assets: options.assets,
    sites: options.sites,
    linesPerSite: options.lines,
  });
  const paced = options.rate > 0;
  const intervalMs = paced ? Math.max(1, Math.round((1_000 * options.assets) / options.rate)) : 1_000;
  // A fleet in time has no reading while a machine is stopped: count on its least availability, so that the last
  // of `count` readings is stamped before now, not after.
  const perRound = options.assets * (options.fleet === 'in-time' ? FLEET_IN_TIME_MIN_AVAILABILITY : 1);
  const rounds = paced ? 0 : Math.ceil((options.count ?? 0) / perRound);
  const startMs = paced ? nowMs : nowMs - rounds * intervalMs;
  // The readings of a history this stream continues are simulated, not published: the machines (tool wear, cooling,
  // jobs) go on from where the history left them.
  const stream = createLiveStream({
    seed: options.seed,
    fleet,
    startMs,
    intervalMs,
    mode: options.fleet,
    skipReadings: options.continueAfter ?? 0,
  });
  for (const reading of stream) {
    yield { kind: 'reading', reading, dueMs: paced ? reading.recordedAt : 0 };
  }
}

const KEY_PATTERN = /"assetId"\s*:\s*"([^"]{1,64})"/;

/**
 * The records of a replayed file, paced at `rate` from `nowMs`. JSON lines are sent byte for byte (a bad line is
 * the function's to dead-letter); CSV rows in the AI4I layout become readings of asset `<Product ID>` stamped when
 * due, and a row that does not parse is reported through `onSkip` with its line and column.
 */
export async function* replayedRecords(
  options: ProducerOptions & { readonly file: string },
  nowMs: number,
  onSkip: (skipped: SkippedLine) => void,
): AsyncGenerator<RecordToPublish> {
  const csv = /\.csv$/i.test(options.file);
  const lines = createInterface({
    input: createReadStream(options.file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const spacingMs = options.rate > 0 ? 1_000 / options.rate : 0;
  let lineNumber = 0;
  let index = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (csv && lineNumber === 1) continue; // header
    if (line.trim() === '') continue;
    const dueMs = spacingMs === 0 ? 0 : nowMs + Math.round(index * spacingMs);
    index += 1;
    if (!csv) {
      yield {
        kind: 'raw',
        key: KEY_PATTERN.exec(line)?.[1] ?? 'unknown',
        value: Buffer.from(line, 'utf8'),
        dueMs,
      };
      continue;
    }
    const parsed = parseAi4iRow(line, lineNumber);
    if (!parsed.ok) {
      onSkip({ line: lineNumber, message: parsed.problems.map((p) => p.message).join('; ') });
      continue;
    }
    const recordedAt = dueMs === 0 ? nowMs - 1_000 : dueMs;
    yield {
      kind: 'reading',
      reading: ai4iRecordToReading(parsed.record, { assetId: parsed.record.productId, recordedAt }),
      dueMs,
    };
  }
  if (index === 0) {
    throw new ValidationError(`${options.file} holds no records`, [
      { path: options.file, reason: 'empty', message: 'the file has no data lines' },
    ]);
  }
}
