import { createLogger } from '@lakehouse/runtime';
import { kafkaClientConfig } from '@lakehouse/streaming';
import { envExampleKeys } from '@lakehouse/testing';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PRODUCER_CONTRACT, acceptedKeys } from '@lakehouse/contracts';
import { loadConfig } from './config.js';

const OCI = {
  KAFKA_PROFILE: 'oci',
  OCI_STREAM_BOOTSTRAP_SERVERS: 'cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092',
  OCI_TENANCY_NAME: 'acme',
  OCI_USER_NAME: 'producer@acme.com',
  OCI_STREAM_POOL_ID: 'ocid1.streampool.oc1.eu-frankfurt-1.aaaa',
};
const TOKEN = 'Zx8;tok3n(value)';

describe('producer config', () => {
  it('builds exactly the kafkajs configuration OCI Streaming needs: SASL_SSL, PLAIN, tenancy/user/pool', async () => {
    const config = await loadConfig({ ...OCI, OCI_AUTH_TOKEN: TOKEN });
    expect(kafkaClientConfig(config.profile)).toEqual({
      clientId: 'producer',
      brokers: ['cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092'],
      ssl: true,
      sasl: {
        mechanism: 'plain',
        username: 'acme/producer@acme.com/ocid1.streampool.oc1.eu-frankfurt-1.aaaa',
        password: TOKEN,
      },
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: { retries: 5 },
    });
  });

  it('puts the identity domain into the user name', async () => {
    const config = await loadConfig({ ...OCI, OCI_DOMAIN_NAME: 'Default', OCI_AUTH_TOKEN: TOKEN });
    expect(kafkaClientConfig(config.profile).sasl).toMatchObject({
      username: 'acme/Default/producer@acme.com/ocid1.streampool.oc1.eu-frankfurt-1.aaaa',
    });
  });

  it('reads the auth token from Vault with the configured credentials', async () => {
    const asked: string[] = [];
    const config = await loadConfig(
      {
        ...OCI,
        OCI_AUTH_TOKEN_SECRET_OCID: 'ocid1.vaultsecret.oc1.eu-frankfurt-1.bbbb',
        OCI_AUTH: 'config_file',
      },
      async (secretId) => {
        asked.push(secretId);
        return TOKEN;
      },
    );
    expect(asked).toEqual(['ocid1.vaultsecret.oc1.eu-frankfurt-1.bbbb']);
    expect(config.profile).toMatchObject({ kind: 'oci', authToken: TOKEN });
  });

  it('never writes the token to a log line', async () => {
    const config = await loadConfig({ ...OCI, OCI_AUTH_TOKEN: TOKEN });
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString('utf8');
        done();
      },
    });
    const logger = createLogger({ name: 'producer' }, sink);
    logger.info({ profile: config.profile, kafka: kafkaClientConfig(config.profile) }, 'connecting');
    expect(written).toContain('acme/producer@acme.com');
    expect(written).not.toContain(TOKEN);
  });

  it('names every missing OCI setting at once', async () => {
    await expect(loadConfig({ KAFKA_PROFILE: 'oci', OCI_TENANCY_NAME: 'acme' })).rejects.toThrow(
      'KAFKA_PROFILE=oci needs OCI_STREAM_BOOTSTRAP_SERVERS, OCI_USER_NAME, OCI_STREAM_POOL_ID, OCI_AUTH_TOKEN_SECRET_OCID (or OCI_AUTH_TOKEN)',
    );
  });

  it('needs brokers for the local profile', async () => {
    await expect(loadConfig({})).rejects.toThrow(/KAFKA_BROKERS is required/);
    const local = await loadConfig({ KAFKA_BROKERS: '127.0.0.1:19092' });
    expect(kafkaClientConfig(local.profile)).toMatchObject({ brokers: ['127.0.0.1:19092'] });
    expect(kafkaClientConfig(local.profile)).not.toHaveProperty('sasl');
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    const known = acceptedKeys(PRODUCER_CONTRACT);
    expect(documented.filter((k) => !known.includes(k))).toEqual([]);
    expect(known.filter((k) => !documented.includes(k))).toEqual([]);
  });
});
