import { describe, expect, it } from 'vitest';
import { kafkaClientConfig, ociSaslUsername, type OciKafkaProfile } from './kafka-client-config.js';

const oci: OciKafkaProfile = {
  kind: 'oci',
  bootstrapServers: 'cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092',
  tenancyName: 'acme',
  userName: 'ingest@acme.example',
  streamPoolId: 'ocid1.streampool.oc1.eu-frankfurt-1.aaaa',
  authToken: 'tok3n-s3cret',
};

describe('kafkaClientConfig', () => {
  it('builds a PLAINTEXT config for the local broker', () => {
    expect(kafkaClientConfig({ kind: 'local', brokers: ['127.0.0.1:19092'] })).toEqual({
      clientId: 'lakehouse',
      brokers: ['127.0.0.1:19092'],
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: { retries: 5 },
    });
  });

  it('applies tuning and splits comma separated broker lists', () => {
    expect(
      kafkaClientConfig({
        kind: 'local',
        brokers: ['a:1, b:2', 'c:3'],
        clientId: 'stack',
        connectionTimeoutMs: 500,
        requestTimeoutMs: 2_000,
        maxRetries: 0,
      }),
    ).toEqual({
      clientId: 'stack',
      brokers: ['a:1', 'b:2', 'c:3'],
      connectionTimeout: 500,
      requestTimeout: 2_000,
      retry: { retries: 0 },
    });
  });

  it('builds SASL_SSL PLAIN with the tenancy/user/pool user name for OCI Streaming', () => {
    expect(kafkaClientConfig(oci)).toEqual({
      clientId: 'lakehouse',
      brokers: ['cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092'],
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: { retries: 5 },
      ssl: true,
      sasl: {
        mechanism: 'plain',
        username: 'acme/ingest@acme.example/ocid1.streampool.oc1.eu-frankfurt-1.aaaa',
        password: 'tok3n-s3cret',
      },
    });
  });

  it('puts the identity domain between tenancy and user', () => {
    expect(ociSaslUsername({ ...oci, domainName: 'OracleIdentityCloudService' })).toBe(
      'acme/OracleIdentityCloudService/ingest@acme.example/ocid1.streampool.oc1.eu-frankfurt-1.aaaa',
    );
  });

  it('names every missing OCI field at once without echoing the token', () => {
    const err = (() => {
      try {
        kafkaClientConfig({ ...oci, bootstrapServers: ' ', tenancyName: '', authToken: '' });
        return undefined;
      } catch (e: unknown) {
        return e;
      }
    })();
    expect(err).toMatchObject({
      code: 'CONFIG_INVALID',
      context: { keys: ['bootstrapServers', 'tenancyName', 'authToken'] },
    });
    expect(String((err as Error).message)).not.toContain('tok3n');
  });

  it('rejects a local profile without brokers', () => {
    expect(() => kafkaClientConfig({ kind: 'local', brokers: [] })).toThrow(/at least one broker/);
  });
});
