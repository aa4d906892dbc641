import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../environments/index.js';
import type { DeployFacts } from './config.js';
import {
  cdktfArguments,
  imagesOf,
  parseImageUrl,
  preflightProblems,
  requiredVariables,
} from './preflight.js';

const ready: DeployFacts = {
  terraformPath: '/usr/bin/terraform',
  cdktfPath: '/usr/bin/cdktf',
  hasOciCredentials: true,
  ociConfigFile: '/home/u/.oci/config',
  terraformVariablesSet: ['mysql_admin_password'],
  isAutoApprove: false,
  isDestroyAllowed: false,
  registryLogins: ['fra.ocir.io'],
  imageStatus: () => 'present',
};
const real = resolveEnvironment('poc', {
  tenancyOcid: 'ocid1.tenancy.oc1..aaaareal',
  compartmentOcid: 'ocid1.compartment.oc1..aaaareal',
  tenancyName: 'acme',
  ocirNamespace: 'acme',
});

describe('preflightProblems', () => {
  it('passes when everything is in place', () => {
    expect(preflightProblems(real, 'database', ready)).toEqual([]);
  });

  it('names every missing prerequisite at once instead of failing late in Terraform', () => {
    const problems = preflightProblems(resolveEnvironment('poc'), 'database', {
      ...ready,
      terraformPath: undefined,
      cdktfPath: undefined,
      hasOciCredentials: false,
      terraformVariablesSet: [],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^config still has example values at tenancyOcid, compartmentOcid, tenancyName/),
      expect.stringMatching(/^terraform is not on PATH/),
      expect.stringMatching(/^the cdktf CLI is not installed: npm install --global cdktf-cli@0\.21\.0/),
      expect.stringMatching(/^no OCI credentials: create profile \[DEFAULT\] in \/home\/u\/\.oci\/config/),
      'set TF_VAR_mysql_admin_password (see infra/README.md, "Secrets at deploy time")',
    ]);
  });

  it('names the producer auth token, a missing OCIR login and an image not pushed yet', () => {
    expect(
      preflightProblems(real, 'producer', { ...ready, registryLogins: [], imageStatus: () => 'absent' }),
    ).toEqual([
      expect.stringMatching(/^not logged in to fra\.ocir\.io: docker login fra\.ocir\.io/),
      'image fra.ocir.io/acme/lakehouse/producer:0.1.0 is not in OCIR: build and push it first (see infra/README.md, "Images")',
      'set TF_VAR_producer_auth_token (see infra/README.md, "Secrets at deploy time")',
    ]);
    expect(preflightProblems(real, 'api', { ...ready, imageStatus: () => 'unknown' })).toEqual([
      expect.stringMatching(
        /^cannot check that fra\.ocir\.io\/acme\/lakehouse\/api:0\.1\.0 is in OCIR: install the OCI CLI/,
      ),
    ]);
    expect(parseImageUrl('fra.ocir.io/acme/lakehouse/api:0.1.0')).toEqual({
      host: 'fra.ocir.io',
      repository: 'lakehouse/api',
      tag: '0.1.0',
    });
  });

  it('wants the DB bootstrap image pushed before the bootstrap stack, and each image only before its own stack', () => {
    expect(imagesOf(real, 'bootstrap')).toEqual(['fra.ocir.io/acme/lakehouse/db-bootstrap:0.1.0']);
    expect(preflightProblems(real, 'bootstrap', { ...ready, imageStatus: () => 'absent' })).toEqual([
      'image fra.ocir.io/acme/lakehouse/db-bootstrap:0.1.0 is not in OCIR: build and push it first (see infra/README.md, "Images")',
    ]);
    expect(imagesOf(real, 'database')).toEqual([]);
  });

  it('requires one stack', () => {
    expect(preflightProblems(real, undefined, ready)).toEqual([expect.stringMatching(/^choose one stack/)]);
  });
});

describe('requiredVariables and cdktfArguments', () => {
  it('asks for the OAC token and catalog type keys only when config does not give them', () => {
    expect(requiredVariables(real, 'analytics')).toEqual(['oac_idcs_access_token']);
    expect(
      requiredVariables(
        { ...real, analytics: { ...real.analytics, identityDomainOcid: 'ocid1.domain.oc1..x' } },
        'analytics',
      ),
    ).toEqual([]);
    expect(requiredVariables(real, 'catalog')).toHaveLength(2);
    expect(requiredVariables(real, 'network')).toEqual([]);
  });

  it('builds the cdktf CLI call for one stack', () => {
    expect(cdktfArguments('diff', 'poc-network', true)).toEqual(['diff', 'poc-network', '--skip-synth']);
    expect(cdktfArguments('deploy', 'poc-network', true)).toEqual([
      'deploy',
      'poc-network',
      '--skip-synth',
      '--auto-approve',
    ]);
    expect(cdktfArguments('destroy', 'poc-api', false)).toEqual(['destroy', 'poc-api', '--skip-synth']);
  });
});
