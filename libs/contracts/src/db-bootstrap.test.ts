import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  DB_BOOTSTRAP_CONTRACT,
  acceptedKeys,
  defineWorkloadContract,
  loadWorkloadEnv,
  noSecretReader,
  secretOcidKey,
  workloadEnvironment,
} from './index.js';

const ADMIN_SECRET = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.admin';
const APP_SECRET = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.app';

/** What infra gives the bootstrap container (see infra/src/stacks/bootstrap-stack.ts). */
const FROM_INFRA = {
  MYSQL_HOST: 'heatwave.db.lakepoc.oraclevcn.com',
  MYSQL_PORT: '3306',
  MYSQL_USER: 'lakeadmin',
  MYSQL_DATABASE: 'telemetry',
  MYSQL_TLS_MODE: 'verify-identity',
  MYSQL_PASSWORD_SECRET_OCID: ADMIN_SECRET,
  DB_BOOTSTRAP_APP_USER: 'lakehouse_app',
  DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID: APP_SECRET,
  DB_BOOTSTRAP_AUTOML_GRANTS: 'false',
  OCI_AUTH: 'resource_principal',
  LOG_LEVEL: 'info',
};

const vault = (values: Record<string, string>) => {
  const asked: string[] = [];
  const read = async (ocid: string): Promise<string> => {
    asked.push(ocid);
    const value = values[ocid];
    if (value === undefined) throw new Error(`no secret ${ocid}`);
    return value;
  };
  return { asked, read };
};

describe('DB_BOOTSTRAP_CONTRACT', () => {
  it('reads the admin and the app passwords from their own Vault secrets', async () => {
    const { asked, read } = vault({ [ADMIN_SECRET]: 'admin-pw', [APP_SECRET]: 'app-pw' });
    const env = await loadWorkloadEnv(DB_BOOTSTRAP_CONTRACT, FROM_INFRA, read);
    expect(asked.sort()).toEqual([ADMIN_SECRET, APP_SECRET].sort());
    expect(env).toMatchObject({
      MYSQL_USER: 'lakeadmin',
      MYSQL_PASSWORD: 'admin-pw',
      DB_BOOTSTRAP_APP_PASSWORD: 'app-pw',
      DB_BOOTSTRAP_APP_HOST: '%',
      DB_BOOTSTRAP_AUTOML_GRANTS: false,
    });
  });

  it('accepts exactly the settings plus one <NAME>_SECRET_OCID per secret', () => {
    const keys = acceptedKeys(DB_BOOTSTRAP_CONTRACT);
    expect(keys).toContain(secretOcidKey('DB_BOOTSTRAP_APP_PASSWORD'));
    expect(keys).toContain('MYSQL_PASSWORD_SECRET_OCID');
    expect(keys).toContain('MYSQL_TLS_CA_FILE');
    expect(keys.filter((k) => k.endsWith('_SECRET_OCID'))).toHaveLength(2);
  });

  it('refuses an app user name AutoML cannot train for (a period) or MySQL cannot store (over 32 characters)', async () => {
    for (const user of ['lakehouse.app', 'u'.repeat(33)]) {
      await expect(
        loadWorkloadEnv(
          DB_BOOTSTRAP_CONTRACT,
          { ...FROM_INFRA, DB_BOOTSTRAP_APP_USER: user },
          vault({ [ADMIN_SECRET]: 'a', [APP_SECRET]: 'b' }).read,
        ),
      ).rejects.toThrow(/DB_BOOTSTRAP_APP_USER/);
    }
  });

  it('refuses a secret given both directly and as a Vault OCID, and an OCID that is not a Vault secret', async () => {
    await expect(
      loadWorkloadEnv(
        DB_BOOTSTRAP_CONTRACT,
        { ...FROM_INFRA, DB_BOOTSTRAP_APP_PASSWORD: 'x' },
        noSecretReader,
      ),
    ).rejects.toThrow(/set DB_BOOTSTRAP_APP_PASSWORD or DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID, not both/);
    await expect(
      loadWorkloadEnv(
        DB_BOOTSTRAP_CONTRACT,
        { ...FROM_INFRA, MYSQL_PASSWORD_SECRET_OCID: 'ocid1.key.oc1..x' },
        noSecretReader,
      ),
    ).rejects.toThrow(/MYSQL_PASSWORD_SECRET_OCID: must be a Vault secret OCID/);
  });

  it('takes secrets directly for local runs, and fails clearly when a Vault secret has no reader', async () => {
    const local = {
      MYSQL_HOST: '127.0.0.1',
      MYSQL_USER: 'root',
      MYSQL_PASSWORD: 'root-pw',
      MYSQL_DATABASE: 'it_x',
      DB_BOOTSTRAP_APP_USER: 'itu',
      DB_BOOTSTRAP_APP_PASSWORD: 'app-pw',
    };
    await expect(loadWorkloadEnv(DB_BOOTSTRAP_CONTRACT, local, noSecretReader)).resolves.toMatchObject({
      MYSQL_PASSWORD: 'root-pw',
    });
    await expect(loadWorkloadEnv(DB_BOOTSTRAP_CONTRACT, FROM_INFRA, noSecretReader)).rejects.toThrow(
      /no Vault access is configured/,
    );
  });

  it('builds the infra environment and names every key infra gets wrong', () => {
    expect(workloadEnvironment(DB_BOOTSTRAP_CONTRACT, FROM_INFRA)).toEqual(FROM_INFRA);
    const missing = Object.fromEntries(
      Object.entries(FROM_INFRA).filter(([key]) => key !== 'DB_BOOTSTRAP_APP_USER'),
    );
    expect(() =>
      workloadEnvironment(DB_BOOTSTRAP_CONTRACT, {
        ...missing,
        DB_BOOTSTRAP_APP_PASSWORD: 'plain',
        TYPO_KEY: 'x',
        MYSQL_TLS_CA_FILE: undefined,
      }),
    ).toThrow(
      'environment of db-bootstrap: TYPO_KEY is not a setting of db-bootstrap; DB_BOOTSTRAP_APP_PASSWORD is a secret: give DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID (the Vault secret) instead of the value; DB_BOOTSTRAP_APP_USER is missing (db-bootstrap expects it from infra)',
    );
  });
});

describe('defineWorkloadContract', () => {
  it('rejects a contract whose secrets or infra keys do not match its settings', () => {
    expect(() =>
      defineWorkloadContract({
        workload: 'broken',
        host: 'operator',
        schema: Type.Object({ A: Type.String(), B: Type.String() }),
        secrets: ['B', 'C' as 'A'],
        fromInfra: ['A', 'B', 'D'],
      }),
    ).toThrow(
      'contract of broken: secret C is not a setting; infra key D is not accepted; secret B must come from infra as B_SECRET_OCID',
    );
  });
});
