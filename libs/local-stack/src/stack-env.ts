import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { stackDir, type StackSettings } from './stack-settings.js';

/** Environment as apps read it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Name of the env file `npm run stack -- up` writes beside stack.json (mode 0600: it holds the app password). */
export const STACK_ENV_FILE = 'stack.env';

/** `<stack dir>/stack.env`. */
export function stackEnvFile(dir: string): string {
  return join(dir, STACK_ENV_FILE);
}

/** The database an app uses on the local MariaDB: the stack's own schema and app user unless given. */
export interface StackDatabase {
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
}

/**
 * The variables that point an app at the local stack: the MYSQL_* of libs/contracts' SQL connection (TLS off: the
 * local MariaDB listens on 127.0.0.1 only) and the producer's and runner's KAFKA_*. The one mapping from stack.json
 * to an app's environment; nothing else (no log level, no ports of the app itself) is in it.
 */
export function stackEnv(settings: StackSettings, database: StackDatabase = {}): Record<string, string> {
  return {
    MYSQL_HOST: settings.mariadb.host,
    MYSQL_PORT: String(settings.mariadb.port),
    MYSQL_USER: database.user ?? settings.mariadb.user,
    MYSQL_PASSWORD: database.password ?? settings.mariadb.password,
    MYSQL_DATABASE: database.database ?? settings.mariadb.database,
    MYSQL_TLS_MODE: 'disabled',
    KAFKA_PROFILE: 'local',
    KAFKA_BROKERS: settings.kafka.brokers.join(','),
  };
}

/** `KEY=value` lines as `node --env-file` and `process.loadEnvFile` read them (values single-quoted, no escapes). */
export function renderEnvFile(vars: Readonly<Record<string, string>>): string {
  const lines = Object.entries(vars).map(([key, value]) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`not an environment variable name: ${key}`);
    if (/['\n\r]/.test(value))
      throw new Error(`${key}: a value with a quote or a line break cannot be written`);
    return `${key}='${value}'`;
  });
  return `# Written by \`npm run stack -- up\`: the local stack as an app's environment. Do not edit.\n${lines.join('\n')}\n`;
}

/**
 * `env` with the stack's variables added where `env` has none: a variable already set wins, and when MYSQL_HOST is
 * set none of the stack's MYSQL_* is taken (another database is meant; its user and password are not the stack's).
 */
export function withStackEnv(
  env: Env,
  stack: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  const otherDatabase = Boolean(env['MYSQL_HOST']);
  const added = Object.entries(stack).filter(
    ([key]) => env[key] === undefined && !(otherDatabase && key.startsWith('MYSQL_')),
  );
  return { ...env, ...Object.fromEntries(added) };
}

/** Reads `<dir>/stack.env`; the error says to start the stack when it is missing. */
export function readStackEnv(dir: string): Record<string, string> {
  const file = stackEnvFile(dir);
  if (!existsSync(file)) {
    throw new Error(`local stack environment not found at ${file}: run \`npm run stack -- up\` first`);
  }
  return { ...parseEnv(readFileSync(file, 'utf8')) } as Record<string, string>;
}

/**
 * `env` plus the local stack's environment (stack.env in `stackDir(env)`), by the rule of {@link withStackEnv}.
 * With MYSQL_HOST set and no stack.env, `env` as it is: the app is pointed at another database on purpose.
 */
export function localStackEnv(env: Env): Record<string, string | undefined> {
  const dir = stackDir(env);
  if (env['MYSQL_HOST'] && !existsSync(stackEnvFile(dir))) return { ...env };
  return withStackEnv(env, readStackEnv(dir));
}
