import {
  DB_BOOTSTRAP_CONTRACT,
  acceptedKeys,
  loadWorkloadEnv,
  type SecretReader,
} from '@lakehouse/contracts';
import { secretReaderFor } from '@lakehouse/oci';
import { ConfigError } from '@lakehouse/runtime';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { accessSync, constants } from 'node:fs';

/** Every variable the bootstrap reads, for `.env.example` and the docs (the contract in @lakehouse/contracts). */
export const DB_BOOTSTRAP_ENV_KEYS: readonly string[] = acceptedKeys(DB_BOOTSTRAP_CONTRACT);

/** The MySQL account the applications log in with. */
export interface AppAccount {
  readonly user: string;
  /** Host part of the account, `%` by default. */
  readonly host: string;
  readonly password: string;
}

/** The bootstrap's settings. */
export interface BootstrapConfig {
  readonly logLevel: string;
  /** The admin connection; its `database` is the application schema to create and migrate. */
  readonly admin: SqlConfig;
  readonly app: AppAccount;
  /** Grant the HeatWave AutoML privileges too (applied on HeatWave only). */
  readonly grantAutoMl: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Schemas the server owns: the application schema must not be one of them. */
const SERVER_SCHEMAS = ['mysql', 'sys', 'information_schema', 'performance_schema'];

function isReadable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the bootstrap's settings with its contract (DB_BOOTSTRAP_CONTRACT). In the cloud both passwords come from
 * Vault (MYSQL_PASSWORD_SECRET_OCID for the admin, DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID for the app user), read
 * with the container instance's resource principal. Throws one CONFIG_INVALID naming every bad key.
 */
export async function loadConfig(
  env: Env = process.env,
  readSecret: SecretReader = secretReaderFor(env),
): Promise<BootstrapConfig> {
  const raw = await loadWorkloadEnv(DB_BOOTSTRAP_CONTRACT, env, readSecret);
  // One connection is all a sequence of DDL and DCL statements needs.
  const admin = { ...loadSqlConfig({ ...env, MYSQL_PASSWORD: raw.MYSQL_PASSWORD }), poolSize: 1 };
  const problems: [string, string][] = [];
  if (raw.DB_BOOTSTRAP_APP_USER === raw.MYSQL_USER) {
    problems.push([
      'DB_BOOTSTRAP_APP_USER',
      'must differ from MYSQL_USER, the admin the bootstrap connects as',
    ]);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(admin.database)) {
    problems.push(['MYSQL_DATABASE', 'the application schema must start with a letter or _']);
  } else if (SERVER_SCHEMAS.includes(admin.database.toLowerCase())) {
    problems.push(['MYSQL_DATABASE', `${admin.database} is a server schema, not an application schema`]);
  }
  if (admin.tlsCaFile !== undefined && admin.tlsMode.startsWith('verify-') && !isReadable(admin.tlsCaFile)) {
    problems.push(['MYSQL_TLS_CA_FILE', `cannot read ${admin.tlsCaFile} (is the CA bundle in the image?)`]);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: ${problems.map(([key, why]) => `${key}: ${why}`).join('; ')}`,
      { context: { keys: problems.map(([key]) => key) } },
    );
  }
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    admin,
    app: Object.freeze({
      user: raw.DB_BOOTSTRAP_APP_USER,
      host: raw.DB_BOOTSTRAP_APP_HOST,
      password: raw.DB_BOOTSTRAP_APP_PASSWORD,
    }),
    grantAutoMl: raw.DB_BOOTSTRAP_AUTOML_GRANTS,
  });
}
