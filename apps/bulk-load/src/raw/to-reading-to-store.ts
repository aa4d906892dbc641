import { validateReading, type ReadingProblem } from '@lakehouse/domain';
import type { ReadingToStore } from '@lakehouse/sql';
import { rawRecordToCandidate } from './raw-record-to-candidate.js';
import { RAW_READING_COLUMN_NAMES } from './raw-reading-columns.js';

/** Outcome of {@link toReadingToStore}. */
export type StoreCandidate =
  | { readonly ok: true; readonly item: ReadingToStore }
  | { readonly ok: false; readonly problems: readonly ReadingProblem[] };

const KNOWN = new Set(RAW_READING_COLUMN_NAMES);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates one decoded record with libs/domain's validateReading and turns it into a bulk row. Two shapes are
 * read: the raw snake_case layout (CSV, Parquet, JSON lines) and the domain's camelCase Reading (JSON lines as
 * the stream and `npm run datasets` write them), which may carry `failureProbability`.
 */
export function toReadingToStore(record: unknown, nowMs: number): StoreCandidate {
  let candidate: unknown = record;
  let probability: unknown = null;
  if (isPlainObject(record)) {
    if ('recordedAt' in record || 'assetId' in record) {
      const { failureProbability, ...rest } = record;
      candidate = rest;
      probability = failureProbability ?? null;
    } else {
      const mapped = rawRecordToCandidate(record, KNOWN);
      candidate = mapped.candidate;
      probability = mapped.failureProbability;
    }
  }
  const result = validateReading(candidate, { nowMs });
  const problems: ReadingProblem[] = result.ok ? [] : [...result.problems];
  if (probability !== null) {
    if (typeof probability !== 'number') {
      problems.push({
        path: '/failureProbability',
        reason: 'wrong_type',
        message: `failureProbability must be a number, got ${JSON.stringify(probability)}`,
      });
    } else if (!(probability >= 0 && probability <= 1)) {
      problems.push({
        path: '/failureProbability',
        reason: 'out_of_range',
        message: `failureProbability must be within 0..1, got ${String(probability)}`,
      });
    }
  }
  if (!result.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    item: {
      reading: result.reading,
      source: 'bulk',
      failureProbability: typeof probability === 'number' ? probability : null,
    },
  };
}
