import type { ColumnDefinition } from './table-definition.js';

/** The five measured quantities: column name, unit and meaning, in AI4I column order. */
export const MEASURE_COLUMNS = [
  { name: 'air_temperature_k', unit: 'K', description: 'Air temperature' },
  { name: 'process_temperature_k', unit: 'K', description: 'Process temperature' },
  { name: 'rotational_speed_rpm', unit: 'rpm', description: 'Spindle rotational speed' },
  { name: 'torque_nm', unit: 'Nm', description: 'Torque' },
  { name: 'tool_wear_min', unit: 'min', description: 'Cumulative tool wear' },
] as const;

/** The failure label columns (AI4I: machine failure plus five modes). */
export const LABEL_COLUMNS = [
  { name: 'machine_failure', description: 'Any failure mode occurred (ground truth)' },
  { name: 'twf', description: 'Tool wear failure (ground truth)' },
  { name: 'hdf', description: 'Heat dissipation failure (ground truth)' },
  { name: 'pwf', description: 'Power failure (ground truth)' },
  { name: 'osf', description: 'Overstrain failure (ground truth)' },
  { name: 'rnf', description: 'Random failure (ground truth)' },
] as const;

export const assetId: ColumnDefinition = {
  name: 'asset_id',
  type: 'VARCHAR(64)',
  description: 'Machine identifier',
};
export const assetType: ColumnDefinition = {
  name: 'asset_type',
  type: 'CHAR(1)',
  description: 'Product quality variant L/M/H',
  rapidEncoding: 'SORTED',
};
export const siteId: ColumnDefinition = {
  name: 'site_id',
  type: 'VARCHAR(64)',
  nullable: true,
  description: 'Plant the asset stands in',
  rapidEncoding: 'SORTED',
};
export const lineId: ColumnDefinition = {
  name: 'line_id',
  type: 'VARCHAR(64)',
  nullable: true,
  description: 'Production line within the site',
  rapidEncoding: 'SORTED',
};
export const createdAt: ColumnDefinition = {
  name: 'created_at',
  type: 'DATETIME(3)',
  defaultSql: 'CURRENT_TIMESTAMP(3)',
  description: 'When the row was first written (UTC)',
};
export const assetTypeCheck = { name: 'asset_type_known', sql: "asset_type IN ('L','M','H')" };
