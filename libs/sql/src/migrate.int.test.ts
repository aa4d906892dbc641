import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrateDown, migrationStatus, MIGRATIONS_TABLE } from './migrate.js';
import { MIGRATIONS } from './migrations/all-migrations.js';
import type { Migration } from './migrations/migration.js';
import { TABLES } from './schema/tables.js';
import { openTestDatabase, type TestDatabase } from './testing/open-test-database.js';

describe('migrations against MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates every table from an empty schema and records each migration', async () => {
    const result = await migrate(db.pool);
    expect(result.applied.map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
    const [tables] = await db.pool.query<RowDataPacket[]>(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    expect(tables.map((t) => t['name']).sort()).toEqual(
      [...TABLES.map((t) => t.name), MIGRATIONS_TABLE].sort(),
    );
  });

  it('does nothing when run again', async () => {
    const result = await migrate(db.pool);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(MIGRATIONS.length);
    expect((await migrationStatus(db.pool)).every((m) => m.applied)).toBe(true);
  });

  it('leaves a schema whose columns match the table definitions', async () => {
    const [columns] = await db.pool.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS tableName, COLUMN_NAME AS columnName, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    );
    for (const table of TABLES) {
      const actual = columns.filter((c) => c['tableName'] === table.name);
      expect(
        actual.map((c) => c['columnName']),
        table.name,
      ).toEqual(table.columns.map((c) => c.name));
      for (const def of table.columns) {
        const col = actual.find((c) => c['columnName'] === def.name);
        // MariaDB reports JSON as longtext and integer widths without display width; compare the base type.
        const expectedType = def.type === 'JSON' ? 'longtext' : def.type.toLowerCase();
        expect(
          String(col?.['columnType'])
            .replace(/\(\d+\)$/, '')
            .replace(/^(tinyint|int|bigint|smallint).*/, '$1'),
          `${table.name}.${def.name}`,
        ).toBe(expectedType.replace(/\(\d+\)$/, ''));
        expect(col?.['nullable'], `${table.name}.${def.name} nullability`).toBe(
          def.nullable === true || def.generatedAsSql !== undefined ? 'YES' : 'NO',
        );
      }
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited: Migration[] = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, up: [...m.up, 'SELECT 1'] } : m));
    await expect(migrate(db.pool, { migrations: edited })).rejects.toMatchObject({
      code: 'SQL_MIGRATION_CHANGED',
      message: expect.stringMatching(/migration 1 \(initial-schema\) was changed after it ran/),
    });
  });

  it('refuses a database migrated by newer code', async () => {
    await expect(migrate(db.pool, { migrations: [] })).rejects.toMatchObject({
      code: 'SQL_MIGRATION_CHANGED',
    });
  });

  it('names the failing statement when a new migration breaks', async () => {
    const broken: Migration = {
      id: MIGRATIONS.length + 1,
      name: 'broken',
      up: ['SELECT 1', 'CREATE TABLE oops ('],
      down: [],
    };
    await expect(migrate(db.pool, { migrations: [...MIGRATIONS, broken] })).rejects.toMatchObject({
      code: 'SQL_MIGRATION_FAILED',
      message: expect.stringMatching(/migration \d+ \(broken\) failed at statement 2 of 2/),
    });
    // Nothing is recorded for the failed migration, so a fixed version can run later.
    expect((await migrationStatus(db.pool)).every((m) => m.applied)).toBe(true);
  });

  it('undoes migrations only when destruction is allowed, and can migrate up again', async () => {
    await expect(migrateDown(db.pool, 0, { allowDestructive: false })).rejects.toMatchObject({
      code: 'SQL_MIGRATION_FAILED',
    });
    expect(await migrateDown(db.pool, 0, { allowDestructive: true })).toEqual(
      [...MIGRATIONS.map((m) => m.id)].reverse(),
    );
    const [tables] = await db.pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    expect(tables[0]?.['n']).toBe(1); // only schema_migrations remains
    expect((await migrate(db.pool)).applied).toHaveLength(MIGRATIONS.length);
  });
});
