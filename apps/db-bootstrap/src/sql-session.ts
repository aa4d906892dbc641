import { AppError, UpstreamError } from '@lakehouse/runtime';
import { poolOptions, type SqlConfig } from '@lakehouse/sql';
import { createPool, type Pool } from 'mysql2/promise';

/** The facts of a MySQL error a message may show; never its `sql`, which can hold a password. */
export interface MysqlFailure {
  readonly code: string | undefined;
  readonly message: string;
}

/** Reads the code and message of whatever a mysql2 call threw. */
export function mysqlFailure(err: unknown): MysqlFailure {
  const e = err as { code?: unknown; sqlMessage?: unknown; message?: unknown };
  const message =
    typeof e.sqlMessage === 'string' ? e.sqlMessage : typeof e.message === 'string' ? e.message : String(err);
  return { code: typeof e.code === 'string' ? e.code : undefined, message };
}

/** Errors of the TLS handshake that a missing or wrong CA bundle causes. */
const TLS_VERIFY_FAILURE =
  /certificate|self[- ]signed|unable to (get|verify)|altnames|hostname\/ip does not match|CERT_/i;

/** The hint a failed certificate check gets: where the CA bundle comes from. */
export const TLS_CA_HINT =
  "the DB system's certificate did not verify: give its CA chain with MYSQL_TLS_CA_FILE (certs/README.md; docs/adr/0023, 'TLS: which CA')";

/**
 * Opens a pool of `sql` and checks one connection, without a default schema when `withDatabase` is false (the
 * application schema may not exist yet). A refused login keeps its MySQL code (ER_ACCESS_DENIED_ERROR) in the
 * error's context; a certificate failure says where the CA bundle comes from.
 */
export async function openPool(sql: SqlConfig, withDatabase: boolean): Promise<Pool> {
  const { database, ...rest } = poolOptions(sql);
  const pool = createPool(withDatabase ? { ...rest, database } : rest);
  try {
    const conn = await pool.getConnection();
    try {
      await conn.query("SET SESSION time_zone = '+00:00'");
    } finally {
      conn.release();
    }
    return pool;
  } catch (err: unknown) {
    await pool.end().catch(() => undefined);
    if (err instanceof AppError) throw err;
    const failure = mysqlFailure(err);
    const hint = TLS_VERIFY_FAILURE.test(failure.message) ? `; ${TLS_CA_HINT}` : '';
    throw new UpstreamError(
      'SQL_CONNECT_FAILED',
      `cannot connect to MySQL at ${sql.host}:${sql.port} as ${sql.user}${withDatabase ? ` (schema ${sql.database})` : ''}, tls ${sql.tlsMode}: ${failure.message}${hint}`,
      {
        cause: err,
        retryable: failure.code !== 'ER_ACCESS_DENIED_ERROR' && failure.code !== 'ER_BAD_DB_ERROR',
        context: { host: sql.host, port: sql.port, user: sql.user, mysqlCode: failure.code },
      },
    );
  }
}

/**
 * Runs a statement that carries a password (CREATE USER / ALTER USER ... IDENTIFIED BY ?). mysql2 errors keep the
 * formatted statement in `sql`, password included, so the error thrown here has no cause: only MySQL's code and its
 * message without any part of the statement.
 */
export async function runSecretStatement(
  pool: Pick<Pool, 'query'>,
  statement: string,
  values: readonly string[],
  options: { readonly what: string; readonly secret: string },
): Promise<{ readonly warningStatus: number }> {
  try {
    const [result] = await pool.query(statement, [...values]);
    return { warningStatus: Number((result as { warningStatus?: number }).warningStatus ?? 0) };
  } catch (err: unknown) {
    const failure = mysqlFailure(err);
    throw new UpstreamError(
      'SQL_WRITE_FAILED',
      `${options.what} failed: ${failure.code ?? 'error'} ${withoutStatementText(failure.message, options.secret)}`,
      { context: { mysqlCode: failure.code } },
    );
  }
}

/**
 * A MySQL message with no trace of the statement: a syntax error quotes the statement from where parsing stopped
 * (`near '…'`), which may be the password, and the secret is taken out wherever else it appears (as given, and
 * escaped the way it is inside a string literal).
 */
export function withoutStatementText(message: string, secret: string): string {
  let out = message.replace(/near '[\s\S]*$/, 'near [statement withheld]');
  if (secret === '') return out;
  for (const form of [secret, secret.replace(/[\\']/g, '\\$&')]) out = out.split(form).join('[redacted]');
  return out;
}
