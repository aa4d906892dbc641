import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  acceptedKeys,
  defineWorkloadContract,
  loadWorkloadEnv,
  noSecretReader,
  secretOcidKey,
  workloadEnvironment,
} from './workload-contract.js';

const OCID = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaa';
const contract = defineWorkloadContract({
  workload: 'demo',
  host: 'container-instance',
  schema: Type.Object({
    HOST: Type.String({ minLength: 1 }),
    PORT: Type.Integer({ minimum: 1, default: 8080 }),
    PASSWORD: Type.String({ minLength: 1 }),
  }),
  secrets: ['PASSWORD'],
  fromInfra: ['HOST', 'PASSWORD_SECRET_OCID'],
});

describe('workload contracts', () => {
  it('accepts each setting and the <NAME>_SECRET_OCID of each secret', () => {
    expect(secretOcidKey('PASSWORD')).toBe('PASSWORD_SECRET_OCID');
    expect(acceptedKeys(contract)).toEqual(['HOST', 'PORT', 'PASSWORD', 'PASSWORD_SECRET_OCID']);
  });

  it('refuses a contract whose secrets or infra keys are not settings, or that takes a secret as a value', () => {
    const schema = Type.Object({ A: Type.String() });
    expect(() =>
      defineWorkloadContract({
        workload: 'x',
        host: 'operator',
        schema,
        secrets: ['B' as 'A'],
        fromInfra: [],
      }),
    ).toThrow(/secret B is not a setting/);
    expect(() =>
      defineWorkloadContract({ workload: 'x', host: 'operator', schema, secrets: [], fromInfra: ['C'] }),
    ).toThrow(/infra key C is not accepted/);
    expect(() =>
      defineWorkloadContract({ workload: 'x', host: 'operator', schema, secrets: ['A'], fromInfra: ['A'] }),
    ).toThrow(/secret A must come from infra as A_SECRET_OCID/);
  });

  it('reads a secret from the Vault secret its <NAME>_SECRET_OCID names, and converts the rest', async () => {
    const asked: string[] = [];
    const env = await loadWorkloadEnv(contract, { HOST: 'h', PASSWORD_SECRET_OCID: OCID }, async (ocid) => {
      asked.push(ocid);
      return 'from-vault';
    });
    expect(asked).toEqual([OCID]);
    expect(env).toEqual({ HOST: 'h', PORT: 8080, PASSWORD: 'from-vault' });
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('takes a secret given directly (local runs) without asking Vault', async () => {
    const env = await loadWorkloadEnv(contract, { HOST: 'h', PASSWORD: 'local', PORT: '9' }, noSecretReader);
    expect(env).toEqual({ HOST: 'h', PORT: 9, PASSWORD: 'local' });
  });

  it('refuses a secret in both forms and an OCID that is not a Vault secret, naming the keys', async () => {
    await expect(
      loadWorkloadEnv(contract, { HOST: 'h', PASSWORD: 'x', PASSWORD_SECRET_OCID: OCID }, noSecretReader),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/set PASSWORD or PASSWORD_SECRET_OCID, not both/),
      context: { keys: ['PASSWORD', 'PASSWORD_SECRET_OCID'] },
    });
    await expect(
      loadWorkloadEnv(contract, { HOST: 'h', PASSWORD_SECRET_OCID: 'ocid1.key.oc1..x' }, noSecretReader),
    ).rejects.toMatchObject({ context: { keys: ['PASSWORD_SECRET_OCID'] } });
  });

  it('names every missing or bad setting at once', async () => {
    await expect(loadWorkloadEnv(contract, { PORT: '0' }, noSecretReader)).rejects.toMatchObject({
      context: { keys: expect.arrayContaining(['HOST', 'PORT', 'PASSWORD']) as unknown },
    });
  });

  it('fails when a secret must be read but no Vault access is configured', async () => {
    await expect(noSecretReader(OCID)).rejects.toThrow(/no Vault access/);
  });

  it('builds the environment infra gives, refusing unknown keys, plain secrets and missing infra keys', () => {
    expect(workloadEnvironment(contract, { HOST: 'h', PASSWORD_SECRET_OCID: OCID, PORT: undefined })).toEqual(
      {
        HOST: 'h',
        PASSWORD_SECRET_OCID: OCID,
      },
    );
    expect(() =>
      workloadEnvironment(contract, { HOST: 'h', PASSWORD_SECRET_OCID: OCID, HOSTNAME: 'x' }),
    ).toThrow(/HOSTNAME is not a setting of demo/);
    expect(() => workloadEnvironment(contract, { HOST: 'h', PASSWORD: 'p' })).toThrow(
      /PASSWORD is a secret: give PASSWORD_SECRET_OCID.*PASSWORD_SECRET_OCID is missing/,
    );
  });
});
