import type { Migration } from './migration.js';

/**
 * Maintenance decisions (issue #17): the work list (`work_orders`) and the spare-tool stock per site
 * (`spare_part_stock`), for work orders from alert episodes and tool-life due times and for reorder recommendations
 * (ADR 0045). Frozen like every released migration: a later change is a new migration.
 */
export const migration0006WorkOrdersAndSpareParts: Migration = {
  id: 6,
  name: 'work-orders-and-spare-parts',
  up: [
    `CREATE TABLE IF NOT EXISTS \`work_orders\` (
  \`work_order_id\` VARCHAR(160) NOT NULL COMMENT 'Work order id, deterministic from its origin so a retried write adds nothing',
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`action\` VARCHAR(32) NOT NULL COMMENT 'What to do: replace_tool, inspect_cooling, ...',
  \`source\` VARCHAR(16) NOT NULL COMMENT 'Where it came from: episode, tool_life or manual',
  \`episode_id\` VARCHAR(96) NULL COMMENT 'Alert episode that asked for it (the latest one attached)',
  \`state\` VARCHAR(16) NOT NULL COMMENT 'open, planned, done or cancelled',
  \`active_key\` VARCHAR(100) NULL COMMENT '<asset_id>|<action> while open or planned, NULL after: one active work order per asset and action',
  \`priority\` TINYINT NOT NULL COMMENT 'Priority 1 (most urgent) to 4, from risk, criticality and due time',
  \`due_at\` DATETIME(3) NULL COMMENT 'When the work is due (UTC): the tool-life due time, or when the risk was seen',
  \`reason\` VARCHAR(512) NOT NULL COMMENT 'Why the work is asked for, in words',
  \`planned_for\` DATETIME(3) NULL COMMENT 'When the work is scheduled (UTC)',
  \`assigned_to\` VARCHAR(128) NULL COMMENT 'Who is to do the work',
  \`done_at\` DATETIME(3) NULL COMMENT 'When the work was done (UTC)',
  \`done_by\` VARCHAR(128) NULL COMMENT 'Who recorded it done or cancelled',
  \`note\` VARCHAR(1024) NULL COMMENT 'Operator''s note',
  \`created_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row was first written (UTC)',
  \`updated_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When a value of the row last changed (UTC)',
  PRIMARY KEY (\`work_order_id\`),
  UNIQUE KEY \`work_orders_active_key\` (\`active_key\`),
  KEY \`work_orders_state_priority\` (\`state\`, \`priority\`, \`due_at\`),
  KEY \`work_orders_asset_action\` (\`asset_id\`, \`action\`, \`done_at\`),
  KEY \`work_orders_episode\` (\`episode_id\`),
  CONSTRAINT \`work_orders_action_known\` CHECK (action IN ('replace_tool','inspect_cooling','check_power_settings','inspect_machine')),
  CONSTRAINT \`work_orders_source_known\` CHECK (source IN ('episode','tool_life','manual')),
  CONSTRAINT \`work_orders_state_known\` CHECK (state IN ('open','planned','done','cancelled')),
  CONSTRAINT \`work_orders_priority_range\` CHECK (priority BETWEEN 1 AND 4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Maintenance work orders: one per action on an asset, from alert episodes, tool-life due times or by hand'`,
    `CREATE TABLE IF NOT EXISTS \`spare_part_stock\` (
  \`site_id\` VARCHAR(64) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`part_id\` VARCHAR(64) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`description\` VARCHAR(256) NOT NULL COMMENT 'What the part is',
  \`asset_type\` CHAR(1) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`on_hand\` INT NOT NULL COMMENT 'Pieces in stock [piece]',
  \`on_order\` INT NOT NULL DEFAULT 0 COMMENT 'Pieces ordered and not yet received [piece]',
  \`reorder_point\` INT NOT NULL COMMENT 'Stock level at or below which the part is reordered [piece]',
  \`reorder_quantity\` INT NOT NULL COMMENT 'Pieces per order (the minimum order quantity) [piece]',
  \`lead_time_days\` SMALLINT NOT NULL COMMENT 'Supplier''s lead time [day]',
  \`source\` VARCHAR(16) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`source_file\` VARCHAR(1024) NULL COMMENT 'Stock file the row was imported from',
  \`source_line\` INT NULL COMMENT 'Line of that file (1-based, header = 1)',
  \`created_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row was first written (UTC)',
  \`updated_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When a value of the row last changed (UTC)',
  PRIMARY KEY (\`site_id\`, \`part_id\`),
  CONSTRAINT \`spare_part_stock_asset_type_known\` CHECK (asset_type IN ('L','M','H')),
  CONSTRAINT \`spare_part_stock_on_hand_range\` CHECK (on_hand >= 0),
  CONSTRAINT \`spare_part_stock_on_order_range\` CHECK (on_order >= 0),
  CONSTRAINT \`spare_part_stock_reorder_point_range\` CHECK (reorder_point >= 0),
  CONSTRAINT \`spare_part_stock_reorder_quantity_range\` CHECK (reorder_quantity >= 1),
  CONSTRAINT \`spare_part_stock_lead_time_range\` CHECK (lead_time_days BETWEEN 0 AND 365),
  CONSTRAINT \`spare_part_stock_source_known\` CHECK (source IN ('import','generator'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Spare-tool stock per site and part: on hand, on order, reorder point, order quantity, lead time' /*!80013 SECONDARY_ENGINE=RAPID */`,
  ],
  down: ['DROP TABLE IF EXISTS `spare_part_stock`', 'DROP TABLE IF EXISTS `work_orders`'],
};
