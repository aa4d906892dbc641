import { envExampleKeys } from '@lakehouse/testing';
import { describe, expect, it } from 'vitest';
import { API_ENV_KEYS, DEFAULT_WEB_DIR, loadConfig } from './config.js';

const BASE = { MYSQL_HOST: '127.0.0.1', MYSQL_USER: 'api', MYSQL_PASSWORD: 'x', MYSQL_DATABASE: 'lakehouse' };
const SECRET_OCID = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaa';

describe('api config', () => {
  it('applies defaults', async () => {
    const config = await loadConfig(BASE);
    expect(config).toMatchObject({
      port: 8080,
      corsOrigins: [],
      jwtSecret: null,
      alertThreshold: 0.6,
      webDir: DEFAULT_WEB_DIR,
    });
    expect(DEFAULT_WEB_DIR).toMatch(/apps\/api\/web\/dist$/);
  });

  it('reads the database password from the Vault secret named by MYSQL_PASSWORD_SECRET_OCID', async () => {
    const withoutPassword = { ...BASE, MYSQL_PASSWORD: undefined };
    const asked: string[] = [];
    const config = await loadConfig(
      { ...withoutPassword, MYSQL_HOST: 'heatwave.db.example', MYSQL_PASSWORD_SECRET_OCID: SECRET_OCID },
      async (ocid) => {
        asked.push(ocid);
        return 'from-vault';
      },
    );
    expect(asked).toEqual([SECRET_OCID]);
    expect(config.sql).toMatchObject({ password: 'from-vault', tlsMode: 'verify-identity' });
  });

  it('parses CORS origins and refuses anything that is not an origin', async () => {
    expect(
      (await loadConfig({ ...BASE, API_CORS_ORIGINS: 'https://ops.example, http://localhost:5173' }))
        .corsOrigins,
    ).toEqual(['https://ops.example', 'http://localhost:5173']);
    await expect(loadConfig({ ...BASE, API_CORS_ORIGINS: '*' })).rejects.toThrow(/API_CORS_ORIGINS/);
  });

  it('names every bad key at once, and refuses a short JWT secret', async () => {
    const failure = await loadConfig({
      ...BASE,
      API_PORT: 'http',
      API_ALERT_THRESHOLD: '2',
      API_JWT_SECRET: 'short',
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((failure as { context: { keys: string[] } }).context.keys.sort()).toEqual([
      'API_ALERT_THRESHOLD',
      'API_JWT_SECRET',
      'API_PORT',
    ]);
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    expect(documented.filter((k) => !API_ENV_KEYS.includes(k))).toEqual([]);
    expect(API_ENV_KEYS.filter((k) => !documented.includes(k))).toEqual([]);
  });
});
