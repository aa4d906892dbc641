import { AppError, UpstreamError } from '@lakehouse/runtime';
import { readFileSync } from 'node:fs';
import { createPool, type Pool, type PoolOptions, type SslOptions } from 'mysql2/promise';
import type { SqlConfig } from './config.js';

/** mysql2 TLS options for a TLS mode; `undefined` means a plain connection. */
export function tlsOptions(
  config: Pick<SqlConfig, 'tlsMode' | 'tlsCaFile'>,
  readFile = readFileSync,
): SslOptions | undefined {
  switch (config.tlsMode) {
    case 'disabled':
      return undefined;
    case 'required':
      // Encrypted but unauthenticated: only for networks the operator trusts; chosen explicitly in config.
      return { rejectUnauthorized: false, minVersion: 'TLSv1.2' };
    case 'verify-ca':
    case 'verify-identity': {
      const ca = config.tlsCaFile === undefined ? undefined : readFile(config.tlsCaFile, 'utf8');
      const options: SslOptions = {
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        ...(ca === undefined ? {} : { ca }),
      };
      // verify-ca checks the chain but not the host name (private endpoints are often reached by IP).
      return config.tlsMode === 'verify-ca'
        ? { ...options, verifyIdentity: false }
        : { ...options, verifyIdentity: true };
    }
  }
}

/** The mysql2 pool options for a config: UTC, exact numbers, no multi-statements, LOCAL INFILE allowed. */
export function poolOptions(config: SqlConfig, readFile = readFileSync): PoolOptions {
  const ssl = tlsOptions(config, readFile);
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    connectionLimit: config.poolSize,
    connectTimeout: config.connectTimeoutMs,
    waitForConnections: true,
    // DATETIME values are UTC on the wire and in the tables; never let the client shift them.
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: false,
    charset: 'utf8mb4',
    ...(ssl === undefined ? {} : { ssl }),
  };
}

/** Opens a pool and checks one connection, so a wrong host or password fails here with a clear message. */
export async function createSqlPool(config: SqlConfig): Promise<Pool> {
  const pool = createPool(poolOptions(config));
  try {
    const conn = await pool.getConnection();
    try {
      await conn.query("SET SESSION time_zone = '+00:00'");
    } finally {
      conn.release();
    }
    pool.on('connection', (conn) => {
      // Every pooled connection works in UTC, whatever the server default is. `void`: mysql2 hands this event the
      // core (callback) connection, whose query() returns a Query, not the promise its typings declare.
      void conn.query("SET SESSION time_zone = '+00:00'");
    });
    return pool;
  } catch (err: unknown) {
    await pool.end().catch(() => undefined);
    const code = (err as { code?: string }).code;
    if (err instanceof AppError) throw err;
    throw new UpstreamError(
      'SQL_CONNECT_FAILED',
      `cannot connect to MySQL at ${config.host}:${config.port} as ${config.user} (database ${config.database}, tls ${config.tlsMode}): ${(err as Error).message}`,
      {
        cause: err,
        retryable: code !== 'ER_ACCESS_DENIED_ERROR' && code !== 'ER_BAD_DB_ERROR',
        context: { host: config.host, port: config.port },
      },
    );
  }
}
