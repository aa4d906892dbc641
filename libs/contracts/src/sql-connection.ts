import { Type } from '@sinclair/typebox';

/** How the client secures its connection. */
export const TLS_MODES = ['disabled', 'required', 'verify-ca', 'verify-identity'] as const;

/** Environment variables of a MySQL/HeatWave connection (documented in libs/sql/README.md). */
export const SqlEnvSchema = Type.Object({
  MYSQL_HOST: Type.String({ minLength: 1 }),
  MYSQL_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3306 }),
  MYSQL_USER: Type.String({ minLength: 1 }),
  /** A secret: in the cloud it comes from Vault through MYSQL_PASSWORD_SECRET_OCID. */
  MYSQL_PASSWORD: Type.String({ minLength: 1 }),
  MYSQL_DATABASE: Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }),
  /** Default: disabled for a loopback host (the local stack), verify-identity for anything else. */
  MYSQL_TLS_MODE: Type.Optional(Type.Union(TLS_MODES.map((m) => Type.Literal(m)))),
  /** PEM CA bundle (path) used for verify-ca / verify-identity; the system store when absent. */
  MYSQL_TLS_CA_FILE: Type.Optional(Type.String({ minLength: 1 })),
  MYSQL_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  MYSQL_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
});

/**
 * Where the container images of the workloads that connect to MySQL hold the PEM bundle that verifies the DB
 * system's certificate (the repository's `certs/mysql-ca.pem`, copied in when present; see `certs/README.md`). An
 * environment that names a CA file for MYSQL_TLS_CA_FILE names this one.
 */
export const IMAGE_MYSQL_CA_FILE = '/etc/lakehouse/certs/mysql-ca.pem';

/** The secret of a MySQL connection. */
export const SQL_SECRETS = ['MYSQL_PASSWORD'] as const;

/**
 * What infra gives every workload that connects to the DB system: host, port, user, schema, TLS mode and the
 * Vault secret of the password (MYSQL_TLS_CA_FILE too, when the environment names a CA bundle).
 */
export const SQL_FROM_INFRA = [
  'MYSQL_HOST',
  'MYSQL_PORT',
  'MYSQL_USER',
  'MYSQL_DATABASE',
  'MYSQL_TLS_MODE',
  'MYSQL_PASSWORD_SECRET_OCID',
] as const;
