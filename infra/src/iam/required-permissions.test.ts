import { describe, expect, it } from 'vitest';
import { checkIamScope } from '../checks/policy-checks.js';
import { TerraformModel } from '../checks/terraform-model.js';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import { dynamicGroupNamesOf } from '../stacks/security-stack.js';
import { synthEnvironment } from '../testing/synth-environment.js';
import {
  checkDynamicGroupDependencies,
  checkIam,
  checkLeastPrivilege,
  checkRequiredPermissions,
  type IamViolation,
} from './check-iam.js';
import { parsePolicyStatement } from './policy-statement.js';
import { requiredPermissions } from './required-permissions.js';

const environments = { poc: synthEnvironment(POC), prod: synthEnvironment(PROD) };
const configs = { poc: POC, prod: PROD };
const C = POC.compartmentOcid;

type PolicyBody = Record<string, unknown> & { statements: string[]; depends_on?: string[] };
type Stacks = Record<string, { resource?: Record<string, Record<string, Record<string, unknown>>> }>;

/** A copy of the synthesized poc platform with `change` applied to the stacks' JSON. */
function changed(change: (stacks: Stacks) => void): TerraformModel {
  const copy = JSON.parse(JSON.stringify(Object.fromEntries(environments.poc.model.stacks))) as Stacks;
  change(copy);
  return new TerraformModel(copy);
}

/** The body of a policy of a poc stack, to change in place. */
function policyIn(stacks: Stacks, stack: 'security' | 'streaming', name: string): PolicyBody {
  const body = stacks[`poc-${stack}`]?.resource?.['oci_identity_policy']?.[name];
  if (body === undefined) throw new Error(`no policy ${name} in poc-${stack}`);
  return body as PolicyBody;
}

/** The compartment policy as it was before issue #15, rendered for `env`; it was the only policy. */
function statementsBefore15(env: EnvironmentConfig): string[] {
  const c = `in compartment id ${env.compartmentOcid}`;
  const g = dynamicGroupNamesOf(env);
  const ops = env.security.operatorsGroupName;
  const connector = `where all {request.principal.type = 'serviceconnector', request.principal.compartment.id = '${env.compartmentOcid}'}`;
  return [
    `Allow group ${ops} to manage mysql-analytics ${c}`,
    `Allow group ${ops} to read mysql-family ${c}`,
    `Allow dynamic-group ${g.functions} to read secret-family ${c}`,
    `Allow dynamic-group ${g.containerInstances} to read secret-family ${c}`,
    `Allow dynamic-group ${g.dataflowRuns} to read secret-family ${c}`,
    `Allow dynamic-group ${g.functions} to use stream-push ${c}`,
    `Allow dynamic-group ${g.containerInstances} to use stream-push ${c}`,
    `Allow dynamic-group ${g.containerInstances} to read repos ${c}`,
    `Allow dynamic-group ${g.dataflowRuns} to manage objects ${c}`,
    `Allow dynamic-group ${g.dataflowRuns} to read buckets ${c}`,
    `Allow dynamic-group ${g.mysqlDbSystems} to read buckets ${c}`,
    `Allow dynamic-group ${g.mysqlDbSystems} to read objects ${c}`,
    `Allow any-user to {STREAM_READ, STREAM_CONSUME} ${c} ${connector}`,
    `Allow any-user to use fn-function ${c} ${connector}`,
    `Allow any-user to use fn-invocation ${c} ${connector}`,
    `Allow service objectstorage-${env.region} to use keys ${c}`,
  ];
}

/** The poc platform with the policy of before #15: old statements, no depends_on, no streaming policy. */
const before15 = changed((stacks) => {
  const policy = policyIn(stacks, 'security', 'policy');
  policy.statements = statementsBefore15(POC);
  delete policy.depends_on;
  delete stacks['poc-streaming']?.resource?.['oci_identity_policy'];
});
const rowsOf = (env: EnvironmentConfig) => requiredPermissions(env);
const missingRows = (model: TerraformModel): string[] =>
  checkRequiredPermissions(model, rowsOf(POC)).map((v) => v.address.replace('required-permissions:', ''));
const excess = (model: TerraformModel): IamViolation[] => checkLeastPrivilege(model, rowsOf(POC));
/** Least-privilege messages about statements that contain `fragment`. */
const excessFor = (model: TerraformModel, fragment: string): string[] =>
  excess(model)
    .filter((v) => v.message.includes(fragment))
    .map((v) => v.message.slice(0, v.message.indexOf(': ')));
const statementsOf = (stack: 'security' | 'streaming'): string[] =>
  Object.values(environments.poc.byName[stack].resource?.['oci_identity_policy'] ?? {}).flatMap(
    (p) => p['statements'] as string[],
  );

describe('the IAM table (required-permissions.ts)', () => {
  it('has unique row ids, a doc link per row and only parseable principals and grants', () => {
    const rows = rowsOf(POC);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.docUrl).toMatch(/^https:\/\/(docs\.oracle\.com|dev\.mysql\.com)\//);
      expect(row.compartmentId).toBe(POC.compartmentOcid);
    }
  });

  for (const [name, synthesized] of Object.entries(environments)) {
    const env = configs[name as keyof typeof configs];
    it(`is granted in full by the ${name} policies`, () => {
      expect(checkRequiredPermissions(synthesized.model, rowsOf(env))).toEqual([]);
    });
    it(`justifies every ${name} statement, with no wider type, verb, permission or condition`, () => {
      expect(checkLeastPrivilege(synthesized.model, rowsOf(env))).toEqual([]);
    });
    it(`finds a depends_on for every dynamic group a ${name} policy names`, () => {
      expect(checkDynamicGroupDependencies(synthesized.model)).toEqual([]);
    });
  }

  it('grants the key delegation to deployersGroupName when it is set', () => {
    const env: EnvironmentConfig = {
      ...POC,
      security: { ...POC.security, deployersGroupName: 'lakehouse-deployers' },
    };
    const { model } = synthEnvironment(env);
    expect(checkIam(model, env)).toEqual([]);
    expect(
      model
        .resources('oci_identity_policy')
        .flatMap((p) => p.body['statements'] as string[])
        .filter((s) => s.includes('key-delegate')),
    ).toEqual([
      `Allow group lakehouse-deployers to use key-delegate in compartment id ${C} where target.key.id = '\${oci_kms_key.master_key.id}'`,
    ]);
  });
});

describe('the checks', () => {
  it('flag a higher verb, a wider family, an extra permission and an alternative that matches no row', () => {
    const model = changed((stacks) => {
      const policy = policyIn(stacks, 'security', 'policy');
      policy.statements = policy.statements.map((s) =>
        s
          .replace('to read repos', 'to manage repos')
          .replace(
            "any {target.bucket.name = 'lakehouse-poc-raw'",
            "any {target.bucket.name = 'somebody-elses'",
          )
          .replace('VNIC_CREATE,', 'VNIC_CREATE, VNIC_DELETE,'),
      );
      policy.statements.push(
        `Allow dynamic-group lakehouse-poc-functions to read secret-family in compartment id ${C} where target.secret.id = '\${oci_vault_secret.mysql_app_secret.id}'`,
      );
    });
    expect(excessFor(model, 'manage repos')).toEqual(['grants manage where the rows need at most read']);
    expect(excessFor(model, 'VNIC_DELETE')).toEqual(['grants VNIC_DELETE that no row needs']);
    expect(excessFor(model, 'somebody-elses')).toEqual([
      "alternative target.bucket.name = 'somebody-elses' matches no row",
    ]);
    expect(excessFor(model, 'lakehouse-poc-functions to read secret-family')).toEqual([
      'grants secret-family where the rows need only secret-bundles',
    ]);
  });

  it('flag a dynamic group named by a policy of another stack', () => {
    const model = changed((stacks) => {
      const streaming = policyIn(stacks, 'streaming', 'streaming_policy');
      streaming.statements.push(
        `Allow dynamic-group lakehouse-poc-containers to read repos in compartment id ${C}`,
      );
    });
    expect(checkDynamicGroupDependencies(model)).toEqual([
      expect.objectContaining({
        address: 'poc-streaming:oci_identity_policy.streaming_policy.statements[3]',
        message: expect.stringContaining("keep the statement in that stack's policy"),
      }),
    ]);
  });
});

describe('defects of issue #15, each caught on the policy of before the fix', () => {
  it('#4: Streaming may use the master key and the deployers may delegate it, both narrowed to that key', () => {
    expect(missingRows(before15)).toEqual(
      expect.arrayContaining([
        'streaming-encrypts-stream-pool',
        'deployer-delegates-key-to-streaming',
        'deployer-delegates-key-to-object-storage',
      ]),
    );
    expect(excessFor(before15, 'objectstorage-eu-frankfurt-1')).toEqual([
      'is wider than every row it serves; narrow it by target.key.id',
    ]);
    const keyIs = `where target.key.id = '\${oci_kms_key.master_key.id}'`;
    expect(statementsOf('security')).toEqual(
      expect.arrayContaining([
        `Allow service streaming to use keys in compartment id ${C} ${keyIs}`,
        `Allow service objectstorage-eu-frankfurt-1 to use keys in compartment id ${C} ${keyIs}`,
        `Allow group lakehouse-operators to use key-delegate in compartment id ${C} ${keyIs}`,
      ]),
    );
  });

  it('#5: the policy depends on every dynamic group it names', () => {
    const missing = new Set(checkDynamicGroupDependencies(before15).map((v) => v.message.split(' ')[3]));
    expect([...missing].sort()).toEqual(Object.values(dynamicGroupNamesOf(POC)).sort());
    expect(
      environments.poc.byName.security.resource?.['oci_identity_policy']?.['policy']?.['depends_on'],
    ).toEqual([
      'oci_identity_dynamic_group.functions_dg',
      'oci_identity_dynamic_group.dataflow_dg',
      'oci_identity_dynamic_group.mysql_dg',
      'oci_identity_dynamic_group.containers_dg',
    ]);
  });

  it('#6: operators get use mysql-instances and manage mysql-heatwave, not mysql-analytics or mysql-family', () => {
    expect(() => parsePolicyStatement(statementsBefore15(POC)[0] ?? '')).toThrow(
      /unknown resource type mysql-analytics/,
    );
    expect(checkIamScope(before15, POC)).toEqual([
      expect.objectContaining({
        rule: 'iam-statement-form',
        address: 'poc-security:oci_identity_policy.policy.statements[0]',
      }),
    ]);
    expect(missingRows(before15)).toEqual(
      expect.arrayContaining([
        'heatwave-add-heat-wave-cluster-mysql-instances',
        'heatwave-add-heat-wave-cluster-mysql-heatwave',
        'heatwave-start-heat-wave-cluster-mysql-instances',
        'heatwave-stop-heat-wave-cluster-mysql-instances',
        'heatwave-restart-heat-wave-cluster-mysql-instances',
        'heatwave-delete-heat-wave-cluster-mysql-heatwave',
        'heatwave-update-heat-wave-cluster-mysql-heatwave',
        'heatwave-generate-heat-wave-cluster-memory-estimate-mysql-heatwave',
      ]),
    );
    expect(excessFor(before15, 'read mysql-family')).toEqual([
      'grants mysql-family where the rows need only mysql-heatwave, mysql-instances',
    ]);
  });

  it('stream-push goes to the stream producers group, narrowed to the pool, and to no dynamic group', () => {
    expect(missingRows(before15)).toContain('producer-produces-to-stream');
    expect(excessFor(before15, 'lakehouse-poc-containers to use stream-push')).toEqual([
      'no row of the table needs this statement',
    ]);
    expect(statementsOf('streaming')).toContain(
      `Allow group lakehouse-stream-producers to use stream-push in compartment id ${C} where target.streampool.id = '\${oci_streaming_stream_pool.stream_pool.id}'`,
    );
  });

  it('the ingest function, which dead-letters into MySQL, may not write to any stream', () => {
    expect(excessFor(before15, 'lakehouse-poc-functions to use stream-push')).toEqual([
      'no row of the table needs this statement',
    ]);
    expect([...statementsOf('security'), ...statementsOf('streaming')].join('\n')).not.toMatch(
      /lakehouse-poc-functions to use stream/,
    );
  });

  it('Connector Hub may read only the telemetry stream', () => {
    expect(excessFor(before15, '{STREAM_READ, STREAM_CONSUME}')).toEqual([
      'is wider than every row it serves; narrow it by target.stream.id',
    ]);
  });

  it('operators can submit Data Flow runs, and runs reach only our buckets and the app password', () => {
    expect(missingRows(before15)).toEqual(
      expect.arrayContaining([
        'dataflow-cli-put-object',
        'dataflow-cli-create-application',
        'dataflow-cli-create-run',
        'dataflow-cli-run-activates-private-endpoint-network',
      ]),
    );
    expect(excessFor(before15, 'lakehouse-poc-dataflow-runs to manage objects')).toEqual([
      'is wider than every row it serves; narrow it by target.bucket.name',
    ]);
    expect(excessFor(before15, 'lakehouse-poc-dataflow-runs to read buckets')).toEqual([
      'is wider than every row it serves; narrow it by target.bucket.name',
    ]);
  });

  it('workloads read only their own secrets, and only as secret bundles', () => {
    for (const group of ['functions', 'containers', 'dataflow-runs'])
      expect(excessFor(before15, `lakehouse-poc-${group} to read secret-family`)).toEqual([
        'grants secret-family where the rows need only secret-bundles',
        'is wider than every row it serves; narrow it by target.secret.id',
      ]);
    expect(missingRows(before15)).not.toContain('container-instances-pull-images');
  });

  it('HeatWave Lakehouse reads only the silver bucket', () => {
    expect(excessFor(before15, 'lakehouse-poc-mysql to read')).toEqual([
      'is wider than every row it serves; narrow it by target.bucket.name',
      'is wider than every row it serves; narrow it by target.bucket.name',
    ]);
  });

  it('a DB system in an NSG may attach its own VNIC', () => {
    expect(missingRows(before15)).toContain('mysql-db-system-joins-nsg');
  });
});
