import { ConfigError, parseConfig } from '@lakehouse/runtime';
import type { Static, TObject } from '@sinclair/typebox';

/** Suffix of the setting that names the Vault secret holding a secret setting: `MYSQL_PASSWORD_SECRET_OCID`. */
export const SECRET_OCID_SUFFIX = '_SECRET_OCID';
/** What a Vault secret OCID looks like (`ocid1.vaultsecret.<realm>.<region>.<id>`). */
export const VAULT_SECRET_OCID_PATTERN = '^ocid1\\.vaultsecret\\.';

/** Environment variables as a process sees them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads the current value of the Vault secret `secretOcid` (OCI Vault in the cloud, a stand-in locally). */
export type SecretReader = (secretOcid: string) => Promise<string>;

/** Where a workload runs in OCI; decides how infra hands it its settings. */
export type WorkloadHost = 'oci-functions' | 'container-instance' | 'operator';

/**
 * The settings one workload takes, defined once: the app's `config.ts` parses its environment with it and the infra
 * stack that deploys the workload builds the environment from it ({@link workloadEnvironment}).
 */
export interface WorkloadContract<T extends TObject = TObject> {
  /** Project name of the workload (`ingest-fn`, `api`, ...). */
  readonly workload: string;
  readonly host: WorkloadHost;
  /** Every setting the workload reads, by environment variable name, as its value is after secrets are resolved. */
  readonly schema: T;
  /**
   * Settings that are secrets. In the cloud each one arrives as `<NAME>_SECRET_OCID` (the Vault secret), never as
   * a value; locally the value may be given directly.
   */
  readonly secrets: readonly (keyof T['properties'] & string)[];
  /** Settings infra gives the workload in the cloud (for a secret, its `<NAME>_SECRET_OCID`). */
  readonly fromInfra: readonly string[];
}

/** What every contract has, whatever its schema's type: what infra-side code and key listings take. */
export interface ContractShape {
  readonly workload: string;
  readonly host: WorkloadHost;
  readonly schema: { readonly properties: object };
  readonly secrets: readonly string[];
  readonly fromInfra: readonly string[];
}

/** `MYSQL_PASSWORD` -> `MYSQL_PASSWORD_SECRET_OCID`. */
export function secretOcidKey(name: string): string {
  return `${name}${SECRET_OCID_SUFFIX}`;
}

/** Every environment variable the workload accepts: its settings plus the `<NAME>_SECRET_OCID` of each secret. */
export function acceptedKeys(contract: ContractShape): string[] {
  return [...Object.keys(contract.schema.properties), ...contract.secrets.map(secretOcidKey)];
}

/**
 * Checks a contract's own consistency and returns it: secrets are settings of the schema, and what infra gives is
 * accepted by the workload. Called where contracts are defined, so a bad contract fails at import.
 */
export function defineWorkloadContract<T extends TObject>(
  contract: WorkloadContract<T>,
): WorkloadContract<T> {
  const settings = new Set(Object.keys(contract.schema.properties));
  const accepted = new Set(acceptedKeys(contract));
  const bad = [
    ...contract.secrets.filter((s) => !settings.has(s)).map((s) => `secret ${s} is not a setting`),
    ...contract.fromInfra.filter((k) => !accepted.has(k)).map((k) => `infra key ${k} is not accepted`),
    ...contract.fromInfra
      .filter((k) => contract.secrets.includes(k))
      .map((k) => `secret ${k} must come from infra as ${secretOcidKey(k)}`),
  ];
  if (bad.length > 0) throw new Error(`contract of ${contract.workload}: ${bad.join('; ')}`);
  return Object.freeze(contract);
}

function hasValue(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * Parses a workload's environment with its contract: each secret is taken from `<NAME>_SECRET_OCID` through
 * `readSecret` (or from `<NAME>` itself, never both), then every setting is checked and converted at once. Throws
 * one `CONFIG_INVALID` naming every bad key; a failed secret read propagates (retryable upstream error).
 */
export async function loadWorkloadEnv<T extends TObject>(
  contract: WorkloadContract<T>,
  env: Env,
  readSecret: SecretReader,
): Promise<Readonly<Static<T>>> {
  const problems: string[] = [];
  const keys: string[] = [];
  const secretOcids: [string, string][] = [];
  const ocidPattern = new RegExp(VAULT_SECRET_OCID_PATTERN);
  for (const name of contract.secrets) {
    const ocidKey = secretOcidKey(name);
    const ocid = env[ocidKey];
    if (!hasValue(ocid)) continue;
    if (hasValue(env[name])) {
      problems.push(`set ${name} or ${ocidKey}, not both`);
      keys.push(name, ocidKey);
    } else if (!ocidPattern.test(ocid)) {
      problems.push(
        `${ocidKey}: must be a Vault secret OCID (ocid1.vaultsecret...) (got ${JSON.stringify(ocid)})`,
      );
      keys.push(ocidKey);
    } else {
      secretOcids.push([name, ocid]);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, {
      context: { keys },
    });
  }
  const resolved: Record<string, string | undefined> = { ...env };
  for (const [name, ocid] of secretOcids) resolved[name] = await readSecret(ocid);
  return parseConfig(contract.schema, resolved);
}

/** A secret reader for workloads that are given no `<NAME>_SECRET_OCID`: any call is a configuration error. */
export const noSecretReader: SecretReader = (secretOcid) =>
  Promise.reject(
    new ConfigError('CONFIG_INVALID', `no Vault access is configured to read ${secretOcid}`, {
      context: { secretOcid },
    }),
  );

/**
 * The environment infra gives a workload, checked against its contract at synth time: every key is one the
 * workload accepts, no secret is given as a value, and every key the contract expects from infra is there.
 * Values may be Terraform references (tokens); they are checked by the contract tests with placeholders.
 */
export function workloadEnvironment(
  contract: ContractShape,
  values: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const accepted = new Set(acceptedKeys(contract));
  const given = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined);
  const problems = [
    ...given.filter(([k]) => !accepted.has(k)).map(([k]) => `${k} is not a setting of ${contract.workload}`),
    ...given
      .filter(([k]) => contract.secrets.includes(k))
      .map(([k]) => `${k} is a secret: give ${secretOcidKey(k)} (the Vault secret) instead of the value`),
    ...contract.fromInfra
      .filter((k) => !given.some(([g]) => g === k))
      .map((k) => `${k} is missing (${contract.workload} expects it from infra)`),
  ];
  if (problems.length > 0) {
    throw new Error(`environment of ${contract.workload}: ${problems.join('; ')}`);
  }
  return Object.fromEntries(given);
}
