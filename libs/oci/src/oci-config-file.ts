// OCI API-key credentials from the SDK/CLI config file, checked completely before any network call.
import { ConfigError } from '@lakehouse/runtime';
import { ConfigFileAuthenticationDetailsProvider } from 'oci-common';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Which config file, profile and region to use; each falls back to the SDK's defaults. */
export interface OciTarget {
  readonly configFile?: string;
  readonly profile?: string;
  readonly region?: string;
}

/** Credentials that were found complete; nothing here has touched the network. */
export interface OciCredentials {
  readonly configFile: string;
  readonly profile: string;
  readonly region: string;
}

/** File access, injected so the check is unit-testable without a home directory. */
export interface OciFiles {
  readonly homeDir: string;
  readonly exists: (path: string) => boolean;
  readonly read: (path: string) => string;
}

const NODE_FILES: OciFiles = {
  homeDir: homedir(),
  exists: existsSync,
  read: (path) => readFileSync(path, 'utf8'),
};

/** Keys an API-key profile needs (the OCI SDK/CLI config format). */
const REQUIRED_KEYS = ['user', 'fingerprint', 'tenancy', 'key_file'] as const;

function expandHome(path: string, homeDir: string): string {
  return path === '~' || path.startsWith('~/') ? join(homeDir, path.slice(1)) : path;
}

/** Sections of an OCI config file; values of DEFAULT are inherited by every other profile, as in the SDK. */
export function parseOciConfig(text: string): Map<string, Map<string, string>> {
  const profiles = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = /^\[(.+)\]$/.exec(line)?.[1];
    if (name !== undefined) {
      current = profiles.get(name) ?? new Map<string, string>();
      profiles.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return profiles;
}

/**
 * Checks, before any network call, that the config file, the profile, its API-key entries, the key file and a
 * region are all there. Throws OCI_CREDENTIALS_MISSING naming everything that is missing.
 */
export function checkOciConfigFile(target: OciTarget, files: OciFiles = NODE_FILES): OciCredentials {
  const candidates = target.configFile
    ? [expandHome(target.configFile, files.homeDir)]
    : [join(files.homeDir, '.oci', 'config'), join(files.homeDir, '.oraclebmc', 'config')];
  const configFile = candidates.find((path) => files.exists(path));
  const profile = target.profile ?? 'DEFAULT';
  const fix = 'create one with `oci setup config` (API signing key) or pass --config-file / --profile';
  if (configFile === undefined)
    throw new ConfigError(
      'OCI_CREDENTIALS_MISSING',
      `no OCI credentials: config file ${candidates.join(' or ')} not found; ${fix}`,
      { context: { configFile: candidates[0] } },
    );
  const profiles = parseOciConfig(files.read(configFile));
  const section = profiles.get(profile);
  if (section === undefined)
    throw new ConfigError(
      'OCI_CREDENTIALS_MISSING',
      `no OCI credentials: profile [${profile}] is not in ${configFile} (profiles there: ${[...profiles.keys()].join(', ') || 'none'}); ${fix}`,
      { context: { configFile, profile } },
    );
  const value = (key: string): string | undefined => section.get(key) ?? profiles.get('DEFAULT')?.get(key);
  const problems = REQUIRED_KEYS.filter((key) => !value(key)).map((key) => `'${key}' is missing`);
  const keyFile = value('key_file');
  if (keyFile && !files.exists(expandHome(keyFile, files.homeDir)))
    problems.push(`key_file ${keyFile} does not exist`);
  const region = target.region ?? value('region');
  if (!region) problems.push("no region: 'region' is missing and no --region (OCI_CLI_REGION) was given");
  if (problems.length > 0 || region === undefined)
    throw new ConfigError(
      'OCI_CREDENTIALS_MISSING',
      `incomplete OCI credentials in profile [${profile}] of ${configFile}: ${problems.join('; ')}`,
      { context: { configFile, profile } },
    );
  return { configFile, profile, region };
}

/** The SDK's config-file provider for checked credentials, with the region override applied. */
export function configFileAuthProvider(credentials: OciCredentials): ConfigFileAuthenticationDetailsProvider {
  const provider = new ConfigFileAuthenticationDetailsProvider(credentials.configFile, credentials.profile);
  provider.setRegion(credentials.region);
  return provider;
}
