import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { expectedValue, isRequiredFlag, parseArgsOption, placeholder } from './flag-schema.js';

describe('flag schemas', () => {
  it('describe a valid value in words', () => {
    expect(expectedValue(Type.Integer({ minimum: 1, maximum: 600 }))).toBe('an integer from 1 to 600');
    expect(expectedValue(Type.Integer({ maximum: 9 }))).toBe('an integer <= 9');
    expect(expectedValue(Type.Number({ exclusiveMinimum: 0 }))).toBe('a number > 0');
    expect(expectedValue(Type.Number({ minimum: 0, exclusiveMaximum: 1 }))).toBe('a number >= 0 and < 1');
    expect(expectedValue(Type.Boolean())).toBe('true or false');
    expect(expectedValue(Type.Union([Type.Literal('a'), Type.Literal('b'), Type.Literal('c')]))).toBe(
      'a, b or c',
    );
    expect(expectedValue(Type.String({ pattern: '^x' }))).toBe('a value matching /^x/');
    expect(expectedValue(Type.String({ minLength: 1 }))).toBe('a non-empty value');
    expect(expectedValue(Type.String())).toBe('a value');
    expect(expectedValue(Type.Array(Type.Integer()))).toBe('an integer');
    expect(expectedValue(Type.String({ expected: 'an ISO-8601 instant' }))).toBe('an ISO-8601 instant');
  });

  it('map to parseArgs options and help placeholders', () => {
    expect(parseArgsOption(Type.Boolean({ short: 'f' }))).toEqual({ type: 'boolean', short: 'f' });
    expect(parseArgsOption(Type.Array(Type.String()))).toEqual({ type: 'string', multiple: true });
    expect(placeholder(Type.Boolean())).toBeUndefined();
    expect(placeholder(Type.Array(Type.Number()))).toBe('N');
    expect(placeholder(Type.String({ placeholder: 'FILE' }))).toBe('FILE');
  });

  it('count a flag as required only without optional, default or env fallback', () => {
    const flags = Type.Object({
      a: Type.String(),
      b: Type.Optional(Type.String()),
      c: Type.String({ default: 'x' }),
      d: Type.String({ env: 'D' }),
      e: Type.Boolean(),
    });
    expect(['a', 'b', 'c', 'd', 'e', 'z'].filter((n) => isRequiredFlag(flags, n))).toEqual(['a']);
  });
});
