import { parseConfig } from '@lakehouse/runtime';
import { Type, type Static } from '@sinclair/typebox';

/** How the client secures its connection. */
export const TLS_MODES = ['disabled', 'required', 'verify-ca', 'verify-identity'] as const;

/** Environment variables of a MySQL/HeatWave connection (documented in libs/sql/README.md). */
export const SqlEnvSchema = Type.Object({
  MYSQL_HOST: Type.String({ minLength: 1 }),
  MYSQL_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3306 }),
  MYSQL_USER: Type.String({ minLength: 1 }),
  MYSQL_PASSWORD: Type.String({ minLength: 1 }),
  MYSQL_DATABASE: Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }),
  /** Default: disabled for a loopback host (the local stack), verify-identity for anything else. */
  MYSQL_TLS_MODE: Type.Optional(Type.Union(TLS_MODES.map((m) => Type.Literal(m)))),
  /** PEM CA bundle (path) used for verify-ca / verify-identity; the system store when absent. */
  MYSQL_TLS_CA_FILE: Type.Optional(Type.String({ minLength: 1 })),
  MYSQL_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  MYSQL_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
});

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
