import { describe, expect, it } from 'vitest';
import {
  checkConstraintName,
  columnComment,
  createTableSql,
  dropTableSql,
  quoteIdentifier,
} from './create-table-sql.js';
import type { TableDefinition } from './table-definition.js';
import { readingsTable } from './reading-tables.js';
import { TABLES } from './tables.js';

const tiny: TableDefinition = {
  name: 'tiny',
  description: "Owner's table",
  rapid: true,
  columns: [
    { name: 'id', type: 'BIGINT', autoIncrement: true, description: 'Key' },
    { name: 'kind', type: 'VARCHAR(16)', description: 'Kind', rapidEncoding: 'SORTED' },
    { name: 'blob_col', type: 'LONGBLOB', nullable: true, description: 'Bytes', notSecondary: true },
    { name: 'temp_k', type: 'DOUBLE', description: 'Temperature', unit: 'K', defaultSql: '0' },
    { name: 'marker', type: 'TINYINT', generatedAsSql: 'CASE WHEN id = 1 THEN 1 END', description: 'Marker' },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'tiny_kind', columns: ['kind'], unique: true }],
  checks: [{ name: 'kind_known', sql: "kind IN ('a')" }],
};

describe('createTableSql', () => {
  const sql = createTableSql(tiny);

  it('puts SECONDARY_ENGINE=RAPID in a versioned comment that MariaDB skips and HeatWave runs', () => {
    expect(sql).toMatch(
      /\) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Owner''s table' \/\*!80013 SECONDARY_ENGINE=RAPID \*\/$/,
    );
  });

  it('omits the RAPID clause for tables kept out of HeatWave', () => {
    expect(createTableSql({ ...tiny, rapid: false })).not.toContain('SECONDARY_ENGINE');
  });

  it('marks unsupported columns NOT SECONDARY in a versioned comment', () => {
    expect(sql).toContain("`blob_col` LONGBLOB NULL COMMENT 'Bytes' /*!80023 NOT SECONDARY */");
  });

  it('sets the RAPID dictionary encoding through the column comment', () => {
    expect(sql).toContain("`kind` VARCHAR(16) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED'");
  });

  it('writes units into comments, defaults, auto increment and generated columns', () => {
    expect(sql).toContain("`temp_k` DOUBLE NOT NULL DEFAULT 0 COMMENT 'Temperature [K]'");
    expect(sql).toContain('`id` BIGINT NOT NULL AUTO_INCREMENT');
    expect(sql).toContain('`marker` TINYINT GENERATED ALWAYS AS (CASE WHEN id = 1 THEN 1 END) STORED');
  });

  it('emits keys and schema-unique check constraint names', () => {
    expect(sql).toContain('PRIMARY KEY (`id`)');
    expect(sql).toContain('UNIQUE KEY `tiny_kind` (`kind`)');
    expect(sql).toContain("CONSTRAINT `tiny_kind_known` CHECK (kind IN ('a'))");
    expect(checkConstraintName(tiny, 'tiny_x')).toBe('tiny_x');
  });

  it('never names a collation, which MySQL 8 and MariaDB do not share', () => {
    for (const table of TABLES) expect(createTableSql(table)).not.toMatch(/COLLATE/i);
  });

  it('rejects keys on unknown columns and unsafe identifiers', () => {
    expect(() => createTableSql({ ...tiny, primaryKey: ['nope'] })).toThrow(
      /primary key names unknown column nope/,
    );
    expect(() => createTableSql({ ...tiny, indexes: [{ name: 'i', columns: ['zz'] }] })).toThrow(
      /index i names unknown column zz/,
    );
    expect(() => quoteIdentifier('x; DROP TABLE y')).toThrow(/unsafe SQL identifier/);
  });

  it('describes encoded columns only by their RAPID key', () => {
    expect(columnComment({ name: 'a', type: 'CHAR(1)', description: 'x', rapidEncoding: 'VARLEN' })).toBe(
      'RAPID_COLUMN=ENCODING=VARLEN',
    );
    expect(dropTableSql(readingsTable)).toBe('DROP TABLE IF EXISTS `readings`');
  });
});

describe('table definitions', () => {
  it('give every table a primary key, as HeatWave loading requires', () => {
    for (const table of TABLES) expect(table.primaryKey.length, table.name).toBeGreaterThan(0);
  });

  it('keep BLOB columns out of RAPID tables', () => {
    for (const table of TABLES.filter((t) => t.rapid)) {
      for (const c of table.columns.filter((c) => c.type === 'LONGBLOB'))
        expect(c.notSecondary, `${table.name}.${c.name}`).toBe(true);
    }
  });

  it('key readings by asset and instant so redeliveries upsert', () => {
    expect(readingsTable.primaryKey).toEqual(['asset_id', 'recorded_at']);
  });

  it('describe every column', () => {
    for (const table of TABLES)
      for (const c of table.columns)
        expect(c.description.length, `${table.name}.${c.name}`).toBeGreaterThan(2);
  });
});
