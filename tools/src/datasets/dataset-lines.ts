import {
  AI4I_CSV_HEADER,
  generateHistory,
  readingToAi4iRow,
  type AssetType,
  type LabelledReading,
} from '@lakehouse/domain';
import type { DatasetFormat } from './parse-dataset-args.js';

/** What to generate: the history's seed and size, its fleet timestamps, and the file layout. */
export interface DatasetSpec {
  readonly rows: number;
  readonly seed: number;
  readonly format: DatasetFormat;
  readonly startMs: number;
  readonly intervalMs: number;
}

/**
 * First serial of each variant's Product IDs (`L50001`, `M20001`, `H30001`, ...). AI4I numbers products per variant;
 * the bases only keep the three series apart at a glance.
 */
const PRODUCT_SERIAL_BASE: Readonly<Record<AssetType, number>> = { L: 50_000, M: 20_000, H: 30_000 };

function* ai4iLines(readings: Iterable<LabelledReading>): Generator<string, void, undefined> {
  yield `${AI4I_CSV_HEADER}\n`;
  const produced: Record<AssetType, number> = { L: 0, M: 0, H: 0 };
  let udi = 0;
  for (const reading of readings) {
    udi += 1;
    produced[reading.assetType] += 1;
    const productId = `${reading.assetType}${String(PRODUCT_SERIAL_BASE[reading.assetType] + produced[reading.assetType])}`;
    yield `${readingToAi4iRow(reading, { udi, productId })}\n`;
  }
}

function* jsonLines(readings: Iterable<LabelledReading>): Generator<string, void, undefined> {
  for (const reading of readings) yield `${JSON.stringify(reading)}\n`;
}

/**
 * The dataset as text lines, each ending in `\n`: a CSV header plus one line per reading, or one JSON Reading per
 * line. Lazy, so any size streams in constant memory; deterministic, so the same spec gives the same bytes.
 */
export function datasetLines(spec: DatasetSpec): Generator<string, void, undefined> {
  const readings = generateHistory({
    seed: spec.seed,
    rows: spec.rows,
    startMs: spec.startMs,
    intervalMs: spec.intervalMs,
  });
  return spec.format === 'csv' ? ai4iLines(readings) : jsonLines(readings);
}
