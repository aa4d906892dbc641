import type { EnvironmentConfig } from '../environments/environment-config.js';
import { findPlaceholders } from '../environments/placeholders.js';
import { validateEnvironment } from '../environments/validate-environment.js';
import type { StackName } from '../platform.js';
import { OAC_IDCS_TOKEN_VARIABLE } from '../stacks/analytics-stack.js';
import { MYSQL_ADMIN_PASSWORD_VARIABLE } from '../stacks/database-stack.js';
import { PRODUCER_AUTH_TOKEN_VARIABLE } from '../stacks/producer-stack.js';
import type { DeployFacts } from './config.js';

/** Terraform variables a stack needs at plan time (secrets read from Vault, tenancy facts not in config). */
export function requiredVariables(env: EnvironmentConfig, stack: StackName): string[] {
  switch (stack) {
    case 'database':
      return [MYSQL_ADMIN_PASSWORD_VARIABLE];
    case 'producer':
      return [PRODUCER_AUTH_TOKEN_VARIABLE];
    case 'analytics':
      return env.analytics.identityDomainOcid === undefined ? [OAC_IDCS_TOKEN_VARIABLE] : [];
    case 'catalog':
      return [
        ...(env.catalog.objectStorageTypeKey === undefined ? ['datacatalog_object_storage_type_key'] : []),
        ...(env.catalog.mysqlTypeKey === undefined ? ['datacatalog_mysql_type_key'] : []),
      ];
    default:
      return [];
  }
}

/** Images a stack runs: they must be in OCIR before the stack is deployed. */
export function imagesOf(env: EnvironmentConfig, stack: StackName): string[] {
  switch (stack) {
    case 'bootstrap':
      return [env.bootstrap.imageUrl];
    case 'functions':
      return [env.functions.ingestImageUrl];
    case 'api':
      return [env.api.imageUrl];
    case 'producer':
      return [env.producer.imageUrl];
    default:
      return [];
  }
}

/** `fra.ocir.io/ns/lakehouse/api:0.1.0` -> registry host, repository (`lakehouse/api`) and tag. */
export function parseImageUrl(url: string): { host: string; repository: string; tag: string } | undefined {
  const m = /^([^/]+)\/([^/]+)\/(.+):([\w.-]+)$/.exec(url);
  if (m?.[1] === undefined || m[3] === undefined || m[4] === undefined) return undefined;
  return { host: m[1], repository: m[3], tag: m[4] };
}

/**
 * Everything that would make `cdktf diff/deploy` fail late, checked before anything runs, all named at once:
 * no stack chosen, config problems or placeholders, no Terraform or cdktf CLI, no OCI credentials, missing variables.
 */
export function preflightProblems(
  env: EnvironmentConfig,
  stack: StackName | undefined,
  facts: DeployFacts,
): string[] {
  const problems: string[] = [];
  if (stack === undefined)
    problems.push('choose one stack: --stack=<network|security|...> (stacks deploy one at a time, in order)');
  problems.push(...validateEnvironment(env).map((p) => `config ${p.path}: ${p.message}`));
  const placeholders = findPlaceholders(env);
  if (placeholders.length > 0) {
    problems.push(
      `config still has example values at ${placeholders.join(', ')}: set INFRA_TENANCY_OCID, INFRA_COMPARTMENT_OCID, INFRA_TENANCY_NAME and INFRA_OCIR_NAMESPACE (or the image URLs), or edit src/environments/${env.name}.ts`,
    );
  }
  if (!facts.terraformPath)
    problems.push(
      'terraform is not on PATH: install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)',
    );
  if (!facts.cdktfPath)
    problems.push('the cdktf CLI is not installed: npm install --global cdktf-cli@0.21.0');
  if (!facts.hasOciCredentials) {
    problems.push(
      `no OCI credentials: create profile [${env.ociConfigProfile ?? 'DEFAULT'}] in ${facts.ociConfigFile} (oci setup config) or set OCI_TENANCY_OCID, OCI_USER_OCID, OCI_FINGERPRINT and OCI_PRIVATE_KEY_PATH`,
    );
  }
  if (stack !== undefined) {
    for (const image of imagesOf(env, stack)) {
      const parsed = parseImageUrl(image);
      if (parsed === undefined) continue; // validateEnvironment names a malformed image URL
      if (!facts.registryLogins.includes(parsed.host)) {
        problems.push(
          `not logged in to ${parsed.host}: docker login ${parsed.host} -u '<namespace>/<user name>' with an auth token as the password (see infra/README.md, "Images")`,
        );
      }
      const status = facts.imageStatus(image);
      if (status === 'absent')
        problems.push(
          `image ${image} is not in OCIR: build and push it first (see infra/README.md, "Images")`,
        );
      if (status === 'unknown')
        problems.push(
          `cannot check that ${image} is in OCIR: install the OCI CLI (oci artifacts container image list)`,
        );
    }
    for (const variable of requiredVariables(env, stack)) {
      if (!facts.terraformVariablesSet.includes(variable))
        problems.push(`set TF_VAR_${variable} (see infra/README.md, "Secrets at deploy time")`);
    }
  }
  return problems;
}

/** Arguments of the cdktf CLI for one stack; synthesis already happened, so --skip-synth. */
export function cdktfArguments(
  command: 'diff' | 'deploy' | 'destroy',
  stackId: string,
  isAutoApprove: boolean,
): string[] {
  return [
    command,
    stackId,
    '--skip-synth',
    ...(command !== 'diff' && isAutoApprove ? ['--auto-approve'] : []),
  ];
}
