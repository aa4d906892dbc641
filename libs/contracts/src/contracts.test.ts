import { describe, expect, it } from 'vitest';
import { API_CONTRACT } from './api.js';
import { INGEST_FN_CONTRACT } from './ingest-fn.js';
import { PRODUCER_CONTRACT } from './producer.js';
import { acceptedKeys, loadWorkloadEnv, type Env } from './workload-contract.js';

const OCID = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaa';

describe('the workload contracts', () => {
  it('take every password and token only as a secret', () => {
    for (const contract of [INGEST_FN_CONTRACT, API_CONTRACT, PRODUCER_CONTRACT]) {
      const keys = acceptedKeys(contract);
      const secretLooking = keys.filter(
        (k) => /PASSWORD|TOKEN|SECRET/.test(k) && !k.endsWith('_SECRET_OCID'),
      );
      expect(secretLooking.filter((k) => !(contract.secrets as readonly string[]).includes(k))).toEqual([]);
    }
  });

  it('let the ingest function and the API reach MySQL with the password from Vault', async () => {
    const settings = [
      ['ingest-fn', (env: Env) => loadWorkloadEnv(INGEST_FN_CONTRACT, env, async () => 'pw')],
      ['api', (env: Env) => loadWorkloadEnv(API_CONTRACT, env, async () => 'pw')],
    ] as const;
    for (const [, load] of settings) {
      const env = await load({
        MYSQL_HOST: 'heatwave.db.example',
        MYSQL_USER: 'app',
        MYSQL_DATABASE: 'telemetry',
        MYSQL_PASSWORD_SECRET_OCID: OCID,
      });
      expect(env).toMatchObject({ MYSQL_PASSWORD: 'pw', MYSQL_PORT: 3306, OCI_AUTH: 'resource_principal' });
    }
  });

  it('let the producer take its Streaming auth token from Vault', async () => {
    const env = await loadWorkloadEnv(
      PRODUCER_CONTRACT,
      { KAFKA_PROFILE: 'oci', OCI_AUTH_TOKEN_SECRET_OCID: OCID },
      async () => 'token',
    );
    expect(env).toMatchObject({ OCI_AUTH_TOKEN: 'token', STREAM_NAME: 'telemetry.readings.v1' });
  });
});
