import { defineCommand, parseCommand } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { INFRA_FLAGS, flagsToEnv, loadInfraConfig } from './config.js';

describe('loadInfraConfig', () => {
  it('defaults to all stacks of poc written to cdktf.out', () => {
    const config = loadInfraConfig({});
    expect(config).toMatchObject({ environmentName: 'poc', stack: undefined, outDir: 'cdktf.out' });
    expect(config.environment.name).toBe('poc');
  });

  it('selects one stack of prod and applies the compartment override', () => {
    const config = loadInfraConfig({
      INFRA_ENV: 'prod',
      INFRA_STACK: 'database',
      INFRA_COMPARTMENT_OCID: 'ocid1.compartment.oc1..cccc',
    });
    expect(config.stack).toBe('database');
    expect(config.environment.compartmentOcid).toBe('ocid1.compartment.oc1..cccc');
  });

  it('names every bad key at once', () => {
    expect(() => loadInfraConfig({ INFRA_ENV: 'staging', INFRA_STACK: 'dns' })).toThrow(
      /INFRA_ENV.*INFRA_STACK/s,
    );
  });
});

describe('state backend', () => {
  it('keeps state in an Object Storage bucket through the S3-compatible endpoint when INFRA_STATE_BUCKET is set', async () => {
    const { synthEnvironment } = await import('./testing/synth-environment.js');
    const config = loadInfraConfig({ INFRA_STATE_BUCKET: 'tfstate', INFRA_OCIR_NAMESPACE: 'acme' });
    const json = synthEnvironment(config.environment).byName.network;
    expect(json.terraform?.['backend']).toMatchObject({
      s3: {
        bucket: 'tfstate',
        key: 'lakehouse/poc-network.tfstate',
        endpoints: { s3: 'https://acme.compat.objectstorage.eu-frankfurt-1.oraclecloud.com' },
      },
    });
    const local = synthEnvironment(loadInfraConfig({}).environment).byName.network;
    expect(local.terraform?.['backend']).toEqual({ local: { path: '../../../state/poc-network.tfstate' } });
  });
});

describe('flagsToEnv', () => {
  it('maps --env and --stack (with = or a separate value) and ignores other flags', () => {
    const deploy = defineCommand({
      name: 'deploy',
      flags: { ...INFRA_FLAGS, 'auto-approve': Type.Boolean({ default: false }) },
      summary: 's',
      build: ({ flags }) => flagsToEnv(flags),
    });
    const parse = (argv: string[]): unknown => {
      const parsed = parseCommand(deploy, argv);
      return parsed.kind === 'command' ? parsed.value : parsed;
    };
    expect(parse(['--env=prod', '--stack', 'database', '--auto-approve'])).toEqual({
      INFRA_ENV: 'prod',
      INFRA_STACK: 'database',
    });
    expect(parse(['--auto-approve'])).toEqual({});
    // A --stack without its value was ignored (and every stack deployed); it is now a usage error.
    expect(() => parse(['--stack', '--auto-approve'])).toThrow(/argument missing|ambiguous/);
    expect(() => parse(['--stack=nope'])).toThrow(/--stack must be/);
  });
});
