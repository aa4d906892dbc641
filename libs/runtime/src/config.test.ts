import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

const Schema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  LOG_LEVEL: Type.Union([Type.Literal('info'), Type.Literal('debug')], { default: 'info' }),
  DB_URL: Type.String({ minLength: 1 }),
  IS_STRICT: Type.Boolean({ default: false }),
});

describe('parseConfig', () => {
  it('converts strings, applies defaults and freezes the result', () => {
    const config = parseConfig(Schema, {
      PORT: '9000',
      DB_URL: 'mysql://x',
      IS_STRICT: 'true',
      UNRELATED: 'y',
    });
    expect(config).toEqual({ PORT: 9000, LOG_LEVEL: 'info', DB_URL: 'mysql://x', IS_STRICT: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig(Schema, { PORT: '', DB_URL: 'x' }).PORT).toBe(8080);
  });

  it('names every bad key at once with the value it got', () => {
    let caught: unknown;
    try {
      parseConfig(Schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (err: unknown) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'CONFIG_INVALID', name: 'ConfigError' });
    const message = (caught as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('"eighty"');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('DB_URL');
    expect((caught as { context: { keys: string[] } }).context.keys.sort()).toEqual([
      'DB_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
  });
});
