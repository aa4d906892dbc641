import type { StackSettings } from '@lakehouse/local-stack';
import type { StackConfig } from './stack-config.js';

/** Passwords generated on the first `up` and kept in stack.json from then on. */
export interface StackSecrets {
  readonly rootPassword: string;
  readonly appPassword: string;
}

/** Versions written to stack.json: the running servers' own answers when available. */
export interface StackVersions {
  readonly mariadb: string;
  readonly kafka: string;
}

/** A new random password: 18 bytes as base64url (24 characters, no quoting issues in SQL or shells). */
export function newPassword(randomBytes: (size: number) => Uint8Array): string {
  return Buffer.from(randomBytes(18)).toString('base64url');
}

/**
 * The secrets to use: those of the existing stack.json (the data directory was initialised with them), else
 * fresh random ones.
 */
export function resolveSecrets(
  existing: StackSettings | undefined,
  randomBytes: (size: number) => Uint8Array,
): StackSecrets {
  if (existing !== undefined) {
    return { rootPassword: existing.mariadb.rootPassword, appPassword: existing.mariadb.password };
  }
  return { rootPassword: newPassword(randomBytes), appPassword: newPassword(randomBytes) };
}

/** stack.json content, in exactly the shape of StackSettingsSchema (@lakehouse/local-stack). */
export function buildStackSettings(
  config: StackConfig,
  secrets: StackSecrets,
  versions: StackVersions,
): StackSettings {
  return {
    mariadb: {
      host: config.mariadb.host,
      port: config.mariadb.port,
      socketPath: config.mariadb.socketPath,
      database: config.mariadb.database,
      user: config.mariadb.user,
      password: secrets.appPassword,
      rootUser: config.mariadb.rootUser,
      rootPassword: secrets.rootPassword,
      version: versions.mariadb,
    },
    kafka: {
      brokers: [`${config.kafka.host}:${config.kafka.port}`],
      version: versions.kafka,
    },
  };
}
