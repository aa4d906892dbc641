import {
  ASSET_TYPES,
  DEFAULT_MAX_FUTURE_SKEW_MS,
  EARLIEST_RECORDED_AT_MS,
  FAILURE_MODES,
  MEASURES,
  PHYSICAL_RANGES,
} from '@lakehouse/domain';
import { DERIVED_FEATURE_SQL, READING_COLUMN_FIELDS, readingsTable } from '@lakehouse/sql';
import { RAW_READING_COLUMN_NAMES } from './raw-reading-columns.js';

/**
 * The canonical raw CSV: the header {@link RAW_READING_COLUMN_NAMES} in that order, instants written as
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `Date.prototype.toISOString` and rawCsvLine write), plain decimals, empty fields
 * for NULL, no quotes, LF line ends. Lines in this form can be checked byte by byte and handed to the server as they
 * are: the server parses them (LOAD DATA with {@link rawCsvLoadDataColumns}), so the loader neither builds objects
 * nor formats text for them. Anything else (quotes, exponents, `+`, offsets, `true`, CR, non-ASCII, a bad value)
 * takes the general path, which validates with libs/domain and names every problem.
 */

/** Where {@link checkCanonicalCsvLine} puts what the loader needs of an accepted line. */
export interface CanonicalLineFacts {
  /** Byte range of asset_id in the buffer. */
  assetStart: number;
  assetEnd: number;
  /** Byte range of site_id and line_id (empty range: no value). */
  siteStart: number;
  siteEnd: number;
  lineStart: number;
  lineEnd: number;
  /** FNV-1a hash of the asset_id bytes: lets the loader find the asset's entry without decoding the id. */
  assetHash: number;
  /** The asset type character code. */
  assetTypeCode: number;
  recordedAtMs: number;
}

/** A fresh facts record, reused line after line. */
export function emptyLineFacts(): CanonicalLineFacts {
  return {
    assetStart: 0,
    assetEnd: 0,
    siteStart: 0,
    siteEnd: 0,
    lineStart: 0,
    lineEnd: 0,
    assetHash: 0,
    assetTypeCode: 0,
    recordedAtMs: 0,
  };
}

/** The canonical header line, without its line end. */
export const CANONICAL_CSV_HEADER = RAW_READING_COLUMN_NAMES.join(',');

const COLUMN = new Map(RAW_READING_COLUMN_NAMES.map((name, i) => [name, i]));
const at = (name: string): number => {
  const i = COLUMN.get(name);
  if (i === undefined) throw new Error(`canonical-csv-line: the raw layout has no column ${name}`);
  return i;
};
const FIELD_COUNT = RAW_READING_COLUMN_NAMES.length;
const F_ASSET_ID = at('asset_id');
const F_RECORDED_AT = at('recorded_at');
const F_SITE_ID = at('site_id');
const F_LINE_ID = at('line_id');
const F_AIR = at('air_temperature_k');
const F_PROCESS = at('process_temperature_k');
const F_SPEED = at('rotational_speed_rpm');
const F_TORQUE = at('torque_nm');
const F_WEAR = at('tool_wear_min');
const F_MACHINE_FAILURE = at('machine_failure');
const F_MODES = ['twf', 'hdf', 'pwf', 'osf', 'rnf'].map(at);
const AIR = PHYSICAL_RANGES.airTemperatureK;
const PROCESS = PHYSICAL_RANGES.processTemperatureK;
const SPEED = PHYSICAL_RANGES.rotationalSpeedRpm;
const TORQUE = PHYSICAL_RANGES.torqueNm;
const WEAR = PHYSICAL_RANGES.toolWearMin;
const TYPE_CODES = new Set(ASSET_TYPES.map((t) => t.charCodeAt(0)));
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
const MAX_ID_BYTES = 64;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Per byte: 1 for `[A-Za-z0-9]` (may start an id), 2 for `.`, `_`, `:`, `-` (may follow), 0 otherwise. */
const ID_CHAR = new Uint8Array(256);
for (let c = 0; c < 256; c += 1) {
  if (isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ID_CHAR[c] = 1;
  else if (c === 46 || c === 95 || c === 58 || c === 45) ID_CHAR[c] = 2;
}

// What a scanner below found besides the end of its field: an id's hash, a decimal's value.
let scannedHash = 0;
let scannedValue = 0;

/**
 * An id field from `i`: libs/domain's ASSET_ID_PATTERN `^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$`, or empty when
 * `isOptional`. Answers where the field ends (the next comma, or `end`), or -1 when it is no id; the 32-bit FNV-1a
 * hash of its bytes is left in `scannedHash`.
 */
function scanId(buf: Buffer, i: number, end: number, isOptional: boolean): number {
  let hash = 0x811c9dc5;
  let p = i;
  for (; p < end; p += 1) {
    const c = buf[p] as number;
    if (c === 44) break;
    if (ID_CHAR[c] === 0) return -1;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  const length = p - i;
  if (length === 0) return isOptional ? p : -1;
  if (length > MAX_ID_BYTES || ID_CHAR[buf[i] as number] !== 1) return -1;
  scannedHash = hash >>> 0;
  return p;
}

/**
 * A plain decimal `d+` or `d+.d+` from `i`: answers where the field ends (the next comma, or `end`) and leaves its
 * value in `scannedValue`, or -1 for any other text. Up to 15 digits it is computed here: m / 10^k of an integer
 * m < 2^53 and k <= 15 is one correctly rounded division, so the value equals what `Number(text)` and the server's
 * strtod give.
 */
function scanDecimal(buf: Buffer, i: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  let p = i;
  for (; p < end; p += 1) {
    const c = buf[p] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if (c === 46 && fraction < 0 && digits > 0) {
      fraction = 0;
    } else if (c === 44) {
      break;
    } else {
      return -1;
    }
  }
  if (digits === 0 || fraction === 0) return -1;
  // Longer numbers (a double printed in full has up to 17 digits): the syntax is checked, the engine parses.
  if (digits > 15) scannedValue = Number(buf.toString('latin1', i, p));
  else scannedValue = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
  return p;
}

/**
 * An empty field (no probability) or a plain decimal within 0..1 from `i`, decided from the text alone: an integer
 * part of zeros, or of value 1 with a fraction of zeros (a probability printed in full has 17 digits; this needs
 * no parse). Answers where the field ends (the next comma, or `end`), or -1.
 */
function scanProbability(buf: Buffer, i: number, end: number): number {
  if (i === end || buf[i] === 44) return i;
  let integer = 0;
  let p = i;
  for (; p < end; p += 1) {
    const c = buf[p] as number;
    if (c < 48 || c > 57) break;
    integer = Math.min(integer * 10 + (c - 48), 2);
  }
  if (p === i || integer > 1) return -1;
  if (p === end || buf[p] === 44) return p;
  if (buf[p] !== 46) return -1;
  p += 1;
  const fractionStart = p;
  for (; p < end; p += 1) {
    const c = buf[p] as number;
    if (c === 44) break;
    if (c < 48 || c > 57 || (integer === 1 && c !== 48)) return -1;
  }
  return p === fractionStart ? -1 : p;
}

/** Two or four digits at a fixed place, or -1. */
function digits2(buf: Buffer, i: number): number {
  const a = buf[i] as number;
  const b = buf[i + 1] as number;
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -1;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

// The day of the previous instant (yyyymmdd) and its epoch ms: lines of a file are mostly in time order, so the
// calendar arithmetic runs once a day of data rather than once a line.
let lastDayKey = -1;
let lastDayMs = 0;

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a real instant, as epoch ms; NaN otherwise. */
function instant(buf: Buffer, start: number, end: number): number {
  if (end - start !== 24) return NaN;
  if (
    buf[start + 4] !== 45 ||
    buf[start + 7] !== 45 ||
    buf[start + 10] !== 84 ||
    buf[start + 13] !== 58 ||
    buf[start + 16] !== 58 ||
    buf[start + 19] !== 46 ||
    buf[start + 23] !== 90
  )
    return NaN;
  const hi = digits2(buf, start);
  const lo = digits2(buf, start + 2);
  const month = digits2(buf, start + 5);
  const day = digits2(buf, start + 8);
  const hour = digits2(buf, start + 11);
  const minute = digits2(buf, start + 14);
  const second = digits2(buf, start + 17);
  const msHi = digits2(buf, start + 20);
  const msLo = buf[start + 22] as number;
  if (hi < 0 || lo < 0 || msHi < 0 || !isDigit(msLo)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  const timeMs = ((hour * 60 + minute) * 60 + second) * 1000 + msHi * 10 + (msLo - 48);
  if (month < 1 || month > 12 || day < 1) return NaN;
  const year = hi * 100 + lo;
  const dayKey = year * 10000 + month * 100 + day;
  if (dayKey === lastDayKey) return lastDayMs + timeMs;
  const monthDays =
    month === 2
      ? isLeap(year)
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  if (day > monthDays) return NaN;
  lastDayKey = dayKey;
  lastDayMs = Date.UTC(year, month - 1, day);
  return lastDayMs + timeMs;
}

/** How {@link checkCanonicalCsvLine} reads each field of the layout. */
const FieldKind = {
  assetId: 0,
  optionalId: 1,
  instant: 2,
  assetType: 3,
  decimal: 4,
  label: 5,
  probability: 6,
} as const;
const C = READING_COLUMN_FIELDS;
const KIND_OF_COLUMN: Readonly<Record<string, number>> = {
  [C.assetId]: FieldKind.assetId,
  [C.siteId]: FieldKind.optionalId,
  [C.lineId]: FieldKind.optionalId,
  [C.recordedAt]: FieldKind.instant,
  [C.assetType]: FieldKind.assetType,
  ...Object.fromEntries(MEASURES.map((m) => [C[m], FieldKind.decimal])),
  ...Object.fromEntries((['machineFailure', ...FAILURE_MODES] as const).map((l) => [C[l], FieldKind.label])),
  [C.failureProbability]: FieldKind.probability,
};
const KINDS = Int8Array.from(RAW_READING_COLUMN_NAMES, (name) => {
  const kind = KIND_OF_COLUMN[name];
  if (kind === undefined)
    throw new Error(`canonical-csv-line: no check for raw column ${name}; teach checkCanonicalCsvLine`);
  return kind;
});
const IS_TYPE_CODE = new Uint8Array(256);
for (const code of TYPE_CODES) IS_TYPE_CODE[code] = 1;

/** Per field of the line being checked: start and end offsets, and the number read (-1 for an empty label). */
const starts = new Int32Array(FIELD_COUNT);
const ends = new Int32Array(FIELD_COUNT);
const numbers = new Float64Array(FIELD_COUNT);

/**
 * Whether the line `buf[start, end)` (without its `\n`) is canonical and valid by libs/domain's rules (the same
 * rules validateReading and the bulk record mapping apply, for this narrower syntax) at `nowMs`. When it is,
 * `facts` holds what the loader needs of it. A false answer means "take the general path", not "invalid".
 * One pass over the bytes: each field is read by the rule of its kind up to the next comma, so control characters
 * (CR, tab), non-ASCII, quotes and backslashes fail the field they are in.
 */
export function checkCanonicalCsvLine(
  buf: Buffer,
  start: number,
  end: number,
  nowMs: number,
  facts: CanonicalLineFacts,
): boolean {
  let assetHash = 0;
  let typeCode = 0;
  let i = start;
  for (let field = 0; field < FIELD_COUNT; field += 1) {
    let p: number;
    switch (KINDS[field]) {
      case FieldKind.assetId:
        p = scanId(buf, i, end, false);
        assetHash = scannedHash;
        break;
      case FieldKind.optionalId:
        p = scanId(buf, i, end, true);
        break;
      case FieldKind.instant:
        p = i + 24 <= end ? i + 24 : -1;
        if (p >= 0) numbers[field] = instant(buf, i, p);
        break;
      case FieldKind.assetType:
        typeCode = buf[i] as number;
        p = i < end && IS_TYPE_CODE[typeCode] === 1 ? i + 1 : -1;
        break;
      case FieldKind.decimal:
        p = scanDecimal(buf, i, end);
        numbers[field] = scannedValue;
        break;
      case FieldKind.label: {
        const c = i < end ? (buf[i] as number) : 44;
        if (c === 44) {
          numbers[field] = -1;
          p = i;
        } else {
          numbers[field] = c === 48 ? 0 : c === 49 ? 1 : NaN;
          p = c === 48 || c === 49 ? i + 1 : -1;
        }
        break;
      }
      default:
        p = scanProbability(buf, i, end);
    }
    if (p < 0) return false;
    starts[field] = i;
    ends[field] = p;
    // Fields end at a comma, the last one at the end of the line.
    if (field === FIELD_COUNT - 1 ? p !== end : p >= end || buf[p] !== 44) return false;
    i = p + 1;
  }

  const recordedAtMs = numbers[F_RECORDED_AT] as number;
  if (!(recordedAtMs >= EARLIEST_RECORDED_AT_MS) || recordedAtMs > nowMs + DEFAULT_MAX_FUTURE_SKEW_MS)
    return false;
  const air = numbers[F_AIR] as number;
  const process = numbers[F_PROCESS] as number;
  const speed = numbers[F_SPEED] as number;
  const torque = numbers[F_TORQUE] as number;
  const wear = numbers[F_WEAR] as number;
  if (
    !(air >= AIR.min && air <= AIR.max) ||
    !(process >= PROCESS.min && process <= PROCESS.max) ||
    !(speed >= SPEED.min && speed <= SPEED.max) ||
    !(torque >= TORQUE.min && torque <= TORQUE.max) ||
    !(wear >= WEAR.min && wear <= WEAR.max) ||
    process < air
  )
    return false;
  const machineFailure = numbers[F_MACHINE_FAILURE] as number;
  for (const f of F_MODES) {
    const mode = numbers[f] as number;
    // All labels present or all absent; a failure mode without machine failure is inconsistent.
    if (mode < 0 !== machineFailure < 0 || (mode === 1 && machineFailure === 0)) return false;
  }

  facts.assetStart = starts[F_ASSET_ID] as number;
  facts.assetEnd = ends[F_ASSET_ID] as number;
  facts.siteStart = starts[F_SITE_ID] as number;
  facts.siteEnd = ends[F_SITE_ID] as number;
  facts.lineStart = starts[F_LINE_ID] as number;
  facts.lineEnd = ends[F_LINE_ID] as number;
  facts.assetHash = assetHash;
  facts.assetTypeCode = typeCode;
  facts.recordedAtMs = recordedAtMs;
  return true;
}

const NULLABLE = new Set(readingsTable.columns.filter((c) => c.nullable).map((c) => c.name));
const READINGS_COLUMNS = new Set(readingsTable.columns.map((c) => c.name));

/**
 * Column list and SET clause of the LOAD DATA that stores canonical CSV lines: measures straight into their
 * columns, the instant through STR_TO_DATE, empty label and probability fields as NULL, site and line read and
 * dropped (they belong to `assets`), derived features computed by the server with libs/domain's arithmetic
 * (DERIVED_FEATURE_SQL), source `bulk`.
 */
export function rawCsvLoadDataColumns(): { readonly columns: string[]; readonly set: string[] } {
  const columns: string[] = [];
  const set: string[] = [];
  for (const name of RAW_READING_COLUMN_NAMES) {
    if (name === 'recorded_at') {
      columns.push('@recorded_at');
      set.push("recorded_at = STR_TO_DATE(@recorded_at, '%Y-%m-%dT%H:%i:%s.%fZ')");
    } else if (!READINGS_COLUMNS.has(name)) {
      columns.push(`@${name}`);
    } else if (NULLABLE.has(name)) {
      columns.push(`@${name}`);
      set.push(`${name} = NULLIF(@${name}, '')`);
    } else {
      columns.push(name);
    }
  }
  for (const [name, expression] of Object.entries(DERIVED_FEATURE_SQL)) set.push(`${name} = ${expression}`);
  set.push("source = 'bulk'");
  return { columns, set };
}
