import type { FailureMode, Measure } from '@lakehouse/domain';
import { assetsTable } from './asset-tables.js';
import { readingsTable } from './reading-tables.js';

/**
 * Every camelCase field a stored reading has: the domain Reading's own fields (site and line live in `assets`), the
 * physics features, the labels, and what the platform adds when storing it.
 */
export type ReadingColumnField =
  | 'assetId'
  | 'recordedAt'
  | 'assetType'
  | 'siteId'
  | 'lineId'
  | Measure
  | 'powerW'
  | 'temperatureDifferenceK'
  | 'overstrainMinNm'
  | 'machineFailure'
  | FailureMode
  | 'failureProbability'
  | 'modelId'
  | 'source'
  | 'streamPartition'
  | 'streamOffset'
  | 'ingestedAt';

function fieldColumns(): Readonly<Record<ReadingColumnField, string>> {
  const siteAndLine = assetsTable.columns.filter((c) => c.name === 'site_id' || c.name === 'line_id');
  const entries = [...readingsTable.columns, ...siteAndLine].map((c) => {
    if (c.field === undefined) throw new Error(`readings column ${c.name} names no domain field`);
    return [c.field, c.name] as const;
  });
  // The type is declared above and the entries come from the table definition; a unit test proves they agree.
  return Object.freeze(Object.fromEntries(entries)) as Readonly<Record<ReadingColumnField, string>>;
}

/**
 * The one map from a stored reading's camelCase fields to snake_case columns, derived from the `readings` table
 * definition (plus `site_id`/`line_id` of `assets`). Code that reads or writes reading columns by name uses it
 * instead of its own list (readingFromRow, the bulk loader's raw files, the scorers).
 */
export const READING_COLUMN_FIELDS: Readonly<Record<ReadingColumnField, string>> = fieldColumns();
