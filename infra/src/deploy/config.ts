import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What the deploy preflight needs to know about the machine, gathered in one place (the only env reader). */
export interface DeployFacts {
  readonly terraformPath: string | undefined;
  readonly cdktfPath: string | undefined;
  /** True when the OCI profile exists in the OCI config file or the OCI_* API-key variables are all set. */
  readonly hasOciCredentials: boolean;
  readonly ociConfigFile: string;
  /** Names of TF_VAR_* variables that are set (values are never read here). */
  readonly terraformVariablesSet: readonly string[];
  readonly isAutoApprove: boolean;
}

const OCI_API_KEY_VARIABLES = [
  'OCI_TENANCY_OCID',
  'OCI_USER_OCID',
  'OCI_FINGERPRINT',
  'OCI_PRIVATE_KEY_PATH',
];

function findExecutable(
  name: string,
  extraDirs: readonly string[],
  pathVar: string | undefined,
): string | undefined {
  for (const dir of [...extraDirs, ...(pathVar ?? '').split(delimiter)]) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory; keep looking
    }
  }
  return undefined;
}

/** Gathers the facts from the process environment and the file system. */
export function gatherDeployFacts(projectDir: string, profile: string, argv: readonly string[]): DeployFacts {
  const env = process.env;
  const ociConfigFile = env['OCI_CLI_CONFIG_FILE'] ?? join(homedir(), '.oci', 'config');
  const hasProfile =
    existsSync(ociConfigFile) && readFileSync(ociConfigFile, 'utf8').includes(`[${profile}]`);
  return {
    terraformPath: findExecutable('terraform', [], env['PATH']),
    cdktfPath: findExecutable(
      'cdktf',
      [join(projectDir, 'node_modules/.bin'), join(projectDir, '../node_modules/.bin')],
      env['PATH'],
    ),
    hasOciCredentials: hasProfile || OCI_API_KEY_VARIABLES.every((v) => (env[v] ?? '') !== ''),
    ociConfigFile,
    terraformVariablesSet: Object.keys(env)
      .filter((k) => k.startsWith('TF_VAR_') && (env[k] ?? '') !== '')
      .map((k) => k.slice('TF_VAR_'.length)),
    isAutoApprove: argv.includes('--auto-approve'),
  };
}

/** Environment of the cdktf CLI child process: ours, without the CLI's telemetry call. */
export function cdktfEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, CHECKPOINT_DISABLE: '1' };
}
