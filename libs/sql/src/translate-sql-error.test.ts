import { AppError } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { translateWriteError } from './translate-sql-error.js';

const ctx = { table: 'readings', rows: 10 };
const serverError = (errno: number, code: string, message = 'boom'): Error =>
  Object.assign(new Error(message), { errno, code });

describe('translateWriteError', () => {
  it('marks rows broken by a CHECK constraint as invalid and not retryable', () => {
    const err = translateWriteError(
      serverError(4025, 'ER_CONSTRAINT_FAILED', 'CONSTRAINT `readings_torque_range` failed'),
      ctx,
    );
    expect(err).toMatchObject({ code: 'SQL_ROW_INVALID', retryable: false });
    expect(err.message).toContain('readings_torque_range');
  });

  it('marks deadlocks and lost connections as retryable write failures', () => {
    expect(translateWriteError(serverError(1213, 'ER_LOCK_DEADLOCK'), ctx)).toMatchObject({
      code: 'SQL_WRITE_FAILED',
      retryable: true,
    });
    expect(translateWriteError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), ctx)).toMatchObject(
      { retryable: true },
    );
  });

  it('keeps other server errors non-retryable, with the table and row count', () => {
    const err = translateWriteError(
      serverError(1146, 'ER_NO_SUCH_TABLE', "Table 'x.readings' doesn't exist"),
      ctx,
    );
    expect(err).toMatchObject({
      code: 'SQL_WRITE_FAILED',
      retryable: false,
      context: { table: 'readings', rows: 10, errno: 1146 },
    });
    expect(err.message).toMatch(/^readings: writing 10 rows failed/);
  });

  it('passes platform errors through unchanged', () => {
    const original = new AppError('SQL_ROW_INVALID', 'already translated');
    expect(translateWriteError(original, ctx)).toBe(original);
  });
});
