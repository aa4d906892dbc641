import { describe, expect, it } from 'vitest';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import { synthEnvironment } from '../testing/synth-environment.js';
import { TerraformModel } from './terraform-model.js';
import { loadOciProviderSchema } from './provider-schema.js';
import { checkPolicies } from './policy-checks.js';
import { checkBlock, validateAgainstSchema } from './schema-validator.js';
import type { TerraformJson } from '../synthesize.js';

const schema = loadOciProviderSchema();
const environments = { poc: synthEnvironment(POC), prod: synthEnvironment(PROD) };

/** A deep copy of a synthesized environment with one stack changed by `mutate`, as a new model. */
function mutated(
  env: 'poc' | 'prod',
  stack: string,
  mutate: (json: Record<string, any>) => void,
): TerraformModel {
  const copy = JSON.parse(JSON.stringify(Object.fromEntries(environments[env].model.stacks))) as Record<
    string,
    TerraformJson
  >;
  mutate(copy[stack] as Record<string, any>);
  return new TerraformModel(copy);
}

describe('schema validator', () => {
  for (const [name, synthesized] of Object.entries(environments)) {
    it(`finds every resource and data source of every ${name} stack valid against provider 8.28.0`, () => {
      let checked = 0;
      const problems = [...synthesized.model.stacks].flatMap(([stack, json]) => {
        checked += Object.values(json.resource ?? {}).length + Object.values(json.data ?? {}).length;
        return validateAgainstSchema(stack, json, schema);
      });
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('reports unknown attributes, missing required attributes, wrong types and block counts', () => {
    const db = schema.resource_schemas['oci_mysql_mysql_db_system']!.block;
    const problems = checkBlock(
      db,
      {
        compartment_id: 'ocid1.compartment.oc1..x',
        availability_domain: 'AD-1',
        shape_name: 'MySQL.2',
        data_storage_size_in_gb: 'fifty',
        is_highly_available: 'maybe',
        nsg_ids: 'not-a-list',
        adminPassword: 'camelCase is not Terraform',
        backup_policy: [{ is_enabled: true }, { is_enabled: false }],
        secure_connections: { certificate_generation_type: 'SYSTEM', unknown_nested: 1 },
        heat_wave_cluster: [],
      },
      '',
      new Set(['//']),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        ['data_storage_size_in_gb', 'expected number, got string "fifty"'],
        ['is_highly_available', 'expected bool, got string "maybe"'],
        ['nsg_ids', expect.stringContaining('expected set')],
        ['adminPassword', 'unknown attribute or block'],
        ['backup_policy', 'at most 1 block(s) allowed, got 2'],
        ['secure_connections.unknown_nested', 'unknown attribute or block'],
        ['heat_wave_cluster', 'is computed by the provider and cannot be set'],
        ['subnet_id', 'required attribute is missing'],
      ]),
    );
  });

  it('accepts Terraform expressions wherever a typed value is expected', () => {
    const cluster = schema.resource_schemas['oci_mysql_heat_wave_cluster']!.block;
    expect(
      checkBlock(
        cluster,
        {
          db_system_id: '${oci_mysql_mysql_db_system.x.id}',
          cluster_size: '${var.nodes}',
          shape_name: 'HeatWave.32GB',
        },
        '',
        new Set(),
      ),
    ).toEqual([]);
  });

  it('flags a resource type that the provider schema does not know', () => {
    const problems = validateAgainstSchema('s', { resource: { oci_core_vnc: { x: {} } } }, schema);
    expect(problems).toEqual([
      {
        stack: 's',
        address: 'resource.oci_core_vnc.x',
        path: '(type)',
        message: 'resource type is not in the provider schema',
      },
    ]);
  });
});

describe('policy checks', () => {
  it('pass for poc and prod', () => {
    expect(checkPolicies(environments.poc.model, POC, schema)).toEqual([]);
    expect(checkPolicies(environments.prod.model, PROD, schema)).toEqual([]);
  });

  it('catch a database moved to the public subnet', () => {
    const model = mutated('poc', 'poc-database', (json) => {
      json.resource.oci_mysql_mysql_db_system.db_system.subnet_id =
        json.resource.oci_mysql_mysql_db_system.db_system.subnet_id.replace('db_subnet', 'public_subnet');
    });
    expect(checkPolicies(model, POC, schema).map((v) => v.rule)).toContain('private-workloads');
  });

  it('catch a stream pool without a private endpoint and a container with a public IP', () => {
    const model = mutated('poc', 'poc-streaming', (json) => {
      delete json.resource.oci_streaming_stream_pool.stream_pool.private_endpoint_settings;
    });
    expect(checkPolicies(model, POC, schema)).toEqual([
      expect.objectContaining({
        rule: 'private-workloads',
        address: 'poc-streaming:oci_streaming_stream_pool.stream_pool',
      }),
    ]);
    const exposed = mutated('poc', 'poc-producer', (json) => {
      json.resource.oci_container_instances_container_instance.producer.vnics[0].is_public_ip_assigned = true;
    });
    expect(checkPolicies(exposed, POC, schema).map((v) => v.address)).toContain(
      'poc-producer:oci_container_instances_container_instance.producer',
    );
  });

  it('catch SSH or MySQL opened to the internet', () => {
    const model = mutated('poc', 'poc-network', (json) => {
      json.resource.oci_core_network_security_group_security_rule.db_from_app_3306.source = '0.0.0.0/0';
      json.resource.oci_core_security_list.public_security_list.ingress_security_rules.push({
        protocol: '6',
        source: '0.0.0.0/0',
        tcp_options: { min: 22, max: 22 },
      });
    });
    const violations = checkPolicies(model, POC, schema).filter((v) => v.rule === 'internet-ingress');
    expect(violations.map((v) => v.address).sort()).toEqual([
      'poc-network:oci_core_network_security_group_security_rule.db_from_app_3306',
      'poc-network:oci_core_security_list.public_security_list',
    ]);
  });

  it('catch a public, unversioned or unencrypted bucket', () => {
    const model = mutated('poc', 'poc-storage', (json) => {
      json.resource.oci_objectstorage_bucket.raw_bucket.access_type = 'ObjectRead';
      json.resource.oci_objectstorage_bucket.silver_bucket.versioning = 'Disabled';
      delete json.resource.oci_objectstorage_bucket.logs_bucket.kms_key_id;
    });
    expect(checkPolicies(model, POC, schema).filter((v) => v.rule === 'bucket-protection')).toHaveLength(3);
  });

  it('catch a literal password, generated secret content and an output that exposes a variable', () => {
    const model = mutated('poc', 'poc-database', (json) => {
      json.resource.oci_mysql_mysql_db_system.db_system.admin_password = 'Welcome1!';
      json.output = { ...json.output, password: { value: '${var.mysql_admin_password}' } };
    });
    const rules = checkPolicies(model, POC, schema).filter((v) => v.rule === 'no-secret-values');
    expect(rules.map((v) => v.address).sort()).toEqual([
      'poc-database:oci_mysql_mysql_db_system.db_system',
      'poc-database:output.password',
    ]);
    const content = mutated('poc', 'poc-security', (json) => {
      json.resource.oci_vault_secret.mysql_admin_secret.secret_content = {
        content: 'V2VsY29tZTEh',
        content_type: 'BASE64',
      };
    });
    expect(checkPolicies(content, POC, schema).map((v) => v.rule)).toContain('no-secret-values');
    const defaulted = mutated('poc', 'poc-producer', (json) => {
      json.variable.producer_auth_token.default = 'not-a-secret-any-more';
    });
    expect(checkPolicies(defaulted, POC, schema)).toEqual([
      expect.objectContaining({
        rule: 'no-secret-values',
        address: 'poc-producer:oci_vault_secret.auth_token_secret',
      }),
    ]);
  });

  it('catch an IAM statement granted in the tenancy', () => {
    const model = mutated('poc', 'poc-security', (json) => {
      json.resource.oci_identity_policy.policy.statements.push(
        'Allow group Everyone to manage all-resources in tenancy',
      );
    });
    expect(checkPolicies(model, POC, schema)).toEqual([
      expect.objectContaining({ rule: 'iam-compartment-scope' }),
    ]);
  });

  it('catch an IAM statement no row of the IAM table needs and a policy that does not wait for its dynamic groups', () => {
    const model = mutated('poc', 'poc-security', (json) => {
      json.resource.oci_identity_policy.policy.statements.push(
        `Allow group lakehouse-operators to manage objects in compartment id ${POC.compartmentOcid}`,
      );
      delete json.resource.oci_identity_policy.policy.depends_on;
    });
    const rules = checkPolicies(model, POC, schema).map((v) => v.rule);
    expect(rules).toContain('iam-least-privilege');
    expect(rules).toContain('iam-dynamic-group-dependency');
    expect(rules).not.toContain('iam-required-permissions');
  });

  it('catch a DB system whose configuration is not checked for require_secure_transport', () => {
    const model = mutated('poc', 'poc-database', (json) => {
      delete json.data.oci_mysql_mysql_configurations.mysql_configuration.lifecycle;
      delete json.resource.oci_mysql_mysql_db_system.db_system.secure_connections;
    });
    expect(checkPolicies(model, POC, schema).filter((v) => v.rule === 'database-tls')).toHaveLength(2);
  });
});
