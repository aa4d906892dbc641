import { describe, expect, it } from 'vitest';
import { dailyManufacturerRollupsTable } from '../schema/aggregate-tables.js';
import { createTableSql } from '../schema/create-table-sql.js';
import { MIGRATIONS } from './all-migrations.js';
import { migration0007ManufacturerRollups } from './0007-manufacturer-rollups.js';
import { assertMigrationSequence, migrationChecksum, type Migration } from './migration.js';

const m = (id: number, up: string[] = ['SELECT 1']): Migration => ({ id, name: `m${id}`, up, down: [] });

describe('migrations', () => {
  it('are numbered 1..n without gaps and have an undo for every table they create', () => {
    expect(() => assertMigrationSequence(MIGRATIONS)).not.toThrow();
    for (const migration of MIGRATIONS) {
      const created = migration.up.filter((s) => /^CREATE TABLE/i.test(s)).length;
      expect(migration.down.filter((s) => /^DROP TABLE/i.test(s)).length, migration.name).toBe(created);
    }
  });

  it('reject a sequence with a gap or an empty migration', () => {
    expect(() => assertMigrationSequence([m(1), m(3)])).toThrow(/has id 3/);
    expect(() => assertMigrationSequence([m(1, [])])).toThrow(/has no statements/);
  });

  it('checksum changes with any statement text but not with the name', () => {
    expect(migrationChecksum(m(1))).toBe(migrationChecksum({ ...m(1), name: 'renamed' }));
    expect(migrationChecksum(m(1))).not.toBe(migrationChecksum(m(1, ['SELECT 2'])));
    expect(migrationChecksum(m(1, ['a', 'b']))).not.toBe(migrationChecksum(m(1, ['ab'])));
  });

  it('create daily_manufacturer_rollups in migration 7 exactly as its table definition does', () => {
    expect(migration0007ManufacturerRollups.up[0]).toBe(createTableSql(dailyManufacturerRollupsTable));
  });
});
