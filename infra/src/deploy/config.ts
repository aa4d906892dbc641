import { spawnSync } from 'node:child_process';
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
  /** ALLOW_INFRA_DESTROY=1: the operator confirmed a destroy. */
  readonly isDestroyAllowed: boolean;
  /** Registry hosts with credentials in the docker or podman auth file (`docker login`). */
  readonly registryLogins: readonly string[];
  /** Whether an image is in OCIR (asked with the OCI CLI); `unknown` when the CLI is missing or fails. */
  readonly imageStatus: (imageUrl: string) => 'present' | 'absent' | 'unknown';
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
export function gatherDeployFacts(
  projectDir: string,
  profile: string,
  compartmentId: string,
  isAutoApprove: boolean,
): DeployFacts {
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
    isAutoApprove,
    isDestroyAllowed: env['ALLOW_INFRA_DESTROY'] === '1',
    registryLogins: registryLogins(env),
    imageStatus: (imageUrl) => imageStatus(imageUrl, compartmentId, findExecutable('oci', [], env['PATH'])),
  };
}

/** Hosts of the docker (~/.docker/config.json) and podman (containers/auth.json) credential files. */
function registryLogins(env: NodeJS.ProcessEnv): string[] {
  const files = [
    join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json'),
    join(env['XDG_RUNTIME_DIR'] ?? '/run/user/0', 'containers', 'auth.json'),
  ];
  return files.flatMap((file) => {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, unknown> };
      return Object.keys(parsed.auths ?? {}).map((h) => h.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
    } catch {
      return []; // no such file, or not JSON: no logins recorded there
    }
  });
}

/** Asks OCIR (through the OCI CLI) whether the image's repository holds its tag. */
function imageStatus(
  imageUrl: string,
  compartmentId: string,
  ociCli: string | undefined,
): 'present' | 'absent' | 'unknown' {
  const m = /^[^/]+\/[^/]+\/(.+):([\w.-]+)$/.exec(imageUrl);
  if (ociCli === undefined || m?.[1] === undefined || m[2] === undefined) return 'unknown';
  const result = spawnSync(
    ociCli,
    [
      'artifacts',
      'container',
      'image',
      'list',
      '--compartment-id',
      compartmentId,
      '--repository-name',
      m[1],
      '--version',
      m[2],
      '--query',
      'length(data.items)',
      '--raw-output',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0) return 'unknown';
  return Number(result.stdout.trim()) > 0 ? 'present' : 'absent';
}

/** Environment of the cdktf CLI child process: ours, without the CLI's telemetry call. */
export function cdktfEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, CHECKPOINT_DISABLE: '1' };
}
