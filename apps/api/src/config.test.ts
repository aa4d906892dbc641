import { envExampleKeys } from '@lakehouse/testing';
import { describe, expect, it } from 'vitest';
import { API_ENV_KEYS, DEFAULT_WEB_DIR, loadConfig } from './config.js';

const BASE = { MYSQL_HOST: '127.0.0.1', MYSQL_USER: 'api', MYSQL_PASSWORD: 'x', MYSQL_DATABASE: 'lakehouse' };
const SECRET_OCID = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaa';

describe('api config', () => {
  it('applies defaults', async () => {
    const config = await loadConfig(BASE);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      corsOrigins: [],
      trustProxy: [],
      authFailures: { maxFailures: 20, windowMs: 60_000, lockoutMs: 300_000 },
      jwt: { secret: null, jwksUrl: null, issuer: null, audience: null, clockToleranceS: 30 },
      webDir: DEFAULT_WEB_DIR,
      notifications: {
        channel: null,
        pollMs: 2_000,
        maxPerMinute: 60,
        timeoutMs: 10_000,
        retry: { initialDelayMs: 5_000, maxDelayMs: 600_000 },
      },
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

  it('parses the trusted proxies as addresses and CIDRs, and refuses anything else', async () => {
    expect(
      (await loadConfig({ ...BASE, API_TRUST_PROXY: '10.20.0.0/24, 10.0.0.5,fd00::/8' })).trustProxy,
    ).toEqual(['10.20.0.0/24', '10.0.0.5', 'fd00::/8']);
    for (const bad of ['true', 'loopback', '10.0.0.0/33', '10.0.0.0/24/1', '::1/129', '10.0.0.0/']) {
      await expect(loadConfig({ ...BASE, API_TRUST_PROXY: bad })).rejects.toThrow(/API_TRUST_PROXY/);
    }
  });

  it('names every bad key at once, and refuses a short JWT secret', async () => {
    const failure = await loadConfig({
      ...BASE,
      API_PORT: 'http',
      ALERT_NOTIFY_POLL_MS: '2',
      API_JWT_SECRET: 'short',
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((failure as { context: { keys: string[] } }).context.keys.sort()).toEqual([
      'ALERT_NOTIFY_POLL_MS',
      'API_JWT_SECRET',
      'API_PORT',
    ]);
  });

  it('sends notifications to a webhook or an ONS topic, never both', async () => {
    expect(
      (await loadConfig({ ...BASE, ALERT_WEBHOOK_URL: 'http://127.0.0.1:9099/alerts' })).notifications
        .channel,
    ).toEqual({ kind: 'webhook', url: 'http://127.0.0.1:9099/alerts' });
    const topic = 'ocid1.onstopic.oc1.eu-frankfurt-1.aaaa';
    expect(
      (await loadConfig({ ...BASE, ALERT_NOTIFICATIONS_TOPIC_OCID: topic })).notifications.channel,
    ).toMatchObject({ kind: 'ons', topicOcid: topic, auth: { kind: 'resource_principal' } });
    await expect(
      loadConfig({ ...BASE, ALERT_WEBHOOK_URL: 'http://x.example/', ALERT_NOTIFICATIONS_TOPIC_OCID: topic }),
    ).rejects.toThrow(/not both/);
    await expect(loadConfig({ ...BASE, ALERT_NOTIFICATIONS_TOPIC_OCID: 'topic-1' })).rejects.toThrow(
      /ALERT_NOTIFICATIONS_TOPIC_OCID/,
    );
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    expect(documented.filter((k) => !API_ENV_KEYS.includes(k))).toEqual([]);
    expect(API_ENV_KEYS.filter((k) => !documented.includes(k))).toEqual([]);
  });
});
