import { MEASURES } from './reading.js';

/** Why a field of a reading was rejected. The {@link ReadingProblemReason} union is derived from this list. */
export const READING_PROBLEM_REASONS = [
  'not_an_object',
  'missing',
  'wrong_type',
  'non_finite',
  'out_of_range',
  'unknown_asset_type',
  'invalid_timestamp',
  'future_timestamp',
  'invalid_format',
  'unknown_field',
  'inconsistent',
] as const;
/** One of {@link READING_PROBLEM_REASONS}. */
export type ReadingProblemReason = (typeof READING_PROBLEM_REASONS)[number];

/** One thing wrong with a candidate reading. */
export interface ReadingProblem {
  /** JSON pointer (RFC 6901) to the offending value: `''` for the whole input, `/torqueNm`, `/labels/TWF`. */
  readonly path: string;
  readonly reason: ReadingProblemReason;
  /** Human-readable explanation, naming the value that was received. */
  readonly message: string;
}

const escapeKey = (key: string): string => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
// Validation runs per reading on the ingest hot path: the pointers of the known fields are built once.
const KNOWN_POINTERS = new Map<string, string>();

/** Escapes keys into a JSON pointer (RFC 6901). */
export const pointer = (...keys: readonly string[]): string => {
  if (keys.length === 1) {
    const key = keys[0] as string;
    const known = KNOWN_POINTERS.get(key);
    if (known !== undefined) return known;
  }
  return keys.map(escapeKey).join('');
};
for (const key of ['recordedAt', 'assetId', 'assetType', 'siteId', 'lineId', 'labels', ...MEASURES]) {
  KNOWN_POINTERS.set(key, escapeKey(key));
}

/** Names a received value for a problem message: its type and, for scalars, the value (strings cut at 40). */
export const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
};

/** A JSON object: not null, not an array. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own property, treating `undefined` like absence (as JSON serialisation does). */
export const field = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** Problems found so far in one candidate reading. */
export type Problems = ReadingProblem[];

/** Records one problem. */
export const problem = (
  problems: Problems,
  path: string,
  reason: ReadingProblemReason,
  message: string,
): void => {
  problems.push({ path, reason, message });
};
