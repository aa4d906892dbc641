import { AppError } from '@lakehouse/runtime';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Expands a leading `~/`. */
export function expandHome(path: string, home = homedir()): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * Fails fast, before any SDK call, when the OCI API-key config is absent or lacks the profile or its keys, naming
 * what to set up. (The SDK's own error on a missing file is an opaque stack trace.)
 */
export function assertOciCredentials(
  configFile: string,
  profile: string,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
  exists: (path: string) => boolean = existsSync,
): string {
  const path = expandHome(configFile);
  const help =
    'Data Flow needs OCI credentials: create an API key and an OCI config file (`oci setup config`), or set OCI_CONFIG_FILE and OCI_PROFILE';
  if (!exists(path)) {
    throw new AppError('OCI_CREDENTIALS_MISSING', `no OCI config file at ${path}. ${help}`, {
      context: { path },
    });
  }
  const text = readFile(path);
  const section = new RegExp(
    `^\\[${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]\\s*$([\\s\\S]*?)(?=^\\[|$(?![\\s\\S]))`,
    'm',
  ).exec(text);
  if (section === null) {
    throw new AppError('OCI_CREDENTIALS_MISSING', `profile [${profile}] is not in ${path}. ${help}`, {
      context: { path, profile },
    });
  }
  const missing = ['user', 'fingerprint', 'tenancy', 'region', 'key_file'].filter(
    (key) => !new RegExp(`^\\s*${key}\\s*=\\s*\\S`, 'm').test(section[1] ?? ''),
  );
  if (missing.length > 0) {
    throw new AppError(
      'OCI_CREDENTIALS_MISSING',
      `profile [${profile}] in ${path} lacks ${missing.join(', ')}. ${help}`,
      {
        context: { path, profile, missing },
      },
    );
  }
  return path;
}
