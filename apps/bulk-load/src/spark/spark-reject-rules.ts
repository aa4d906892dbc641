// The Data Flow job's reject rules: libs/domain's reading validation written as Spark SQL expressions.
import {
  ASSET_ID_PATTERN,
  ASSET_TYPES,
  DEFAULT_MAX_FUTURE_SKEW_MS,
  EARLIEST_RECORDED_AT_MS,
  PHYSICAL_RANGES,
} from '@lakehouse/domain';
import type { ColumnDefinition } from '@lakehouse/sql';
import { rawColumnKind } from '../raw/raw-reading-columns.js';

const MEASURE_RANGE: Readonly<Record<string, { min: number; max: number; camel: string }>> = {
  air_temperature_k: { ...PHYSICAL_RANGES.airTemperatureK, camel: 'airTemperatureK' },
  process_temperature_k: { ...PHYSICAL_RANGES.processTemperatureK, camel: 'processTemperatureK' },
  rotational_speed_rpm: { ...PHYSICAL_RANGES.rotationalSpeedRpm, camel: 'rotationalSpeedRpm' },
  torque_nm: { ...PHYSICAL_RANGES.torqueNm, camel: 'torqueNm' },
  tool_wear_min: { ...PHYSICAL_RANGES.toolWearMin, camel: 'toolWearMin' },
};
const LABELS: readonly (readonly [string, string])[] = [
  ['machine_failure', 'labels/machineFailure'],
  ['twf', 'labels/TWF'],
  ['hdf', 'labels/HDF'],
  ['pwf', 'labels/PWF'],
  ['osf', 'labels/OSF'],
  ['rnf', 'labels/RNF'],
];
const ID_COLUMNS: Readonly<Record<string, string>> = {
  asset_id: 'assetId',
  site_id: 'siteId',
  line_id: 'lineId',
};

/** JSON-pointer names of validateReading for the raw columns, so both paths report problems alike. */
const POINTER: Readonly<Record<string, string>> = {
  ...ID_COLUMNS,
  recorded_at: 'recordedAt',
  asset_type: 'assetType',
  failure_probability: 'failureProbability',
  ...Object.fromEntries(Object.entries(MEASURE_RANGE).map(([k, v]) => [k, v.camel])),
  ...Object.fromEntries(LABELS),
};

/** A Spark SQL string literal; our own texts only (no user input reaches the generator). */
export const sparkLiteral = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** The domain's id pattern with `[0-9]` instead of `\d`-style escapes (none used) and Java regex syntax. */
const ID_REGEX = ASSET_ID_PATTERN;
/** An ISO-8601 instant with an explicit zone, the only timestamp text the job accepts. */
export const ISO_INSTANT_REGEX =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$';

/** One reject rule: when `when` holds, the row gets `<path> <reason>: <message>`. */
export interface RejectRule {
  readonly when: string;
  readonly path: string;
  readonly reason: string;
  readonly message: string;
}

/** The rule as a Spark expression: its reason text when it holds, else NULL. */
export const reasonExpr = (r: RejectRule): string =>
  `CASE WHEN ${r.when} THEN ${sparkLiteral(`/${r.path} ${r.reason}: ${r.message}`)} END`;

/**
 * The reject rules of the job, one per check of libs/domain's validateReading (same JSON-pointer paths and reason
 * codes), for the raw columns the file supplies.
 */
export function domainRules(columns: readonly ColumnDefinition[]): RejectRule[] {
  const names = new Set(columns.map((c) => c.name));
  const rules: RejectRule[] = [
    {
      when: 'malformed_record IS NOT NULL',
      path: '',
      reason: 'invalid_format',
      message: 'the line is not a CSV record of the header layout',
    },
  ];
  for (const c of columns) {
    const raw = `r_${c.name}`;
    const camel = POINTER[c.name] ?? c.name;
    if (c.nullable !== true && !LABELS.some(([n]) => n === c.name)) {
      rules.push({
        when: `${raw} IS NULL`,
        path: camel,
        reason: 'missing',
        message: `${c.name} is required`,
      });
    }
    const kind = rawColumnKind(c.type);
    if (kind === 'double' || kind === 'int') {
      rules.push({
        when: `${raw} IS NOT NULL AND ${c.name} IS NULL`,
        path: camel,
        reason: 'wrong_type',
        message: `${c.name} is not a number`,
      });
    }
  }
  rules.push(
    {
      when: `r_recorded_at IS NOT NULL AND NOT r_recorded_at RLIKE ${sparkLiteral(ISO_INSTANT_REGEX)}`,
      path: 'recordedAt',
      reason: 'wrong_type',
      message: 'recorded_at must be an ISO-8601 instant with zone',
    },
    {
      when: 'r_recorded_at RLIKE ' + sparkLiteral(ISO_INSTANT_REGEX) + ' AND recorded_at IS NULL',
      path: 'recordedAt',
      reason: 'invalid_timestamp',
      message: 'recorded_at names no real instant',
    },
    {
      when: `recorded_at < timestamp_millis(${String(EARLIEST_RECORDED_AT_MS)})`,
      path: 'recordedAt',
      reason: 'invalid_timestamp',
      message: 'recorded_at is before 2000-01-01T00:00:00Z',
    },
    {
      when: `recorded_at > current_timestamp() + make_dt_interval(0, 0, 0, ${String(DEFAULT_MAX_FUTURE_SKEW_MS / 1000)})`,
      path: 'recordedAt',
      reason: 'future_timestamp',
      message: 'recorded_at is in the future beyond the allowed skew',
    },
    {
      when: `asset_type IS NOT NULL AND asset_type NOT IN (${ASSET_TYPES.map(sparkLiteral).join(', ')})`,
      path: 'assetType',
      reason: 'unknown_asset_type',
      message: `asset_type must be one of ${ASSET_TYPES.join(', ')}`,
    },
  );
  for (const [column, camel] of Object.entries(ID_COLUMNS)) {
    if (names.has(column))
      rules.push({
        when: `${column} IS NOT NULL AND NOT ${column} RLIKE ${sparkLiteral(ID_REGEX)}`,
        path: camel,
        reason: 'invalid_format',
        message: `${column} must match ${ID_REGEX}`,
      });
  }
  for (const [column, range] of Object.entries(MEASURE_RANGE)) {
    rules.push(
      {
        when: `isnan(${column}) OR abs(${column}) = double('Infinity')`,
        path: range.camel,
        reason: 'non_finite',
        message: `${column} must be finite`,
      },
      {
        when: `NOT isnan(${column}) AND (${column} < ${String(range.min)} OR ${column} > ${String(range.max)})`,
        path: range.camel,
        reason: 'out_of_range',
        message: `${column} must be within ${String(range.min)}..${String(range.max)}`,
      },
    );
  }
  rules.push({
    when: 'process_temperature_k < air_temperature_k',
    path: 'processTemperatureK',
    reason: 'inconsistent',
    message: 'process temperature is below air temperature',
  });
  const anyLabel = LABELS.map(([c]) => `r_${c} IS NOT NULL`).join(' OR ');
  for (const [column, path] of LABELS) {
    rules.push(
      {
        when: `(${anyLabel}) AND r_${column} IS NULL`,
        path,
        reason: 'missing',
        message: `${column} is required when any label is given`,
      },
      {
        when: `${column} IS NOT NULL AND ${column} NOT IN (0, 1)`,
        path,
        reason: 'wrong_type',
        message: `${column} must be 0 or 1`,
      },
    );
  }
  rules.push(
    {
      when: 'machine_failure = 0 AND (twf = 1 OR hdf = 1 OR pwf = 1 OR osf = 1 OR rnf = 1)',
      path: 'labels/machineFailure',
      reason: 'inconsistent',
      message: 'machine_failure is 0 although a failure mode is 1',
    },
    {
      when: 'failure_probability IS NOT NULL AND NOT (failure_probability BETWEEN 0 AND 1)',
      path: 'failureProbability',
      reason: 'out_of_range',
      message: 'failure_probability must be within 0..1',
    },
  );
  return rules;
}
