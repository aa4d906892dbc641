import { acceptedKeys, secretOcidKey } from '@lakehouse/contracts';
import { describe, expect, it } from 'vitest';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import { synthEnvironment } from '../testing/synth-environment.js';
import { DEPLOYED_WORKLOADS, resolvedEnvironment, synthesizedWorkloads } from './deployed-workloads.js';
import { placeholderValue } from './placeholder-values.js';
import { referencesIn } from './terraform-references.js';

describe.each([POC, PROD])('the settings Terraform gives each workload of $name', (env) => {
  const { model } = synthEnvironment(env);
  const workloads = synthesizedWorkloads(model);

  it('covers every deployed workload, each once', () => {
    expect(workloads.map((w) => w.workload).sort()).toEqual(Object.keys(DEPLOYED_WORKLOADS).sort());
  });

  it.each(Object.keys(DEPLOYED_WORKLOADS))(
    '%s: only keys its contract accepts, every key it expects',
    (name) => {
      const workload = workloads.find((w) => w.workload === name)!;
      const accepted = acceptedKeys(workload.kind.contract);
      const keys = Object.keys(workload.environment);
      expect(keys.filter((k) => !accepted.includes(k))).toEqual([]);
      expect(workload.kind.contract.fromInfra.filter((k) => !keys.includes(k))).toEqual([]);
    },
  );

  it.each(Object.keys(DEPLOYED_WORKLOADS))(
    '%s: its own config parser accepts the environment, every secret read from a Vault secret infra creates',
    async (name) => {
      const workload = workloads.find((w) => w.workload === name)!;
      const { contract } = workload.kind;
      for (const secret of contract.secrets) {
        expect(workload.environment[secret], `${secret} given as a value`).toBeUndefined();
        const ocidValue = workload.environment[secretOcidKey(secret)];
        if (ocidValue === undefined) continue;
        const leaves = referencesIn(model, workload.stackId, ocidValue);
        expect(leaves.map((l) => `${l.type}.${l.attribute}`)).toEqual(['oci_vault_secret.id']);
      }
      const asked: string[] = [];
      const settings = await workload.kind.parse(
        resolvedEnvironment(model, workload, (leaf) => placeholderValue(env, leaf)),
        async (ocid) => {
          asked.push(ocid);
          return `stand-in value of ${ocid}`;
        },
      );
      expect(settings).toBeDefined();
      const secretsGiven = contract.secrets.filter(
        (s) => workload.environment[secretOcidKey(s)] !== undefined,
      );
      expect(asked).toHaveLength(secretsGiven.length);
    },
  );
});

describe('the contract tests', () => {
  it('name a workload whose settings Terraform gives but no contract knows', () => {
    const { model } = synthEnvironment(POC);
    const container = model.resources('oci_container_instances_container_instance')[0]!;
    const tags = container.body['freeform_tags'] as Record<string, string>;
    const original = tags['workload'];
    tags['workload'] = 'unknown-app';
    try {
      expect(() => synthesizedWorkloads(model)).toThrow(/no workload tag naming a contract/);
    } finally {
      tags['workload'] = original!;
    }
  });

  it('refuse a reference they have no placeholder for', () => {
    expect(() =>
      placeholderValue(POC, {
        stackId: 's',
        kind: 'resource',
        type: 'oci_core_vcn',
        name: 'vcn',
        attribute: 'cidr_block',
        expression: 'oci_core_vcn.vcn.cidr_block',
      }),
    ).toThrow(/no placeholder/);
  });
});
