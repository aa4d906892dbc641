import {
  ASSET_ID_PATTERN,
  ASSET_TYPES,
  FAILURE_MODES,
  MEASURES,
  PHYSICAL_RANGES,
  type AssetType,
  type FailureLabels,
  type Reading,
} from './reading.js';

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

/** Options of {@link validateReading}. */
export interface ValidateReadingOptions {
  /** The current instant, epoch ms UTC; injected so validation never reads a clock. */
  readonly nowMs: number;
  /** How far past `nowMs` a timestamp may be before it counts as from the future (device clock skew). @default 300_000 */
  readonly maxFutureSkewMs?: number;
}

/** Result of {@link validateReading}: the normalised reading, or every problem found. */
export type ReadingValidationResult =
  | { readonly ok: true; readonly reading: Reading }
  | { readonly ok: false; readonly problems: readonly ReadingProblem[] };

/** Result of {@link validateReadings}: valid readings in input order, and rejects with their index in the batch. */
export interface ReadingBatchValidation {
  readonly readings: Reading[];
  readonly rejected: { readonly index: number; readonly problems: readonly ReadingProblem[] }[];
}

/** Default of {@link ValidateReadingOptions.maxFutureSkewMs}: 5 minutes. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Readings stamped before 2000-01-01T00:00:00Z are rejected: such stamps come from unset device clocks. */
export const EARLIEST_RECORDED_AT_MS = Date.UTC(2000, 0, 1);

const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set([
  'recordedAt',
  'assetId',
  'assetType',
  'siteId',
  'lineId',
  ...MEASURES,
  'labels',
]);
const LABEL_FIELDS = ['machineFailure', ...FAILURE_MODES] as const;
const LABEL_FIELD_SET: ReadonlySet<string> = new Set(LABEL_FIELDS);
const ASSET_ID_REGEX = new RegExp(ASSET_ID_PATTERN);

const UNITS: Readonly<Record<(typeof MEASURES)[number], string>> = {
  airTemperatureK: 'K',
  processTemperatureK: 'K',
  rotationalSpeedRpm: 'rpm',
  torqueNm: 'Nm',
  toolWearMin: 'min',
};

/**
 * RFC 3339 profile of ISO-8601: date, time and an explicit zone (`Z` or `±hh:mm`). Fractions of a millisecond are
 * accepted and truncated.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const escapeKey = (key: string): string => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
// Validation runs per reading on the ingest hot path: the pointers of the known fields are built once.
const KNOWN_POINTERS = new Map<string, string>();

/** Escapes keys into a JSON pointer (RFC 6901). */
const pointer = (...keys: readonly string[]): string => {
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

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own property, treating `undefined` like absence (as JSON serialisation does). */
const field = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an RFC 3339 instant to epoch ms, or returns undefined when it names no real instant. */
function parseIsoInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, offH, offM] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const isValid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    // Leap seconds (:60) have no epoch-ms representation.
    second <= 59 &&
    (zulu !== undefined || (Number(offH) <= 23 && Number(offM) <= 59));
  if (!isValid) return undefined;
  const offsetMinutes = zulu === undefined ? (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM)) : 0;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offsetMinutes * 60_000;
}

type Problems = ReadingProblem[];
const problem = (problems: Problems, path: string, reason: ReadingProblemReason, message: string): void => {
  problems.push({ path, reason, message });
};

function checkRecordedAt(
  value: unknown,
  options: ValidateReadingOptions,
  problems: Problems,
): number | undefined {
  const path = pointer('recordedAt');
  if (value === undefined || value === null) {
    problem(problems, path, 'missing', 'recordedAt is required');
    return undefined;
  }
  let epochMs: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      problem(problems, path, 'non_finite', `recordedAt must be finite, got ${String(value)}`);
      return undefined;
    }
    if (!Number.isInteger(value)) {
      problem(
        problems,
        path,
        'invalid_timestamp',
        `recordedAt must be whole epoch milliseconds, got ${String(value)}`,
      );
      return undefined;
    }
    epochMs = value;
  } else if (typeof value === 'string') {
    const parsed = parseIsoInstant(value);
    if (parsed === undefined) {
      const reason = ISO_INSTANT.test(value) ? 'invalid_timestamp' : 'wrong_type';
      problem(
        problems,
        path,
        reason,
        reason === 'invalid_timestamp'
          ? `recordedAt names no real instant: ${describe(value)}`
          : `recordedAt must be epoch ms or an ISO-8601 instant with zone (Z or ±hh:mm), got ${describe(value)}`,
      );
      return undefined;
    }
    epochMs = parsed;
  } else {
    problem(
      problems,
      path,
      'wrong_type',
      `recordedAt must be epoch ms or an ISO-8601 string, got ${describe(value)}`,
    );
    return undefined;
  }
  if (epochMs < EARLIEST_RECORDED_AT_MS) {
    problem(
      problems,
      path,
      'invalid_timestamp',
      `recordedAt ${String(epochMs)} is before 2000-01-01T00:00:00Z`,
    );
    return undefined;
  }
  const latestMs = options.nowMs + (options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS);
  if (epochMs > latestMs) {
    problem(
      problems,
      path,
      'future_timestamp',
      `recordedAt ${String(epochMs)} is ${String(epochMs - options.nowMs)} ms in the future, beyond the allowed skew`,
    );
    return undefined;
  }
  return epochMs;
}

function checkId(
  record: Record<string, unknown>,
  key: 'assetId' | 'siteId' | 'lineId',
  isRequired: boolean,
  problems: Problems,
): string | undefined {
  const value = field(record, key);
  const path = pointer(key);
  if (value === undefined || (value === null && isRequired)) {
    if (isRequired) problem(problems, path, 'missing', `${key} is required`);
    return undefined;
  }
  if (typeof value !== 'string') {
    problem(problems, path, 'wrong_type', `${key} must be a string, got ${describe(value)}`);
    return undefined;
  }
  if (!ASSET_ID_REGEX.test(value)) {
    problem(
      problems,
      path,
      'invalid_format',
      `${key} must match ${ASSET_ID_PATTERN}, got ${describe(value)}`,
    );
    return undefined;
  }
  return value;
}

function checkAssetType(value: unknown, problems: Problems): AssetType | undefined {
  const path = pointer('assetType');
  if (value === undefined || value === null) {
    problem(problems, path, 'missing', 'assetType is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    problem(problems, path, 'wrong_type', `assetType must be a string, got ${describe(value)}`);
    return undefined;
  }
  const type = ASSET_TYPES.find((candidate) => candidate === value);
  if (type === undefined) {
    problem(
      problems,
      path,
      'unknown_asset_type',
      `assetType must be one of ${ASSET_TYPES.join(', ')}, got ${describe(value)}`,
    );
  }
  return type;
}

function checkMeasure(
  value: unknown,
  key: (typeof MEASURES)[number],
  problems: Problems,
): number | undefined {
  const path = pointer(key);
  // A sensor that sends null has no value: that is a missing measure, not a type error.
  if (value === undefined || value === null) {
    problem(problems, path, 'missing', `${key} is required`);
    return undefined;
  }
  if (typeof value !== 'number') {
    problem(problems, path, 'wrong_type', `${key} must be a number, got ${describe(value)}`);
    return undefined;
  }
  if (!Number.isFinite(value)) {
    problem(problems, path, 'non_finite', `${key} must be finite, got ${String(value)}`);
    return undefined;
  }
  const { min, max } = PHYSICAL_RANGES[key];
  if (value < min || value > max) {
    problem(
      problems,
      path,
      'out_of_range',
      `${key} must be within ${String(min)}..${String(max)} ${UNITS[key]}, got ${String(value)}`,
    );
    return undefined;
  }
  return value;
}

function checkLabels(value: unknown, problems: Problems): FailureLabels | undefined {
  const path = pointer('labels');
  if (!isPlainObject(value)) {
    problem(problems, path, 'wrong_type', `labels must be an object, got ${describe(value)}`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!LABEL_FIELD_SET.has(key))
      problem(problems, pointer('labels', key), 'unknown_field', `labels.${key} is not a label`);
  }
  const labels: Partial<Record<(typeof LABEL_FIELDS)[number], boolean>> = {};
  for (const key of LABEL_FIELDS) {
    const flag = field(value, key);
    if (flag === undefined || flag === null) {
      problem(problems, pointer('labels', key), 'missing', `labels.${key} is required`);
    } else if (typeof flag !== 'boolean') {
      problem(
        problems,
        pointer('labels', key),
        'wrong_type',
        `labels.${key} must be a boolean, got ${describe(flag)}`,
      );
    } else {
      labels[key] = flag;
    }
  }
  const { machineFailure, TWF, HDF, PWF, OSF, RNF } = labels;
  if (
    machineFailure === undefined ||
    TWF === undefined ||
    HDF === undefined ||
    PWF === undefined ||
    OSF === undefined ||
    RNF === undefined
  ) {
    return undefined;
  }
  // A mode without machine failure is a contradiction. The reverse (failure with no mode) occurs in nine rows of the
  // published AI4I file; our generator never produces it, but it is accepted so that such data can be loaded.
  const modes = FAILURE_MODES.filter((mode) => labels[mode] === true);
  if (!machineFailure && modes.length > 0) {
    problem(
      problems,
      pointer('labels', 'machineFailure'),
      'inconsistent',
      `labels.machineFailure is false although ${modes.join(', ')} ${modes.length === 1 ? 'is' : 'are'} true`,
    );
    return undefined;
  }
  return { machineFailure, TWF, HDF, PWF, OSF, RNF };
}

/**
 * Validates one candidate reading (e.g. a parsed Kafka message) and normalises `recordedAt` to epoch ms. Never stops
 * at the first problem: the result lists every problem found, so a dead-letter record explains itself in full.
 */
export function validateReading(input: unknown, options: ValidateReadingOptions): ReadingValidationResult {
  if (!Number.isFinite(options.nowMs))
    throw new RangeError(`nowMs must be finite, got ${String(options.nowMs)}`);
  if (!isPlainObject(input)) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          reason: 'not_an_object',
          message: `a reading must be a JSON object, got ${describe(input)}`,
        },
      ],
    };
  }
  const problems: Problems = [];
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key))
      problem(problems, pointer(key), 'unknown_field', `${key} is not a reading field`);
  }
  const recordedAt = checkRecordedAt(field(input, 'recordedAt'), options, problems);
  const assetId = checkId(input, 'assetId', true, problems);
  const assetType = checkAssetType(field(input, 'assetType'), problems);
  const siteId = checkId(input, 'siteId', false, problems);
  const lineId = checkId(input, 'lineId', false, problems);
  const airTemperatureK = checkMeasure(field(input, 'airTemperatureK'), 'airTemperatureK', problems);
  const processTemperatureK = checkMeasure(
    field(input, 'processTemperatureK'),
    'processTemperatureK',
    problems,
  );
  const rotationalSpeedRpm = checkMeasure(field(input, 'rotationalSpeedRpm'), 'rotationalSpeedRpm', problems);
  const torqueNm = checkMeasure(field(input, 'torqueNm'), 'torqueNm', problems);
  const toolWearMin = checkMeasure(field(input, 'toolWearMin'), 'toolWearMin', problems);
  if (
    airTemperatureK !== undefined &&
    processTemperatureK !== undefined &&
    processTemperatureK < airTemperatureK
  ) {
    problem(
      problems,
      pointer('processTemperatureK'),
      'inconsistent',
      `processTemperatureK ${String(processTemperatureK)} is below airTemperatureK ${String(airTemperatureK)}: the process heats, it does not cool`,
    );
  }
  const rawLabels = field(input, 'labels');
  const labels = rawLabels === undefined ? undefined : checkLabels(rawLabels, problems);

  if (
    problems.length > 0 ||
    recordedAt === undefined ||
    assetId === undefined ||
    assetType === undefined ||
    airTemperatureK === undefined ||
    processTemperatureK === undefined ||
    rotationalSpeedRpm === undefined ||
    torqueNm === undefined ||
    toolWearMin === undefined
  ) {
    return { ok: false, problems };
  }
  // Built by assignment in field order (not conditional spreads, which allocate): this runs once per reading.
  const reading: { -readonly [K in keyof Reading]: Reading[K] } = {
    recordedAt,
    assetId,
    assetType,
  } as Reading;
  if (siteId !== undefined) reading.siteId = siteId;
  if (lineId !== undefined) reading.lineId = lineId;
  reading.airTemperatureK = airTemperatureK;
  reading.processTemperatureK = processTemperatureK;
  reading.rotationalSpeedRpm = rotationalSpeedRpm;
  reading.torqueNm = torqueNm;
  reading.toolWearMin = toolWearMin;
  if (labels !== undefined) reading.labels = labels;
  return { ok: true, reading };
}

/** Validates a batch with {@link validateReading}: keeps the valid readings and reports each reject by index. */
export function validateReadings(
  batch: readonly unknown[],
  options: ValidateReadingOptions,
): ReadingBatchValidation {
  const result: ReadingBatchValidation = { readings: [], rejected: [] };
  batch.forEach((input, index) => {
    const outcome = validateReading(input, options);
    if (outcome.ok) result.readings.push(outcome.reading);
    else result.rejected.push({ index, problems: outcome.problems });
  });
  return result;
}
