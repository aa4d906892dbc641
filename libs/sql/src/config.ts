import { parseConfig } from '@lakehouse/runtime';
import { SqlEnvSchema, TLS_MODES } from '@lakehouse/contracts';
import type { Static } from '@sinclair/typebox';

export { SqlEnvSchema, TLS_MODES };

/** A MySQL/HeatWave connection's settings. */
export interface SqlConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly tlsMode: (typeof TLS_MODES)[number];
  readonly tlsCaFile?: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts where TLS is off by default. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Reads the connection settings from environment variables; throws CONFIG_INVALID naming every bad key. */
export function loadSqlConfig(env: Readonly<Record<string, string | undefined>> = process.env): SqlConfig {
  const raw: Static<typeof SqlEnvSchema> = parseConfig(SqlEnvSchema, env);
  return Object.freeze({
    host: raw.MYSQL_HOST,
    port: raw.MYSQL_PORT,
    user: raw.MYSQL_USER,
    password: raw.MYSQL_PASSWORD,
    database: raw.MYSQL_DATABASE,
    tlsMode: raw.MYSQL_TLS_MODE ?? (isLoopbackHost(raw.MYSQL_HOST) ? 'disabled' : 'verify-identity'),
    ...(raw.MYSQL_TLS_CA_FILE === undefined ? {} : { tlsCaFile: raw.MYSQL_TLS_CA_FILE }),
    poolSize: raw.MYSQL_POOL_SIZE,
    connectTimeoutMs: raw.MYSQL_CONNECT_TIMEOUT_MS,
  });
}
