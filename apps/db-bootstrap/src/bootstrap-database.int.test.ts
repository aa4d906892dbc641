import { noSecretReader } from '@lakehouse/contracts';
import { createLogger } from '@lakehouse/runtime';
import { MIGRATIONS } from '@lakehouse/sql';
import { readStackSettings, stackDir, uniqueName } from '@lakehouse/testing';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase, BOOTSTRAP_STEPS } from './bootstrap-database.js';
import { loadConfig, type BootstrapConfig } from './config.js';
import { parseShowGrants } from './grant-plan.js';

const { mariadb } = readStackSettings(stackDir(process.env));
const schema = uniqueName('it_boot');
const appUser = uniqueName('itu');
const FIRST_PASSWORD = 'First;Pa55-word"\'\\x';
const SECOND_PASSWORD = 'Second-pa55word-rotated';

/** The environment the bootstrap gets, with the local stack's root as the admin and the passwords given directly. */
function bootstrapEnv(appPassword: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MYSQL_HOST: mariadb.host,
    MYSQL_PORT: String(mariadb.port),
    MYSQL_USER: mariadb.rootUser,
    MYSQL_PASSWORD: mariadb.rootPassword,
    MYSQL_DATABASE: schema,
    MYSQL_CONNECT_TIMEOUT_MS: '5000',
    DB_BOOTSTRAP_APP_USER: appUser,
    DB_BOOTSTRAP_APP_PASSWORD: appPassword,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Runs the bootstrap in this process and keeps its log lines. */
async function run(appPassword: string, extra: Record<string, string> = {}) {
  const config: BootstrapConfig = await loadConfig(bootstrapEnv(appPassword, extra), noSecretReader);
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  const result = await bootstrapDatabase(config, { logger: createLogger({ name: 'db-bootstrap' }, sink) });
  const lines = written
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { level: number; msg: string; step?: string });
  return { result, lines, written };
}

let root: Connection;

async function appGrantsShown(): Promise<Record<string, string[]>> {
  const [rows] = await root.query<RowDataPacket[]>('SHOW GRANTS FOR ?@?', [appUser, '%']);
  const parsed = parseShowGrants(rows.map((r) => String(Object.values(r)[0])));
  return Object.fromEntries([...parsed.privileges].map(([target, p]) => [target, [...p].sort()]));
}

async function loginAsApp(password: string): Promise<Connection> {
  return createConnection({
    host: mariadb.host,
    port: mariadb.port,
    user: appUser,
    password,
    database: schema,
  });
}

const LEAST_PRIVILEGE = { [`\`${schema}\`.*`]: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'] };

beforeAll(async () => {
  root = await createConnection({
    host: mariadb.host,
    port: mariadb.port,
    user: mariadb.rootUser,
    password: mariadb.rootPassword,
  });
});

afterAll(async () => {
  await root.query(`DROP DATABASE IF EXISTS \`${schema}\``);
  await root.query('DROP USER IF EXISTS ?@?', [appUser, '%']);
  await root.end();
});

describe('bootstrapDatabase on the local MariaDB', () => {
  it('creates the schema and the app user, grants exactly DML on the schema and applies every migration', async () => {
    const { result, lines, written } = await run(FIRST_PASSWORD);
    expect(result).toMatchObject({
      server: 'mariadb',
      schemaCreated: true,
      userCreated: true,
      passwordChanged: false,
      autoMlGrants: 'off',
      migrationsApplied: MIGRATIONS.map((m) => m.id),
      migrationsAlreadyApplied: 0,
    });
    // One progress line per step, and no password anywhere in the log.
    expect(BOOTSTRAP_STEPS.filter((s) => !lines.some((l) => l.step === s))).toEqual([]);
    expect(written).not.toContain(FIRST_PASSWORD);
    expect(written).not.toContain(mariadb.rootPassword);
    expect(await appGrantsShown()).toEqual(LEAST_PRIVILEGE);

    const app = await loginAsApp(FIRST_PASSWORD);
    try {
      const [applied] = await app.query<RowDataPacket[]>('SELECT id FROM schema_migrations ORDER BY id');
      expect(applied.map((r) => r['id'])).toEqual(MIGRATIONS.map((m) => m.id));
      await app.query(
        "INSERT INTO api_keys (key_id, key_hash, name, scopes) VALUES ('k1', REPEAT('a', 64), 'it', 'read')",
      );
      await app.query("UPDATE api_keys SET scopes = 'read,admin' WHERE key_id = 'k1'");
      await app.query("DELETE FROM api_keys WHERE key_id = 'k1'");
      // Migrations are the admin's job: the app user may not change the schema.
      await expect(app.query('CREATE TABLE not_allowed (id INT PRIMARY KEY)')).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
      await expect(app.query('DROP TABLE api_keys')).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
    } finally {
      await app.end();
    }
  });

  it('changes nothing when it runs again with the same settings', async () => {
    const { result } = await run(FIRST_PASSWORD);
    expect(result).toMatchObject({
      schemaCreated: false,
      userCreated: false,
      passwordChanged: false,
      grantStatements: [],
      migrationsApplied: [],
      migrationsAlreadyApplied: MIGRATIONS.length,
    });
    expect(await appGrantsShown()).toEqual(LEAST_PRIVILEGE);
  });

  it('sets the app password to a new Vault value on the next run (rotation)', async () => {
    const { result, written } = await run(SECOND_PASSWORD);
    expect(result).toMatchObject({ userCreated: false, passwordChanged: true, grantStatements: [] });
    expect(written).not.toContain(SECOND_PASSWORD);
    await (await loginAsApp(SECOND_PASSWORD)).end();
    await expect(loginAsApp(FIRST_PASSWORD)).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
  });

  it('revokes privileges granted by hand, so the app user holds exactly the least-privilege set', async () => {
    await root.query(`GRANT CREATE, DROP ON \`${schema}\`.* TO ?@?`, [appUser, '%']);
    await root.query(`GRANT SELECT ON \`${schema}_other\`.* TO ?@? WITH GRANT OPTION`, [appUser, '%']);
    await root.query('GRANT PROCESS ON *.* TO ?@?', [appUser, '%']);
    const { result } = await run(SECOND_PASSWORD);
    expect(result.grantStatements).toHaveLength(4);
    expect(result.grantStatements.every((s) => s.startsWith('REVOKE '))).toBe(true);
    expect(await appGrantsShown()).toEqual(LEAST_PRIVILEGE);
  });

  it('skips the HeatWave AutoML grants on MariaDB, with a warning', async () => {
    const { result, lines } = await run(SECOND_PASSWORD, { DB_BOOTSTRAP_AUTOML_GRANTS: 'true' });
    expect(result.autoMlGrants).toBe('skipped');
    expect(lines.some((l) => l.level === 40 && /AutoML grants skipped/.test(l.msg))).toBe(true);
    expect(await appGrantsShown()).toEqual(LEAST_PRIVILEGE);
  });

  it('exits 0 from its bundle when the database is ready, 1 with the reason when the admin login fails', async () => {
    const main = fileURLToPath(new URL('../bundle/main.js', import.meta.url));
    const exitOf = (env: Record<string, string>) =>
      new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [main], {
          env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, out }));
      });
    const ok = await exitOf(bootstrapEnv(SECOND_PASSWORD));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('bootstrap finished');
    const denied = await exitOf(bootstrapEnv(SECOND_PASSWORD, { MYSQL_PASSWORD: 'not-the-root-password' }));
    expect(denied.code).toBe(1);
    expect(denied.out).toMatch(/"level":60.*step connect: cannot connect to MySQL .* as root/);
    expect(denied.out).not.toContain(SECOND_PASSWORD);
  });
});
