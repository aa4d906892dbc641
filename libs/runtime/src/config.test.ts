import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { checkSchemaValues, parseConfig } from './config.js';

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

describe('checkSchemaValues', () => {
  const Flags = Type.Object({
    nodes: Type.Integer({ minimum: 1 }),
    ids: Type.Optional(Type.Array(Type.Integer())),
  });

  it('converts integer text and integer lists', () => {
    expect(checkSchemaValues(Flags, { nodes: '-0', ids: ['1', '+2'] })).toMatchObject({ ok: false });
    expect(checkSchemaValues(Flags, { nodes: '3', ids: ['1', '+2'] })).toEqual({
      ok: true,
      value: { nodes: 3, ids: [1, 2] },
    });
  });

  it('refuses integers written as decimals, exponents, hex or beyond the safe range', () => {
    for (const given of ['2.5', '1e6', '0x10', ' 5', '9007199254740993'])
      expect(checkSchemaValues(Flags, { nodes: given })).toEqual({
        ok: false,
        problems: [{ key: 'nodes', message: 'Expected integer', given }],
      });
    expect(checkSchemaValues(Flags, { nodes: '1', ids: ['1', '2.5'] })).toMatchObject({
      ok: false,
      problems: [{ key: 'ids' }],
    });
  });

  it('reports a missing key with nothing given', () => {
    expect(checkSchemaValues(Flags, {})).toEqual({
      ok: false,
      problems: [{ key: 'nodes', message: 'Expected required property', given: undefined }],
    });
  });
});
