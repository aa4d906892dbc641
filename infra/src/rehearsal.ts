/**
 * What the local rehearsal of a deploy (tools/src/rehearse) reads from infra: the synthesized Terraform of an
 * environment and, for each deployed workload, the settings Terraform gives it. Nothing here deploys.
 */
export { TerraformModel, firstOf, listOf, type TerraformBlock } from './checks/terraform-model.js';
export {
  DEPLOYED_WORKLOADS,
  resolvedEnvironment,
  synthesizedWorkloads,
  type DeployedWorkloadKind,
  type SynthesizedWorkload,
} from './contracts/deployed-workloads.js';
export { referenceLeaf, substituteReferences, type TerraformLeaf } from './contracts/terraform-references.js';
export { ENVIRONMENTS, resolveEnvironment, type EnvironmentName } from './environments/index.js';
export type { EnvironmentConfig } from './environments/environment-config.js';
export { STACK_NAMES, stackId, type StackName } from './platform.js';
export { readSynthesized, synthesizePlatform, type TerraformJson } from './synthesize.js';
