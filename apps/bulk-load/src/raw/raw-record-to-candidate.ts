import { FAILURE_MODES, MEASURES } from '@lakehouse/domain';
import { READING_COLUMN_FIELDS } from '@lakehouse/sql';

/** One raw record as read from a file: snake_case keys, values as text (CSV) or typed (Parquet, JSON). */
export type RawRecord = Readonly<Record<string, unknown>>;

/** A raw record turned into what validateReading takes, plus what the reading itself does not carry. */
export interface ReadingCandidate {
  readonly candidate: Record<string, unknown>;
  /** The failure probability column, still unchecked: a number, `null` (absent) or the raw value. */
  readonly failureProbability: unknown;
}

const LABEL_COLUMN = (['machineFailure', ...FAILURE_MODES] as const).map(
  (label) => [label, READING_COLUMN_FIELDS[label]] as const,
);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;

const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === '';

/** A text number becomes a number; anything else is passed on so that validation names it. */
function numeric(value: unknown): unknown {
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** 0/1 (number, text or boolean) becomes a boolean; anything else is passed on so that validation names it. */
function flag(value: unknown): unknown {
  if (value === 1 || value === '1' || value === true || value === 'true') return true;
  if (value === 0 || value === '0' || value === false || value === 'false') return false;
  return value;
}

/** Epoch-ms text and Dates become epoch ms; ISO text stays text (validateReading parses it). */
function instant(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && INTEGER.test(value.trim())) return Number(value.trim());
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/**
 * Maps a raw snake_case record to the camelCase candidate of libs/domain's validateReading. Empty fields are
 * absent; labels are present only when at least one label column has a value (then validation requires all).
 * Unknown columns are kept under their own name so that validation reports them as unknown fields.
 */
export function rawRecordToCandidate(raw: RawRecord, knownColumns: ReadonlySet<string>): ReadingCandidate {
  const candidate: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (!isAbsent(value)) candidate[key] = value;
  };
  put('recordedAt', instant(raw.recorded_at));
  put('assetId', raw.asset_id);
  put('assetType', raw.asset_type);
  put('siteId', raw.site_id);
  put('lineId', raw.line_id);
  for (const m of MEASURES) put(m, numeric(raw[READING_COLUMN_FIELDS[m]]));
  if (LABEL_COLUMN.some(([, column]) => !isAbsent(raw[column]))) {
    const labels: Record<string, unknown> = {};
    for (const [key, column] of LABEL_COLUMN) if (!isAbsent(raw[column])) labels[key] = flag(raw[column]);
    candidate.labels = labels;
  }
  for (const key of Object.keys(raw)) {
    if (!knownColumns.has(key) && !isAbsent(raw[key])) candidate[key] = raw[key];
  }
  const p = raw.failure_probability;
  return { candidate, failureProbability: isAbsent(p) ? null : numeric(p) };
}
