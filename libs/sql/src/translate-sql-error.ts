import { AppError, UpstreamError } from '@lakehouse/runtime';

/** Server errors caused by the data itself: retrying the same rows cannot succeed. */
const ROW_ERRNOS = new Set([
  3819, // MySQL ER_CHECK_CONSTRAINT_VIOLATED
  4025, // MariaDB ER_CONSTRAINT_FAILED
  1048, // ER_BAD_NULL_ERROR
  1264, // ER_WARN_DATA_OUT_OF_RANGE
  1265, // WARN_DATA_TRUNCATED
  1292, // ER_TRUNCATED_WRONG_VALUE
  1366, // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
  1406, // ER_DATA_TOO_LONG
  1452, // ER_NO_REFERENCED_ROW_2
]);

/** Server errors that a retry may cure: deadlocks, lock waits, read-only failover, lost connections. */
const TRANSIENT_ERRNOS = new Set([1205, 1213, 1290, 1836, 2006, 2013, 1040, 1053]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
]);

/**
 * Wraps a mysql2 write error: rows that break a rule become non-retryable `SQL_ROW_INVALID`, transient faults
 * become retryable `SQL_WRITE_FAILED`, anything else non-retryable `SQL_WRITE_FAILED`. The message names the
 * table and the server's reason.
 */
export function translateWriteError(
  err: unknown,
  context: { readonly table: string; readonly rows: number },
): AppError {
  if (err instanceof AppError) return err;
  const { errno, code, message } = err as { errno?: number; code?: string; message?: string };
  const reason = message ?? String(err);
  if (errno !== undefined && ROW_ERRNOS.has(errno)) {
    return new AppError(
      'SQL_ROW_INVALID',
      `${context.table}: a row was rejected by the database: ${reason}`,
      {
        cause: err,
        retryable: false,
        context: { ...context, errno },
      },
    );
  }
  const retryable =
    (errno !== undefined && TRANSIENT_ERRNOS.has(errno)) || (code !== undefined && TRANSIENT_CODES.has(code));
  return new UpstreamError(
    'SQL_WRITE_FAILED',
    `${context.table}: writing ${context.rows} rows failed: ${reason}`,
    {
      cause: err,
      retryable,
      context: { ...context, errno, code },
    },
  );
}
