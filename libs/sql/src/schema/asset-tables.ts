import { CRITICALITIES, EARLIEST_INSTALLED_ON, MAX_SERVICE_LIFE_MONTHS } from '@lakehouse/domain';
import { betweenSql, inListSql } from './check-sql.js';
import type { TableDefinition } from './table-definition.js';
import { assetId, assetType, assetTypeCheck, createdAt, lineId, siteId } from './shared-columns.js';

/** Machines of the fleet. */
export const assetsTable: TableDefinition = {
  name: 'assets',
  description:
    'Machines of the fleet, with where they stand; registered on first reading or by the fleet loader',
  rapid: true,
  columns: [
    assetId,
    assetType,
    siteId,
    lineId,
    {
      name: 'first_seen_at',
      type: 'DATETIME(3)',
      description: 'Instant of the earliest reading stored (UTC)',
    },
    { name: 'last_seen_at', type: 'DATETIME(3)', description: 'Instant of the latest reading stored (UTC)' },
    createdAt,
  ],
  primaryKey: ['asset_id'],
  indexes: [{ name: 'assets_site_line', columns: ['site_id', 'line_id'] }],
  checks: [assetTypeCheck],
};

/**
 * Asset register: what the workshop's Analytics workbook knows of each machine and the platform did not. One row per
 * asset, keyed like `assets` but kept apart from it: `assets` is written by ingest on every batch and keyed to the
 * readings (first/last seen), while this table is written by the register import and the demo's generator, and may
 * hold machines that have not reported yet. Type, and for reporting assets site and line, stay in `assets`; the
 * register's site and line are kept for machines `assets` does not know (ADR 0042).
 */
export const assetMasterDataTable: TableDefinition = {
  name: 'asset_master_data',
  description:
    'Asset register: manufacturer, model, install date, expected service life, criticality, site and line per asset',
  rapid: true,
  columns: [
    assetId,
    {
      name: 'manufacturer',
      type: 'VARCHAR(128)',
      description: 'Who built the machine',
      rapidEncoding: 'SORTED',
    },
    { name: 'model', type: 'VARCHAR(128)', description: "The manufacturer's model designation" },
    { name: 'installed_on', type: 'DATE', description: 'Install date (a calendar day, no zone)' },
    {
      name: 'service_life_months',
      type: 'SMALLINT',
      unit: 'month',
      description: 'Expected service life from the install date',
    },
    {
      name: 'criticality',
      type: 'CHAR(1)',
      description: 'A: failure stops production, B: reduces output, C: has a workaround',
      rapidEncoding: 'SORTED',
    },
    { ...siteId, description: 'Site the register places the asset in' },
    { ...lineId, description: 'Line the register places the asset on' },
    {
      name: 'source',
      type: 'VARCHAR(16)',
      description: 'Who wrote the row: import (a register CSV) or generator (the simulated fleet)',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'source_file',
      type: 'VARCHAR(1024)',
      nullable: true,
      description: 'Register file the row was imported from',
    },
    {
      name: 'source_line',
      type: 'INT',
      nullable: true,
      description: 'Line of that file (1-based, header = 1)',
    },
    createdAt,
    {
      name: 'updated_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When a value of the row last changed (UTC); an unchanged re-import leaves it',
    },
  ],
  primaryKey: ['asset_id'],
  checks: [
    { name: 'criticality_known', sql: inListSql('criticality', CRITICALITIES) },
    {
      name: 'service_life_range',
      sql: betweenSql('service_life_months', { min: 1, max: MAX_SERVICE_LIFE_MONTHS }),
    },
    { name: 'installed_on_range', sql: `installed_on >= '${EARLIEST_INSTALLED_ON}'` },
    { name: 'source_known', sql: "source IN ('import','generator')" },
  ],
};
