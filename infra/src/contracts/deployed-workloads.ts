import {
  API_CONTRACT,
  DB_BOOTSTRAP_CONTRACT,
  HEATWAVE_OPERATIONS_CONTRACT,
  INGEST_FN_CONTRACT,
  PRODUCER_CONTRACT,
  loadWorkloadEnv,
  type ContractShape,
  type Env,
  type SecretReader,
} from '@lakehouse/contracts';
import { addressOf, firstOf, type TerraformBlock, type TerraformModel } from '../checks/terraform-model.js';
import { substituteReferences, type TerraformLeaf } from './terraform-references.js';

/** A workload infra deploys: its contract and the parser its app's config.ts runs. */
export interface DeployedWorkloadKind {
  readonly contract: ContractShape;
  readonly parse: (env: Env, readSecret: SecretReader) => Promise<unknown>;
}

/** Every workload infra deploys with an environment, by the `workload` tag infra puts on its resource. */
export const DEPLOYED_WORKLOADS: Readonly<Record<string, DeployedWorkloadKind>> = {
  'ingest-fn': {
    contract: INGEST_FN_CONTRACT,
    parse: (env, read) => loadWorkloadEnv(INGEST_FN_CONTRACT, env, read),
  },
  api: { contract: API_CONTRACT, parse: (env, read) => loadWorkloadEnv(API_CONTRACT, env, read) },
  producer: {
    contract: PRODUCER_CONTRACT,
    parse: (env, read) => loadWorkloadEnv(PRODUCER_CONTRACT, env, read),
  },
  'db-bootstrap': {
    contract: DB_BOOTSTRAP_CONTRACT,
    parse: (env, read) => loadWorkloadEnv(DB_BOOTSTRAP_CONTRACT, env, read),
  },
  'heatwave-operations': {
    contract: HEATWAVE_OPERATIONS_CONTRACT,
    parse: (env, read) => loadWorkloadEnv(HEATWAVE_OPERATIONS_CONTRACT, env, read),
  },
};

/** Terraform outputs that hold an operator tool's environment, by output name -> workload. */
export const OPERATOR_OUTPUTS: Readonly<Record<string, string>> = {
  heatwave_operations_env: 'heatwave-operations',
};

/** One deployed workload as the synthesized Terraform gives it its settings. */
export interface SynthesizedWorkload {
  readonly workload: string;
  readonly kind: DeployedWorkloadKind;
  /** Stack whose JSON holds the environment (references resolve there). */
  readonly stackId: string;
  /** `<stack>:<type>.<name>` of the function or container instance, or `<stack>:output.<name>`. */
  readonly address: string;
  /** The function or container instance block; undefined for an operator's output. */
  readonly block?: TerraformBlock;
  /** Its environment as written in the Terraform JSON (values may hold `${...}` references). */
  readonly environment: Readonly<Record<string, string>>;
}

function stringRecord(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') throw new Error(`${where}: not a map`);
  const entries = Object.entries(value);
  const bad = entries.filter(([, v]) => typeof v !== 'string').map(([k]) => k);
  if (bad.length > 0) throw new Error(`${where}: values of ${bad.join(', ')} are not strings`);
  return Object.fromEntries(entries);
}

function workloadOf(block: TerraformBlock): [string, DeployedWorkloadKind] {
  const tags = firstOf(block.body['freeform_tags']);
  const name = typeof tags?.['workload'] === 'string' ? tags['workload'] : undefined;
  const kind = name === undefined ? undefined : DEPLOYED_WORKLOADS[name];
  if (name === undefined || kind === undefined) {
    throw new Error(
      `${block.stackId}:${block.type}.${block.name} has no workload tag naming a contract (${Object.keys(DEPLOYED_WORKLOADS).join(', ')})`,
    );
  }
  return [name, kind];
}

/**
 * Every function, container instance and operator output of a synthesized environment with the environment
 * Terraform gives it: a function gets its application's config merged with its own, a container its first
 * container's variables, an operator tool the output named in {@link OPERATOR_OUTPUTS}. A
 * function or container without a known `workload` tag throws: every workload must have a contract.
 */
export function synthesizedWorkloads(model: TerraformModel): SynthesizedWorkload[] {
  const functions = model.resources('oci_functions_function').map((block): SynthesizedWorkload => {
    const [workload, kind] = workloadOf(block);
    const application = model.resolve(block.stackId, block.body['application_id']);
    if (application === undefined) throw new Error(`${block.stackId}: ${block.name} has no application`);
    return {
      workload,
      kind,
      stackId: block.stackId,
      address: addressOf(block),
      block,
      environment: {
        ...stringRecord(application.body['config'], `${application.name}.config`),
        ...stringRecord(block.body['config'], `${block.name}.config`),
      },
    };
  });
  const containers = model
    .resources('oci_container_instances_container_instance')
    .map((block): SynthesizedWorkload => {
      const [workload, kind] = workloadOf(block);
      const container = firstOf(block.body['containers']);
      return {
        workload,
        kind,
        stackId: block.stackId,
        address: addressOf(block),
        block,
        environment: stringRecord(container?.['environment_variables'], `${block.name}.containers[0]`),
      };
    });
  const outputs = [...model.stacks].flatMap(([stackId, json]) =>
    Object.entries(json.output ?? {}).flatMap(([name, output]): SynthesizedWorkload[] => {
      const workload = OPERATOR_OUTPUTS[name];
      const kind = workload === undefined ? undefined : DEPLOYED_WORKLOADS[workload];
      if (workload === undefined || kind === undefined) return [];
      return [
        {
          workload,
          kind,
          stackId,
          address: `${stackId}:output.${name}`,
          environment: stringRecord(output.value, `${stackId}:output.${name}`),
        },
      ];
    }),
  );
  return [...functions, ...containers, ...outputs];
}

/**
 * A workload's environment with every Terraform reference replaced: how the rehearsal and the contract tests turn
 * the synthesized JSON into what the process would see. References are resolved in the workload's own stack.
 */
export function resolvedEnvironment(
  model: TerraformModel,
  workload: SynthesizedWorkload,
  valueOf: (leaf: TerraformLeaf) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(workload.environment).map(([k, v]) => [
      k,
      substituteReferences(model, workload.stackId, v, valueOf),
    ]),
  );
}
