import {
  ASSET_TYPES,
  FAILURE_MODES,
  type AssetType,
  type FailureLabels,
  type LabelledReading,
} from './reading.js';

/** Columns of the AI4I 2020 CSV layout, in file order. */
export const AI4I_CSV_COLUMNS = [
  'UDI',
  'Product ID',
  'Type',
  'Air temperature [K]',
  'Process temperature [K]',
  'Rotational speed [rpm]',
  'Torque [Nm]',
  'Tool wear [min]',
  'Machine failure',
  'TWF',
  'HDF',
  'PWF',
  'OSF',
  'RNF',
] as const;

/** Header line of the AI4I 2020 CSV layout, exactly as the published file spells it. */
export const AI4I_CSV_HEADER = AI4I_CSV_COLUMNS.join(',');

/**
 * One row of the AI4I layout. It names no asset and no instant (the AI4I process is one machine, one row per
 * process step); {@link ai4iRecordToReading} adds both.
 */
export interface Ai4iRecord {
  /** Row number, 1-based. */
  readonly udi: number;
  /** Product serial: the variant letter and digits, e.g. `L47181`. */
  readonly productId: string;
  readonly assetType: AssetType;
  readonly airTemperatureK: number;
  readonly processTemperatureK: number;
  readonly rotationalSpeedRpm: number;
  readonly torqueNm: number;
  readonly toolWearMin: number;
  readonly labels: FailureLabels;
}

/** A malformed field of an AI4I CSV line. */
export interface Ai4iRowProblem {
  /** 1-based line number in the file, as the caller passed it. */
  readonly line: number;
  /** 1-based column (field) number. */
  readonly column: number;
  /** Header name of the column, or `(row)` when the field count is wrong. */
  readonly columnName: string;
  /** `line 12, column 6 (Rotational speed [rpm]): ...`. */
  readonly message: string;
}

/** Result of {@link parseAi4iRow}. */
export type Ai4iRowParseResult =
  | { readonly ok: true; readonly record: Ai4iRecord }
  | { readonly ok: false; readonly problems: readonly Ai4iRowProblem[] };

/** The columns of an AI4I row that a domain reading does not carry. */
export interface Ai4iRowIdentity {
  /** Row number, 1-based. */
  readonly udi: number;
  /** Variant letter and digits, e.g. `L47181`. */
  readonly productId: string;
}

const PRODUCT_ID = /^[A-Za-z][0-9]+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const LABEL_COLUMNS = ['machineFailure', ...FAILURE_MODES] as const;

/** AI4I prints temperatures and torque with one decimal and drops a trailing `.0` (`40`, not `40.0`). */
const oneDecimal = (value: number): string => String(Math.round(value * 10) / 10 + 0);
const whole = (value: number): string => String(Math.round(value) + 0);
const flag = (value: boolean): string => (value ? '1' : '0');

/**
 * Formats a labelled reading as one line of the AI4I layout (no line terminator), rounded like AI4I: temperatures
 * and torque to 0.1, speed and wear to whole numbers. The reading's asset and instant are not part of the layout.
 */
export function readingToAi4iRow(reading: LabelledReading, identity: Ai4iRowIdentity): string {
  if (!Number.isSafeInteger(identity.udi) || identity.udi < 1) {
    throw new RangeError(`udi must be a positive integer, got ${String(identity.udi)}`);
  }
  if (!PRODUCT_ID.test(identity.productId)) {
    throw new RangeError(
      `productId must be a letter followed by digits, got ${JSON.stringify(identity.productId)}`,
    );
  }
  const { labels } = reading;
  return [
    String(identity.udi),
    identity.productId,
    reading.assetType,
    oneDecimal(reading.airTemperatureK),
    oneDecimal(reading.processTemperatureK),
    whole(reading.rotationalSpeedRpm),
    oneDecimal(reading.torqueNm),
    whole(reading.toolWearMin),
    ...LABEL_COLUMNS.map((key) => flag(labels[key])),
  ].join(',');
}

/**
 * Parses one data line of the AI4I layout (header excluded; a trailing `\r` is ignored). Checks the layout only:
 * field count, integers, decimals, variant letter and 0/1 flags. Physical plausibility and label consistency are
 * {@link validateReading}'s job, so the published AI4I file, which has a few inconsistent labels, still parses.
 */
export function parseAi4iRow(text: string, line: number): Ai4iRowParseResult {
  const fields = (text.endsWith('\r') ? text.slice(0, -1) : text).split(',');
  const problems: Ai4iRowProblem[] = [];
  const report = (column: number, columnName: string, detail: string): void => {
    problems.push({
      line,
      column,
      columnName,
      message: `line ${String(line)}, column ${String(column)} (${columnName}): ${detail}`,
    });
  };
  if (fields.length !== AI4I_CSV_COLUMNS.length) {
    report(
      Math.min(fields.length, AI4I_CSV_COLUMNS.length) + 1,
      '(row)',
      `expected ${String(AI4I_CSV_COLUMNS.length)} comma-separated fields, got ${String(fields.length)}`,
    );
    return { ok: false, problems };
  }
  const at = (index: number): string => fields[index] ?? '';
  const name = (index: number): string => AI4I_CSV_COLUMNS[index] ?? '(row)';

  const integer = (index: number, min: number): number | undefined => {
    const raw = at(index);
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
      report(index + 1, name(index), `expected an integer ≥ ${String(min)}, got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return value;
  };
  const decimal = (index: number): number | undefined => {
    const raw = at(index);
    if (!DECIMAL.test(raw)) {
      report(index + 1, name(index), `expected a decimal number, got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return Number(raw);
  };
  const bit = (index: number): boolean | undefined => {
    const raw = at(index);
    if (raw !== '0' && raw !== '1') {
      report(index + 1, name(index), `expected 0 or 1, got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return raw === '1';
  };

  const udi = integer(0, 1);
  const productId = at(1);
  if (!PRODUCT_ID.test(productId)) {
    report(2, name(1), `expected a letter followed by digits, got ${JSON.stringify(productId)}`);
  }
  const assetType = ASSET_TYPES.find((type) => type === at(2));
  if (assetType === undefined)
    report(3, name(2), `expected one of ${ASSET_TYPES.join(', ')}, got ${JSON.stringify(at(2))}`);
  const airTemperatureK = decimal(3);
  const processTemperatureK = decimal(4);
  const rotationalSpeedRpm = decimal(5);
  const torqueNm = decimal(6);
  const toolWearMin = decimal(7);
  const flags = LABEL_COLUMNS.map((_, offset) => bit(8 + offset));
  const [machineFailure, TWF, HDF, PWF, OSF, RNF] = flags;

  if (
    problems.length > 0 ||
    udi === undefined ||
    assetType === undefined ||
    airTemperatureK === undefined ||
    processTemperatureK === undefined ||
    rotationalSpeedRpm === undefined ||
    torqueNm === undefined ||
    toolWearMin === undefined ||
    machineFailure === undefined ||
    TWF === undefined ||
    HDF === undefined ||
    PWF === undefined ||
    OSF === undefined ||
    RNF === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    record: {
      udi,
      productId,
      assetType,
      airTemperatureK,
      processTemperatureK,
      rotationalSpeedRpm,
      torqueNm,
      toolWearMin,
      labels: { machineFailure, TWF, HDF, PWF, OSF, RNF },
    },
  };
}

/** Places an AI4I record in the domain: the caller says which asset produced it and when (epoch ms UTC). */
export function ai4iRecordToReading(
  record: Ai4iRecord,
  placement: { readonly assetId: string; readonly recordedAt: number },
): LabelledReading {
  return {
    recordedAt: placement.recordedAt,
    assetId: placement.assetId,
    assetType: record.assetType,
    airTemperatureK: record.airTemperatureK,
    processTemperatureK: record.processTemperatureK,
    rotationalSpeedRpm: record.rotationalSpeedRpm,
    torqueNm: record.torqueNm,
    toolWearMin: record.toolWearMin,
    labels: { ...record.labels },
  };
}
