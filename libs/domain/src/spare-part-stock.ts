import { MAX_LEAD_TIME_DAYS } from './maintenance-vocabulary.js';
import { ASSET_ID_PATTERN, ASSET_TYPES, type AssetType } from './reading.js';

/** Longest part description stored (the column width). */
export const MAX_PART_DESCRIPTION_LENGTH = 256;
/** Largest piece count accepted in a stock row (the INT column, with room to add). */
export const MAX_STOCK_PIECES = 1_000_000_000;

/**
 * One spare part held at one site (table `spare_part_stock`): what is on hand and on order, the level at or below
 * which it is reordered, the pieces per order and the supplier's lead time. A part is the tool of one asset type.
 */
export interface SparePartStock {
  readonly siteId: string;
  readonly partId: string;
  readonly description: string;
  /** The L/M/H lathe type whose tool the part is: a predicted tool change of that type is demand for it. */
  readonly assetType: AssetType;
  /** Pieces in stock. */
  readonly onHand: number;
  /** Pieces ordered and not yet received. */
  readonly onOrder: number;
  /** Stock level (pieces) at or below which the part is reordered. */
  readonly reorderPoint: number;
  /** Pieces per order (the supplier's lot); an order is a whole multiple of it. */
  readonly reorderQuantity: number;
  /** Days from order to delivery, 0..{@link MAX_LEAD_TIME_DAYS}. */
  readonly leadTimeDays: number;
}

/** Why a stock field was rejected. */
export type SparePartStockProblemReason =
  'missing' | 'invalid_format' | 'too_long' | 'out_of_range' | 'unknown_asset_type';

/** One problem of a candidate stock row: JSON pointer to the camelCase field, reason code and a message. */
export interface SparePartStockProblem {
  readonly path: string;
  readonly reason: SparePartStockProblemReason;
  readonly message: string;
}

/** Result of {@link validateSparePartStock}. */
export type SparePartStockValidation =
  | { readonly ok: true; readonly value: SparePartStock }
  | { readonly ok: false; readonly problems: readonly SparePartStockProblem[] };

/** A stock row as text cells (a CSV line's), before validation; optional cells may be empty. */
export type SparePartStockCandidate = Readonly<Record<keyof SparePartStock, string>>;

const ID_REGEX = new RegExp(ASSET_ID_PATTERN);
const INTEGER_REGEX = /^\d+$/;

const COUNT_LIMITS: Readonly<
  Record<
    'onHand' | 'onOrder' | 'reorderPoint' | 'reorderQuantity' | 'leadTimeDays',
    { min: number; max: number }
  >
> = {
  onHand: { min: 0, max: MAX_STOCK_PIECES },
  onOrder: { min: 0, max: MAX_STOCK_PIECES },
  reorderPoint: { min: 0, max: MAX_STOCK_PIECES },
  reorderQuantity: { min: 1, max: MAX_STOCK_PIECES },
  leadTimeDays: { min: 0, max: MAX_LEAD_TIME_DAYS },
};

/**
 * Checks a candidate stock row given as text (trimmed here) and returns it typed, or every problem found. An empty
 * `onOrder` means 0; every other field is required. Ids follow the asset id pattern; counts are whole numbers
 * within the table's CHECKs; the asset type is L, M or H (upper-cased here).
 */
export function validateSparePartStock(input: SparePartStockCandidate): SparePartStockValidation {
  const problems: SparePartStockProblem[] = [];
  const add = (key: string, reason: SparePartStockProblemReason, message: string): void => {
    problems.push({ path: `/${key}`, reason, message });
  };
  const cell = (key: keyof SparePartStock): string => input[key].trim();
  const id = (key: 'siteId' | 'partId'): string => {
    const value = cell(key);
    if (value === '') add(key, 'missing', `${key} is required`);
    else if (!ID_REGEX.test(value))
      add(
        key,
        'invalid_format',
        `${key} must match ${ASSET_ID_PATTERN}, got ${JSON.stringify(value.slice(0, 40))}`,
      );
    return value;
  };
  const siteId = id('siteId');
  const partId = id('partId');
  const description = cell('description');
  if (description === '') add('description', 'missing', 'description is required');
  else if (description.length > MAX_PART_DESCRIPTION_LENGTH)
    add(
      'description',
      'too_long',
      `description has ${description.length} characters, at most ${MAX_PART_DESCRIPTION_LENGTH}`,
    );
  const assetType = cell('assetType').toUpperCase();
  if (assetType === '') add('assetType', 'missing', 'assetType is required');
  else if (!(ASSET_TYPES as readonly string[]).includes(assetType))
    add(
      'assetType',
      'unknown_asset_type',
      `assetType must be one of ${ASSET_TYPES.join(', ')}, got ${JSON.stringify(assetType)}`,
    );
  const count = (key: keyof typeof COUNT_LIMITS): number => {
    const text = cell(key);
    if (text === '' && key === 'onOrder') return 0;
    if (text === '') {
      add(key, 'missing', `${key} is required`);
      return 0;
    }
    if (!INTEGER_REGEX.test(text)) {
      add(key, 'invalid_format', `${key} must be a whole number, got ${JSON.stringify(text.slice(0, 40))}`);
      return 0;
    }
    const value = Number(text);
    const { min, max } = COUNT_LIMITS[key];
    if (value < min || value > max) add(key, 'out_of_range', `${key} must be ${min}..${max}, got ${text}`);
    return value;
  };
  const onHand = count('onHand');
  const onOrder = count('onOrder');
  const reorderPoint = count('reorderPoint');
  const reorderQuantity = count('reorderQuantity');
  const leadTimeDays = count('leadTimeDays');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      siteId,
      partId,
      description,
      assetType: assetType as AssetType,
      onHand,
      onOrder,
      reorderPoint,
      reorderQuantity,
      leadTimeDays,
    },
  };
}
