import { describe, expect, it } from 'vitest';
import {
  AppError,
  ConfigError,
  ERROR_CODES,
  UpstreamError,
  ValidationError,
  hasErrorCode,
} from './app-error.js';

describe('AppError', () => {
  it('carries code, cause, retryability and frozen context, and is named after its class', () => {
    const cause = new Error('socket hang up');
    const err = new UpstreamError('SQL_WRITE_FAILED', 'insert failed', {
      cause,
      retryable: true,
      context: { table: 'readings' },
    });
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ name: 'UpstreamError', code: 'SQL_WRITE_FAILED', retryable: true, cause });
    expect(Object.isFrozen(err.context)).toBe(true);
    expect(err.context).toEqual({ table: 'readings' });
  });

  it('is not retryable unless it says so', () => {
    expect(new ConfigError('CONFIG_INVALID', 'bad').retryable).toBe(false);
    expect(new ConfigError('CONFIG_INVALID', 'bad').name).toBe('ConfigError');
  });

  it('lists every problem of a validation error and never retries it', () => {
    const problems = [
      { path: '/torqueNm', reason: 'missing', message: 'required' },
      { path: '/assetType', reason: 'unknown_asset_type', message: 'X' },
    ];
    const err = new ValidationError('2 problems', problems);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false, problems });
    expect(new ValidationError('x', [], { code: 'SQL_ROW_INVALID' }).code).toBe('SQL_ROW_INVALID');
  });

  it('recognises codes', () => {
    expect(hasErrorCode(new AppError('DATASET_INVALID', 'x'), 'DATASET_INVALID')).toBe(true);
    expect(hasErrorCode(new Error('x'), 'DATASET_INVALID')).toBe(false);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z]+_[A-Z_]+$/);
  });
});
