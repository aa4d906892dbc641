import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './all-migrations.js';
import { assertMigrationSequence, migrationChecksum, type Migration } from './migration.js';

const m = (id: number, up: string[] = ['SELECT 1']): Migration => ({ id, name: `m${id}`, up, down: [] });

describe('migrations', () => {
  it('are numbered in increasing order and have an undo for every table they create', () => {
    expect(() => assertMigrationSequence(MIGRATIONS)).not.toThrow();
    for (const migration of MIGRATIONS) {
      const created = migration.up.filter((s) => /^CREATE TABLE/i.test(s)).length;
      expect(migration.down.filter((s) => /^DROP TABLE/i.test(s)).length, migration.name).toBe(created);
    }
  });

  it('accept a gap (numbers are reserved per issue) but reject repeats, disorder and empty migrations', () => {
    expect(() => assertMigrationSequence([m(1), m(2), m(5)])).not.toThrow();
    expect(() => assertMigrationSequence([m(1), m(3), m(3)])).toThrow(/#3 has id 3/);
    expect(() => assertMigrationSequence([m(2), m(1)])).toThrow(/#2 has id 1/);
    expect(() => assertMigrationSequence([m(0)])).toThrow(/#1 has id 0/);
    expect(() => assertMigrationSequence([m(1, [])])).toThrow(/has no statements/);
  });

  it('checksum changes with any statement text but not with the name', () => {
    expect(migrationChecksum(m(1))).toBe(migrationChecksum({ ...m(1), name: 'renamed' }));
    expect(migrationChecksum(m(1))).not.toBe(migrationChecksum(m(1, ['SELECT 2'])));
    expect(migrationChecksum(m(1, ['a', 'b']))).not.toBe(migrationChecksum(m(1, ['ab'])));
  });
});
