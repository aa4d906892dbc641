import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore, hashApiKey } from './auth/api-keys.js';
import { runCli } from './cli.js';
import { createLogger } from '@lakehouse/runtime';
import type { RowDataPacket } from 'mysql2/promise';

describe('api cli', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await openTestDatabase();
    env = {
      MYSQL_HOST: db.connection.host,
      MYSQL_PORT: String(db.connection.port),
      MYSQL_USER: db.connection.user,
      MYSQL_PASSWORD: db.connection.password,
      MYSQL_DATABASE: db.connection.database,
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates a key, prints it once, stores only its hash, and revokes it', async () => {
    const out: string[] = [];
    expect(
      await runCli(['create-key', '--name', 'ops team', '--scopes', 'read,admin'], env, (l) => out.push(l)),
    ).toBe(0);
    const printed = JSON.parse(out[0]!) as { keyId: string; key: string; scopes: string[] };
    expect(printed.scopes).toEqual(['read', 'admin']);
    const [rows] = await db.pool.query<RowDataPacket[]>('SELECT * FROM api_keys WHERE key_id = ?', [
      printed.keyId,
    ]);
    expect(rows[0]).toMatchObject({
      key_hash: hashApiKey(printed.key),
      name: 'ops team',
      scopes: 'read,admin',
    });
    expect(JSON.stringify(rows)).not.toContain(printed.key);

    const store = new ApiKeyStore(db.pool, createLogger({ name: 'test', level: 'silent' }));
    await store.refresh();
    expect(store.lookup(printed.key)).toMatchObject({ id: printed.keyId });
    expect(await runCli(['revoke-key', '--id', printed.keyId], env, () => undefined)).toBe(0);
    await store.refresh();
    expect(store.lookup(printed.key)).toBeUndefined();
    expect(await runCli(['revoke-key', '--id', printed.keyId], env, () => undefined)).toBe(1);
  });

  it('refuses a key without a name or with no known scope', async () => {
    expect(await runCli(['create-key', '--scopes', 'read'], env, () => undefined)).toBe(2);
    expect(await runCli(['create-key', '--name', 'x', '--scopes', 'root'], env, () => undefined)).toBe(2);
  });

  it('explains the analytic statements; on MariaDB nothing can offload and the check passes', async () => {
    const out: string[] = [];
    expect(await runCli(['explain-heatwave'], env, (l) => out.push(l))).toBe(0);
    const results = out.map((l) => JSON.parse(l) as { serverKind: string; name: string; offloaded: boolean });
    expect(results.map((r) => r.name)).toContain('kpi fleet state');
    expect(results.every((r) => r.serverKind === 'mariadb' && !r.offloaded)).toBe(true);
  });
});
