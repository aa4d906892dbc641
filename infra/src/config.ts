import { parseConfig } from '@lakehouse/runtime';
import { Type, type Static } from '@sinclair/typebox';
import { ENVIRONMENTS, resolveEnvironment, type EnvironmentName } from './environments/index.js';
import type { EnvironmentConfig } from './environments/environment-config.js';
import { STACK_NAMES, type StackName } from './platform.js';

const OptionalText = Type.Optional(Type.String({ minLength: 1 }));

/** Every environment variable the infra commands read. */
export const InfraEnvSchema = Type.Object({
  INFRA_ENV: Type.Union(
    Object.keys(ENVIRONMENTS).map((name) => Type.Literal(name)),
    { default: 'poc' },
  ),
  /** One stack (`network`, `database`, ...) or empty for all. */
  INFRA_STACK: Type.Optional(Type.Union(STACK_NAMES.map((name) => Type.Literal(name)))),
  INFRA_OUT_DIR: Type.String({ minLength: 1, default: 'cdktf.out' }),
  INFRA_REGION: OptionalText,
  INFRA_TENANCY_OCID: OptionalText,
  INFRA_COMPARTMENT_OCID: OptionalText,
  INFRA_TENANCY_NAME: OptionalText,
  INFRA_OCI_CONFIG_PROFILE: OptionalText,
  INFRA_OCIR_NAMESPACE: OptionalText,
  INFRA_STATE_BUCKET: OptionalText,
  INFRA_INGEST_IMAGE_URL: OptionalText,
  INFRA_API_IMAGE_URL: OptionalText,
  INFRA_PRODUCER_IMAGE_URL: OptionalText,
  INFRA_BOOTSTRAP_IMAGE_URL: OptionalText,
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

/** Parsed infra settings: which environment, which stack, where to write, and the resolved environment config. */
export interface InfraConfig {
  readonly environmentName: EnvironmentName;
  readonly stack: StackName | undefined;
  readonly outDir: string;
  readonly logLevel: Static<typeof InfraEnvSchema>['LOG_LEVEL'];
  readonly environment: EnvironmentConfig;
}

/** Reads the infra settings from `env`; throws CONFIG_INVALID naming every bad key. */
export function loadInfraConfig(env: Readonly<Record<string, string | undefined>>): InfraConfig {
  const raw = parseConfig(InfraEnvSchema, env);
  const environmentName = raw.INFRA_ENV as EnvironmentName;
  return Object.freeze({
    environmentName,
    stack: raw.INFRA_STACK,
    outDir: raw.INFRA_OUT_DIR,
    logLevel: raw.LOG_LEVEL,
    environment: resolveEnvironment(environmentName, {
      region: raw.INFRA_REGION,
      tenancyOcid: raw.INFRA_TENANCY_OCID,
      compartmentOcid: raw.INFRA_COMPARTMENT_OCID,
      tenancyName: raw.INFRA_TENANCY_NAME,
      ociConfigProfile: raw.INFRA_OCI_CONFIG_PROFILE,
      ocirNamespace: raw.INFRA_OCIR_NAMESPACE,
      stateBucket: raw.INFRA_STATE_BUCKET,
      ingestImageUrl: raw.INFRA_INGEST_IMAGE_URL,
      apiImageUrl: raw.INFRA_API_IMAGE_URL,
      producerImageUrl: raw.INFRA_PRODUCER_IMAGE_URL,
      bootstrapImageUrl: raw.INFRA_BOOTSTRAP_IMAGE_URL,
    }),
  });
}

/** Flags of the infra commands (`nx run infra:synth --env=prod --stack=database`); they win over INFRA_ENV and INFRA_STACK. */
export const INFRA_FLAGS = {
  env: Type.Optional(
    Type.Union(
      Object.keys(ENVIRONMENTS).map((name) => Type.Literal(name)),
      { description: 'environment (default INFRA_ENV, else poc)' },
    ),
  ),
  stack: Type.Optional(
    Type.Union(
      STACK_NAMES.map((name) => Type.Literal(name)),
      { placeholder: 'NAME', description: 'one stack (default INFRA_STACK, else all)' },
    ),
  ),
};

/** The given `--env` / `--stack` flags as INFRA_ENV / INFRA_STACK. */
export function flagsToEnv(flags: {
  readonly env?: string;
  readonly stack?: string;
}): Record<string, string> {
  return {
    ...(flags.env === undefined ? {} : { INFRA_ENV: flags.env }),
    ...(flags.stack === undefined ? {} : { INFRA_STACK: flags.stack }),
  };
}

/** Reads the infra settings from the process environment, with the `--env` and `--stack` flags on top. */
export function loadInfraConfigFromProcess(
  flags: { readonly env?: string; readonly stack?: string } = {},
): InfraConfig {
  return loadInfraConfig({ ...process.env, ...flagsToEnv(flags) });
}
