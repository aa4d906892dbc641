import {
  MAX_LEAD_TIME_DAYS,
  STOCK_SOURCES,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_SOURCES,
  WORK_ORDER_STATES,
} from '@lakehouse/domain';
import { betweenSql, inListSql } from './check-sql.js';
import type { TableDefinition } from './table-definition.js';
import { assetId, assetTypeCheck, createdAt } from './shared-columns.js';

const updatedAt = {
  name: 'updated_at',
  type: 'DATETIME(3)',
  defaultSql: 'CURRENT_TIMESTAMP(3)',
  description: 'When a value of the row last changed (UTC)',
} as const;

/**
 * The maintenance work list (issue #17): one row per action on an asset, created from alert episodes and from
 * tool-life due times (or by hand), planned and done by operators through the API. `active_key` is
 * `<asset_id>|<action>` while the work order is open or planned and NULL after: its unique index lets at most one
 * active work order per asset and action exist (NULLs never collide), so a second episode or a repeated planner run
 * attaches to the existing one instead of adding a duplicate.
 */
export const workOrdersTable: TableDefinition = {
  name: 'work_orders',
  description:
    'Maintenance work orders: one per action on an asset, from alert episodes, tool-life due times or by hand',
  rapid: false,
  columns: [
    {
      name: 'work_order_id',
      type: 'VARCHAR(160)',
      description: 'Work order id, deterministic from its origin so a retried write adds nothing',
    },
    assetId,
    { name: 'action', type: 'VARCHAR(32)', description: 'What to do: replace_tool, inspect_cooling, ...' },
    { name: 'source', type: 'VARCHAR(16)', description: 'Where it came from: episode, tool_life or manual' },
    {
      name: 'episode_id',
      type: 'VARCHAR(96)',
      nullable: true,
      description: 'Alert episode that asked for it (the latest one attached)',
    },
    { name: 'state', type: 'VARCHAR(16)', description: 'open, planned, done or cancelled' },
    {
      name: 'active_key',
      type: 'VARCHAR(100)',
      nullable: true,
      description:
        '<asset_id>|<action> while open or planned, NULL after: one active work order per asset and action',
    },
    {
      name: 'priority',
      type: 'TINYINT',
      description: 'Priority 1 (most urgent) to 4, from risk, criticality and due time',
    },
    {
      name: 'due_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When the work is due (UTC): the tool-life due time, or when the risk was seen',
    },
    { name: 'reason', type: 'VARCHAR(512)', description: 'Why the work is asked for, in words' },
    {
      name: 'planned_for',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When the work is scheduled (UTC)',
    },
    {
      name: 'assigned_to',
      type: 'VARCHAR(128)',
      nullable: true,
      description: 'Who is to do the work',
    },
    { name: 'done_at', type: 'DATETIME(3)', nullable: true, description: 'When the work was done (UTC)' },
    {
      name: 'done_by',
      type: 'VARCHAR(128)',
      nullable: true,
      description: 'Who recorded it done or cancelled',
    },
    { name: 'note', type: 'VARCHAR(1024)', nullable: true, description: "Operator's note" },
    createdAt,
    updatedAt,
  ],
  primaryKey: ['work_order_id'],
  indexes: [
    { name: 'work_orders_active_key', columns: ['active_key'], unique: true },
    { name: 'work_orders_state_priority', columns: ['state', 'priority', 'due_at'] },
    { name: 'work_orders_asset_action', columns: ['asset_id', 'action', 'done_at'] },
    { name: 'work_orders_episode', columns: ['episode_id'] },
  ],
  checks: [
    { name: 'action_known', sql: inListSql('action', WORK_ORDER_ACTIONS) },
    { name: 'source_known', sql: inListSql('source', WORK_ORDER_SOURCES) },
    { name: 'state_known', sql: inListSql('state', WORK_ORDER_STATES) },
    { name: 'priority_range', sql: betweenSql('priority', WORK_ORDER_PRIORITIES) },
  ],
};

/**
 * Spare-tool stock per site (issue #17): one row per site and part, with what is on hand and on order, the reorder
 * point, the order quantity and the supplier's lead time. A part fits one asset type (a tool for an L, M or H
 * lathe), which is how a predicted tool replacement becomes demand for a part. Seeded by the generator for the
 * simulated fleet, imported from CSV for a customer's stores.
 */
export const sparePartStockTable: TableDefinition = {
  name: 'spare_part_stock',
  description:
    'Spare-tool stock per site and part: on hand, on order, reorder point, order quantity, lead time',
  rapid: true,
  columns: [
    {
      name: 'site_id',
      type: 'VARCHAR(64)',
      description: 'Plant whose stores hold the part',
      rapidEncoding: 'SORTED',
    },
    { name: 'part_id', type: 'VARCHAR(64)', description: 'Part number', rapidEncoding: 'SORTED' },
    { name: 'description', type: 'VARCHAR(256)', description: 'What the part is' },
    {
      name: 'asset_type',
      type: 'CHAR(1)',
      description: 'Asset type (L/M/H) whose tool the part is',
      rapidEncoding: 'SORTED',
    },
    { name: 'on_hand', type: 'INT', unit: 'piece', description: 'Pieces in stock' },
    {
      name: 'on_order',
      type: 'INT',
      unit: 'piece',
      defaultSql: '0',
      description: 'Pieces ordered and not yet received',
    },
    {
      name: 'reorder_point',
      type: 'INT',
      unit: 'piece',
      description: 'Stock level at or below which the part is reordered',
    },
    {
      name: 'reorder_quantity',
      type: 'INT',
      unit: 'piece',
      description: 'Pieces per order (the minimum order quantity)',
    },
    { name: 'lead_time_days', type: 'SMALLINT', unit: 'day', description: "Supplier's lead time" },
    {
      name: 'source',
      type: 'VARCHAR(16)',
      description: 'Who wrote the row: import (a stock CSV) or generator (the simulated fleet)',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'source_file',
      type: 'VARCHAR(1024)',
      nullable: true,
      description: 'Stock file the row was imported from',
    },
    {
      name: 'source_line',
      type: 'INT',
      nullable: true,
      description: 'Line of that file (1-based, header = 1)',
    },
    createdAt,
    updatedAt,
  ],
  primaryKey: ['site_id', 'part_id'],
  checks: [
    assetTypeCheck,
    { name: 'on_hand_range', sql: 'on_hand >= 0' },
    { name: 'on_order_range', sql: 'on_order >= 0' },
    { name: 'reorder_point_range', sql: 'reorder_point >= 0' },
    { name: 'reorder_quantity_range', sql: 'reorder_quantity >= 1' },
    { name: 'lead_time_range', sql: betweenSql('lead_time_days', { min: 0, max: MAX_LEAD_TIME_DAYS }) },
    { name: 'source_known', sql: inListSql('source', STOCK_SOURCES) },
  ],
};
