import { Type, type Static } from '@sinclair/typebox';
import { ASSET_ID_PATTERN } from './reading.js';

/**
 * Criticality classes of an asset, in the ABC scheme maintenance planners use: `A` = its failure stops a line or
 * endangers people (planned first, spares kept), `B` = its failure reduces output, `C` = a failure has a workaround
 * or spare capacity. Letters, not numbers: "1" reads as most critical to some and least to others.
 */
export const CRITICALITIES = ['A', 'B', 'C'] as const;
/** One of {@link CRITICALITIES}. */
export type Criticality = (typeof CRITICALITIES)[number];

/** Longest manufacturer or model name stored (the column width). */
export const MAX_MASTER_DATA_TEXT_LENGTH = 128;
/** Longest expected service life accepted: 100 years. */
export const MAX_SERVICE_LIFE_MONTHS = 1_200;
/** Install dates before this are refused as typing errors (`0201-...`, `1900-01-01` placeholders). */
export const EARLIEST_INSTALLED_ON = '1950-01-01';

/** Calendar date `YYYY-MM-DD` (a day, not an instant: install dates carry no time of day or zone). */
export const CALENDAR_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * Master data of one asset, as an asset register holds it: who built it, what it is, when it was installed, how
 * long it is expected to serve, how critical it is and where the register says it stands.
 */
export const AssetMasterDataSchema = Type.Object(
  {
    assetId: Type.String({ pattern: ASSET_ID_PATTERN, description: 'Machine identifier' }),
    manufacturer: Type.String({
      minLength: 1,
      maxLength: MAX_MASTER_DATA_TEXT_LENGTH,
      description: 'Who built the machine',
    }),
    model: Type.String({
      minLength: 1,
      maxLength: MAX_MASTER_DATA_TEXT_LENGTH,
      description: "The manufacturer's model designation",
    }),
    installedOn: Type.String({ pattern: CALENDAR_DATE_PATTERN, description: 'Install date, YYYY-MM-DD' }),
    serviceLifeMonths: Type.Integer({
      minimum: 1,
      maximum: MAX_SERVICE_LIFE_MONTHS,
      description: 'Expected service life from the install date',
      unit: 'month',
    }),
    criticality: Type.Union(
      CRITICALITIES.map((c) => Type.Literal(c)),
      { description: 'A (stops production) / B (reduces output) / C (has a workaround)' },
    ),
    siteId: Type.Optional(
      Type.String({ pattern: ASSET_ID_PATTERN, description: 'Site the register places it in' }),
    ),
    lineId: Type.Optional(
      Type.String({ pattern: ASSET_ID_PATTERN, description: 'Line the register places it on' }),
    ),
  },
  { additionalProperties: false },
);
/** Validated master data of one asset. */
export type AssetMasterData = Static<typeof AssetMasterDataSchema>;

/** Why a field of asset master data was rejected. The {@link AssetMasterDataProblemReason} union derives from it. */
export const ASSET_MASTER_DATA_PROBLEM_REASONS = [
  'not_an_object',
  'missing',
  'wrong_type',
  'invalid_format',
  'too_long',
  'out_of_range',
  'future_date',
  'unknown_criticality',
  'unknown_field',
] as const;
/** One of {@link ASSET_MASTER_DATA_PROBLEM_REASONS}. */
export type AssetMasterDataProblemReason = (typeof ASSET_MASTER_DATA_PROBLEM_REASONS)[number];

/** One thing wrong with candidate master data: JSON pointer, reason code and a message naming the value. */
export interface AssetMasterDataProblem {
  readonly path: string;
  readonly reason: AssetMasterDataProblemReason;
  readonly message: string;
}

/** Result of {@link validateAssetMasterData}. */
export type AssetMasterDataValidation =
  | { readonly ok: true; readonly value: AssetMasterData }
  | { readonly ok: false; readonly problems: readonly AssetMasterDataProblem[] };

const FIELDS = [
  'assetId',
  'manufacturer',
  'model',
  'installedOn',
  'serviceLifeMonths',
  'criticality',
  'siteId',
  'lineId',
] as const;
const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);
const ID_REGEX = new RegExp(ASSET_ID_PATTERN);
const DATE_REGEX = new RegExp(CALENDAR_DATE_PATTERN);

const shown = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : String(value);

/** Epoch ms of UTC midnight of a `YYYY-MM-DD` date, or undefined when the text names no real day. */
export function calendarDateMs(text: string): number | undefined {
  if (!DATE_REGEX.test(text)) return undefined;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  const isSameDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isSameDay ? date.getTime() : undefined;
}

/** The UTC calendar date of an instant, `YYYY-MM-DD`. */
export function toCalendarDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * Checks candidate master data (camelCase, as {@link AssetMasterDataSchema}) and returns it with names trimmed, or
 * every problem found. `nowMs` decides which install dates lie in the future (an asset not yet installed has no
 * service life to plan).
 */
export function validateAssetMasterData(
  input: unknown,
  options: { readonly nowMs: number },
): AssetMasterDataValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', reason: 'not_an_object', message: 'expected an object' }] };
  }
  const record = input as Record<string, unknown>;
  const problems: AssetMasterDataProblem[] = [];
  const add = (key: string, reason: AssetMasterDataProblemReason, message: string): void => {
    problems.push({ path: `/${key}`, reason, message });
  };
  for (const key of Object.keys(record))
    if (!FIELD_SET.has(key)) add(key, 'unknown_field', `${key} is not a master data field`);

  const text = (key: 'assetId' | 'manufacturer' | 'model' | 'siteId' | 'lineId', isRequired: boolean) => {
    const value = record[key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (isRequired) add(key, 'missing', `${key} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      add(key, 'wrong_type', `${key} must be a string, got ${typeof value}`);
      return undefined;
    }
    const trimmed = value.trim();
    if (key === 'manufacturer' || key === 'model') {
      if (trimmed.length > MAX_MASTER_DATA_TEXT_LENGTH) {
        add(
          key,
          'too_long',
          `${key} has ${trimmed.length} characters, at most ${MAX_MASTER_DATA_TEXT_LENGTH}`,
        );
        return undefined;
      }
      return trimmed;
    }
    if (!ID_REGEX.test(trimmed)) {
      add(key, 'invalid_format', `${key} must match ${ASSET_ID_PATTERN}, got ${shown(value)}`);
      return undefined;
    }
    return trimmed;
  };
  const assetId = text('assetId', true);
  const manufacturer = text('manufacturer', true);
  const model = text('model', true);
  const siteId = text('siteId', false);
  const lineId = text('lineId', false);

  let installedOn: string | undefined;
  const installed = record['installedOn'];
  if (installed === undefined || installed === null || installed === '') {
    add('installedOn', 'missing', 'installedOn is required');
  } else if (typeof installed !== 'string') {
    add('installedOn', 'wrong_type', `installedOn must be a YYYY-MM-DD string, got ${typeof installed}`);
  } else {
    const dayMs = calendarDateMs(installed);
    if (dayMs === undefined) {
      add(
        'installedOn',
        'invalid_format',
        `installedOn must be a real date YYYY-MM-DD, got ${shown(installed)}`,
      );
    } else if (installed < EARLIEST_INSTALLED_ON) {
      add('installedOn', 'out_of_range', `installedOn ${installed} is before ${EARLIEST_INSTALLED_ON}`);
    } else if (installed > toCalendarDate(options.nowMs)) {
      add(
        'installedOn',
        'future_date',
        `installedOn ${installed} is after today (${toCalendarDate(options.nowMs)})`,
      );
    } else {
      installedOn = installed;
    }
  }

  let serviceLifeMonths: number | undefined;
  const life = record['serviceLifeMonths'];
  if (life === undefined || life === null) {
    add('serviceLifeMonths', 'missing', 'serviceLifeMonths is required');
  } else if (typeof life !== 'number' || !Number.isInteger(life)) {
    add(
      'serviceLifeMonths',
      'wrong_type',
      `serviceLifeMonths must be a whole number of months, got ${shown(life)}`,
    );
  } else if (life < 1 || life > MAX_SERVICE_LIFE_MONTHS) {
    add(
      'serviceLifeMonths',
      'out_of_range',
      `serviceLifeMonths must be 1..${MAX_SERVICE_LIFE_MONTHS}, got ${life}`,
    );
  } else {
    serviceLifeMonths = life;
  }

  let criticality: Criticality | undefined;
  const crit = record['criticality'];
  if (crit === undefined || crit === null || crit === '') {
    add('criticality', 'missing', 'criticality is required');
  } else if (typeof crit === 'string' && (CRITICALITIES as readonly string[]).includes(crit)) {
    criticality = crit as Criticality;
  } else {
    add('criticality', 'unknown_criticality', `criticality must be one of A, B, C, got ${shown(crit)}`);
  }

  if (
    problems.length > 0 ||
    assetId === undefined ||
    manufacturer === undefined ||
    model === undefined ||
    installedOn === undefined ||
    serviceLifeMonths === undefined ||
    criticality === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: {
      assetId,
      manufacturer,
      model,
      installedOn,
      serviceLifeMonths,
      criticality,
      ...(siteId === undefined ? {} : { siteId }),
      ...(lineId === undefined ? {} : { lineId }),
    },
  };
}
