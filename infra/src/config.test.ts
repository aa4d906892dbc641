import { describe, expect, it } from 'vitest';
import { loadInfraConfig } from './config.js';

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
