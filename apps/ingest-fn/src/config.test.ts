import { envExampleKeys } from '@lakehouse/testing';
import { describe, expect, it } from 'vitest';
import { INGEST_ENV_KEYS, loadConfig } from './config.js';

const BASE = { MYSQL_HOST: 'db.private.example', MYSQL_USER: 'ingest', MYSQL_DATABASE: 'lakehouse' };
const SECRET_ID = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.cccc';

describe('ingest-fn config', () => {
  it('reads the database password from Vault and verifies the server identity off loopback', async () => {
    const asked: string[] = [];
    const config = await loadConfig({ ...BASE, MYSQL_PASSWORD_SECRET_OCID: SECRET_ID }, async (id) => {
      asked.push(id);
      return 'from-vault';
    });
    expect(asked).toEqual([SECRET_ID]);
    expect(config.sql).toMatchObject({
      password: 'from-vault',
      tlsMode: 'verify-identity',
      host: 'db.private.example',
    });
    expect(config).toMatchObject({
      maxMessageBytes: 1_048_576,
      maxFutureSkewMs: 300_000,
      modelRefreshMs: 30_000,
    });
  });

  it('refuses a password in both places', async () => {
    await expect(
      loadConfig({ ...BASE, MYSQL_PASSWORD: 'x', MYSQL_PASSWORD_SECRET_OCID: SECRET_ID }, async () => 'y'),
    ).rejects.toThrow(/not both/);
  });

  it('names a missing password and bad settings', async () => {
    await expect(loadConfig(BASE)).rejects.toThrow(/MYSQL_PASSWORD/);
    await expect(
      loadConfig({ ...BASE, MYSQL_PASSWORD: 'x', INGEST_MAX_MESSAGE_BYTES: '10' }),
    ).rejects.toThrow(/INGEST_MAX_MESSAGE_BYTES/);
  });

  it('fails fast without OCI credentials when the secret must come from Vault', async () => {
    await expect(loadConfig({ ...BASE, MYSQL_PASSWORD_SECRET_OCID: SECRET_ID })).rejects.toThrow(
      /OCI_RESOURCE_PRINCIPAL_VERSION/,
    );
  });

  it('folds episodes with a hold of 3 readings by default, or in seconds when told', async () => {
    const local = { ...BASE, MYSQL_HOST: '127.0.0.1', MYSQL_PASSWORD: 'x' };
    expect((await loadConfig(local)).episodes).toEqual({
      openThreshold: 0.6,
      resolveThreshold: 0.5,
      hold: { unit: 'readings', readings: 3 },
      resolveAfterMs: 120_000,
    });
    expect((await loadConfig({ ...local, ALERT_HOLD_SECONDS: '30' })).episodes.hold).toEqual({
      unit: 'seconds',
      seconds: 30,
    });
  });

  it('refuses a hold in both units and a resolve threshold not below the open threshold', async () => {
    const local = { ...BASE, MYSQL_HOST: '127.0.0.1', MYSQL_PASSWORD: 'x' };
    await expect(
      loadConfig({ ...local, ALERT_HOLD_SECONDS: '30', ALERT_HOLD_READINGS: '2' }),
    ).rejects.toThrow(/not both/);
    await expect(
      loadConfig({ ...local, ALERT_OPEN_THRESHOLD: '0.5', ALERT_RESOLVE_THRESHOLD: '0.5' }),
    ).rejects.toThrow(/resolveThreshold/);
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    expect(documented.filter((k) => !INGEST_ENV_KEYS.includes(k))).toEqual([]);
    expect(INGEST_ENV_KEYS.filter((k) => !documented.includes(k))).toEqual([]);
  });
});
