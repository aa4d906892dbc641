import { describe, expect, it } from 'vitest';
import {
  localLeafValue,
  localObjectPath,
  localSecretOcid,
  toLocalDataflowParameters,
  toLocalEnvironment,
  type LocalTarget,
} from './local-equivalents.js';

const target: LocalTarget = {
  mariadb: { host: '127.0.0.1', port: 13306 },
  admin: { oci: 'lakeadmin', local: 'root' },
  brokers: ['127.0.0.1:19092'],
  bucketsDir: '/tmp/buckets',
  vaultFile: '/tmp/vault.json',
  suffix: '_rx',
};
const leaf = (type: string, name: string, attribute: string) => ({
  stackId: 'poc-x',
  kind: 'resource' as const,
  type,
  name,
  attribute,
  expression: `${type}.${name}.${attribute}`,
});

describe('local equivalents of OCI values', () => {
  it('turn Vault secrets into stand-in OCIDs and other references into local values', () => {
    expect(localLeafValue(leaf('oci_vault_secret', 'mysql_app_secret', 'id'))).toBe(
      localSecretOcid('mysql_app_secret'),
    );
    expect(localSecretOcid('mysql_app_secret')).toMatch(/^ocid1\.vaultsecret\./);
    expect(localLeafValue(leaf('oci_streaming_stream_pool', 'stream_pool', 'id'))).toMatch(
      /^ocid1\.streampool\./,
    );
    expect(() => localLeafValue(leaf('oci_core_vcn', 'vcn', 'cidr_block'))).toThrow(/no local equivalent/);
  });

  it('map the DB endpoint, the stream pool, the resource principal and the API port, and keep the rest', () => {
    const local = toLocalEnvironment(
      {
        MYSQL_HOST: 'heatwave.db.rehearsal.invalid',
        MYSQL_PORT: '3306',
        MYSQL_TLS_MODE: 'verify-identity',
        MYSQL_TLS_CA_FILE: '/etc/ca.pem',
        MYSQL_USER: 'lakehouse_app',
        MYSQL_DATABASE: 'telemetry',
        OCI_AUTH: 'resource_principal',
        KAFKA_PROFILE: 'oci',
        OCI_TENANCY_NAME: 'acme',
        STREAM_NAME: 'telemetry.readings.v1',
        API_HOST: '0.0.0.0',
        API_PORT: '3000',
        LOG_LEVEL: 'info',
      },
      target,
    );
    expect(local).toEqual({
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: '13306',
      MYSQL_TLS_MODE: 'disabled',
      MYSQL_USER: 'lakehouse_app_rx',
      MYSQL_DATABASE: 'telemetry_rx',
      OCI_AUTH: 'resource_principal',
      OCI_VAULT_STAND_IN_FILE: '/tmp/vault.json',
      KAFKA_PROFILE: 'local',
      KAFKA_BROKERS: '127.0.0.1:19092',
      OCI_TENANCY_NAME: 'acme',
      STREAM_NAME: 'telemetry.readings.v1_rx',
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      LOG_LEVEL: 'info',
    });
  });

  it('point the Data Flow parameters at local folders and the local MariaDB, credential unchanged', () => {
    expect(
      toLocalDataflowParameters(
        {
          raw_path: 'oci://lakehouse-poc-raw@ns/',
          silver_path: 'oci://lakehouse-poc-silver@ns',
          jdbc_connection:
            'jdbc:mysql://heatwave.db.rehearsal.invalid:3306/telemetry?sslMode=VERIFY_IDENTITY&connectionTimeZone=UTC',
          jdbc_user: 'lakehouse_app',
          jdbc_credential: 'ocid1.vaultsecre~t.local.x',
        },
        target,
      ),
    ).toEqual({
      raw_path: '/tmp/buckets/lakehouse-poc-raw/',
      silver_path: '/tmp/buckets/lakehouse-poc-silver',
      jdbc_connection: 'jdbc:mysql://127.0.0.1:13306/telemetry_rx?sslMode=DISABLED&connectionTimeZone=UTC',
      jdbc_user: 'lakehouse_app_rx',
      jdbc_credential: 'ocid1.vaultsecre~t.local.x',
    });
  });

  it('play the DB system admin with the local root user, and suffix the app user the bootstrap creates', () => {
    const local = toLocalEnvironment(
      {
        MYSQL_HOST: 'heatwave.db.rehearsal.invalid',
        MYSQL_USER: 'lakeadmin',
        MYSQL_DATABASE: 'telemetry',
        DB_BOOTSTRAP_APP_USER: 'lakehouse_app',
      },
      target,
    );
    expect(local).toMatchObject({
      MYSQL_USER: 'root',
      MYSQL_DATABASE: 'telemetry_rx',
      DB_BOOTSTRAP_APP_USER: 'lakehouse_app_rx',
    });
  });

  it('give the API no notification channel instead of the ONS topic (the outbox keeps the messages pending)', () => {
    const topic = localLeafValue(leaf('oci_ons_notification_topic', 'alert_topic', 'id'));
    expect(topic).toBe('ocid1.onstopic.local.rehearsal.alerttopic');
    const local = toLocalEnvironment({ API_PORT: '3000', ALERT_NOTIFICATIONS_TOPIC_OCID: topic }, target);
    expect(local).not.toHaveProperty('ALERT_NOTIFICATIONS_TOPIC_OCID');
    expect(local).not.toHaveProperty('ALERT_WEBHOOK_URL');
  });

  it('put a bucket object under the local buckets folder', () => {
    expect(localObjectPath('oci://lakehouse-poc-raw@ns/history/', target)).toBe(
      '/tmp/buckets/lakehouse-poc-raw/history/',
    );
    expect(() => localObjectPath('s3://x/y', target)).toThrow(/not an oci:/);
  });
});
