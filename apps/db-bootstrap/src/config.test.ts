import { envExampleKeys } from '@lakehouse/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_BOOTSTRAP_ENV_KEYS, loadConfig } from './config.js';

const ADMIN_SECRET = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.admin';
const APP_SECRET = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.app';
/** What the bootstrap stack gives the container (poc), with the secrets as Vault OCIDs. */
const FROM_INFRA = {
  MYSQL_HOST: 'heatwave.db.lakepoc.oraclevcn.com',
  MYSQL_PORT: '3306',
  MYSQL_USER: 'lakeadmin',
  MYSQL_DATABASE: 'telemetry',
  MYSQL_TLS_MODE: 'verify-identity',
  MYSQL_PASSWORD_SECRET_OCID: ADMIN_SECRET,
  DB_BOOTSTRAP_APP_USER: 'lakehouse_app',
  DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID: APP_SECRET,
  DB_BOOTSTRAP_AUTOML_GRANTS: 'true',
  OCI_AUTH: 'resource_principal',
  LOG_LEVEL: 'info',
};
const vault = async (ocid: string): Promise<string> => (ocid === ADMIN_SECRET ? 'admin-pw' : 'app-pw');

async function problemKeys(env: Record<string, string | undefined>): Promise<string[]> {
  const failure = await loadConfig(env, vault).then(
    () => undefined,
    (err: unknown) => err,
  );
  return [...((failure as { context?: { keys?: string[] } } | undefined)?.context?.keys ?? [])].sort();
}

describe('db-bootstrap config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'db-bootstrap-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the admin connection and the app account from what infra gives, both passwords from Vault', async () => {
    const asked: string[] = [];
    const config = await loadConfig(FROM_INFRA, async (ocid) => {
      asked.push(ocid);
      return vault(ocid);
    });
    expect(asked.sort()).toEqual([ADMIN_SECRET, APP_SECRET].sort());
    expect(config).toMatchObject({
      logLevel: 'info',
      grantAutoMl: true,
      admin: {
        host: 'heatwave.db.lakepoc.oraclevcn.com',
        user: 'lakeadmin',
        password: 'admin-pw',
        database: 'telemetry',
        tlsMode: 'verify-identity',
        // DDL and DCL run one after another on one connection.
        poolSize: 1,
      },
      app: { user: 'lakehouse_app', host: '%', password: 'app-pw' },
    });
  });

  it('refuses an app user that is the admin, a server schema and a user name AutoML cannot train for', async () => {
    expect(await problemKeys({ ...FROM_INFRA, DB_BOOTSTRAP_APP_USER: 'lakeadmin' })).toEqual([
      'DB_BOOTSTRAP_APP_USER',
    ]);
    expect(await problemKeys({ ...FROM_INFRA, MYSQL_DATABASE: 'sys' })).toEqual(['MYSQL_DATABASE']);
    expect(await problemKeys({ ...FROM_INFRA, DB_BOOTSTRAP_APP_USER: 'lakehouse.app' })).toEqual([
      'DB_BOOTSTRAP_APP_USER',
    ]);
  });

  it('fails at start, naming the key, when the CA bundle it is told to verify with is not in the image', async () => {
    expect(await problemKeys({ ...FROM_INFRA, MYSQL_TLS_CA_FILE: join(dir, 'missing.pem') })).toEqual([
      'MYSQL_TLS_CA_FILE',
    ]);
    const ca = join(dir, 'mysql-ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const config = await loadConfig({ ...FROM_INFRA, MYSQL_TLS_CA_FILE: ca }, vault);
    expect(config.admin.tlsCaFile).toBe(ca);
  });

  it('takes both passwords directly for a local run, and never a password and its Vault secret together', async () => {
    const local = {
      MYSQL_HOST: '127.0.0.1',
      MYSQL_USER: 'root',
      MYSQL_PASSWORD: 'root-pw',
      MYSQL_DATABASE: 'it_x',
      DB_BOOTSTRAP_APP_USER: 'itu',
      DB_BOOTSTRAP_APP_PASSWORD: 'itu-pw',
    };
    const config = await loadConfig(local, vault);
    expect(config).toMatchObject({ grantAutoMl: false, admin: { tlsMode: 'disabled' } });
    expect(await problemKeys({ ...local, MYSQL_PASSWORD_SECRET_OCID: ADMIN_SECRET })).toEqual([
      'MYSQL_PASSWORD',
      'MYSQL_PASSWORD_SECRET_OCID',
    ]);
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    expect(documented.filter((k) => !DB_BOOTSTRAP_ENV_KEYS.includes(k))).toEqual([]);
    expect(DB_BOOTSTRAP_ENV_KEYS.filter((k) => !documented.includes(k))).toEqual([]);
  });

  it('lists every key in the config table of the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Config'), readme.indexOf('## What it grants'));
    expect(DB_BOOTSTRAP_ENV_KEYS.filter((k) => !table.includes(`\`${k}\``))).toEqual([]);
  });
});
