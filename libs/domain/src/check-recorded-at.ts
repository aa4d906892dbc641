import { describe, pointer, problem, type Problems } from './reading-problem.js';

/** Options of {@link validateReading}. */
export interface ValidateReadingOptions {
  /** The current instant, epoch ms UTC; injected so validation never reads a clock. */
  readonly nowMs: number;
  /** How far past `nowMs` a timestamp may be before it counts as from the future (device clock skew). @default 300_000 */
  readonly maxFutureSkewMs?: number;
}

/** Default of {@link ValidateReadingOptions.maxFutureSkewMs}: 5 minutes. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Readings stamped before 2000-01-01T00:00:00Z are rejected: such stamps come from unset device clocks. */
export const EARLIEST_RECORDED_AT_MS = Date.UTC(2000, 0, 1);

/**
 * RFC 3339 profile of ISO-8601: date, time and an explicit zone (`Z` or `±hh:mm`). Fractions of a millisecond are
 * accepted and truncated.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

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

/** Checks `recordedAt` and normalises it to epoch ms, or records why not. */
export function checkRecordedAt(
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
