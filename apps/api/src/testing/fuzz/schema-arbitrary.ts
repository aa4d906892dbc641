import fc from 'fast-check';
import type { JsonSchema, JsonType } from './json-schema.js';

/*
 * fast-check arbitraries from a JSON Schema: values that conform (biased to the boundaries: min, max, the shortest
 * and longest strings, every enum member) and values that certainly do not (wrong type, one past a bound, too long,
 * not an enum member, a hostile string that breaks the pattern).
 */

/** Strings that have broken servers: SQL, path traversal, control characters, prototype keys, number edge cases. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "A1' OR 1=1 -- ",
  '1; DROP TABLE readings; --',
  "') UNION SELECT key_hash FROM api_keys -- ",
  "A1\\' OR 1=1#",
  '%27%20OR%201%3D1',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '\u0000',
  'A1\u0000',
  '\r\nSet-Cookie: x=1',
  '\u001b[31m',
  '\ud800',
  '\u202e',
  '__proto__',
  'constructor',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '9'.repeat(30),
  ' ',
  '',
];

/** A hostile or random string, sometimes very long (a few KB, the order of a URL or header limit). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 5_000 }).map((n) => 'x'.repeat(n)) },
);

const STRING_LIMIT = 40;
const ARRAY_LIMIT = 4;

function typesOf(schema: JsonSchema): JsonType[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : [...schema.type];
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength, STRING_LIMIT);
  const fits = (s: string) => [...s].length >= minLength && [...s].length <= maxLength;
  if (schema.pattern !== undefined) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  const edges = [
    fc.constant('a'.repeat(minLength)),
    fc.constant('z'.repeat(maxLength)),
    fc.string({ minLength, maxLength: Math.min(maxLength, minLength + STRING_LIMIT) }),
  ];
  return fc.oneof(...edges).filter(fits);
}

function numberBounds(schema: JsonSchema): { min: number; max: number } {
  const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1e9 : schema.exclusiveMinimum + 1);
  const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1e9 : schema.exclusiveMaximum - 1);
  return { min, max };
}

/**
 * Values the running system already holds, by property name (`assetId` → the seeded assets): a property or
 * parameter of that name takes one of them half of the time, so valid requests reach existing rows, not just 404s.
 */
export interface KnownValues {
  (name: string): fc.Arbitrary<unknown> | undefined;
  /** Use only known values where there are any (clean requests: a reading made of stored readings' values). */
  readonly isPreferred?: boolean;
}

const NONE: KnownValues = () => undefined;

function validOfType(schema: JsonSchema, type: JsonType, known: KnownValues): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return validString(schema);
    case 'integer': {
      const { min, max } = numberBounds(schema);
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case 'number': {
      const { min, max } = numberBounds(schema);
      return fc.oneof(
        fc.constantFrom(min, max),
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items === undefined ? fc.jsonValue() : validValue(schema.items, known), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? ARRAY_LIMIT, Math.max(schema.minItems ?? 0, ARRAY_LIMIT)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const arbitraries: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(properties)) {
        const existing = known(name);
        arbitraries[name] =
          existing === undefined
            ? validValue(sub, known)
            : known.isPreferred
              ? existing
              : fc.oneof(
                  { weight: 3, arbitrary: existing },
                  { weight: 1, arbitrary: validValue(sub, known) },
                );
      }
      return fc.record(arbitraries, { requiredKeys: [...(schema.required ?? [])] });
    }
  }
}

/** Values that conform to `schema`. */
export function validValue(schema: JsonSchema, known: KnownValues = NONE): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map((s) => validValue(s, known)));
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue();
  return fc.oneof(...types.map((t) => validOfType(schema, t, known)));
}

const ANY_OF_TYPE: Readonly<Record<JsonType, fc.Arbitrary<unknown>>> = {
  string: hostileString,
  integer: fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53)),
  number: fc.constantFrom(0.5, -0.5, 1e308, -1e308, Number.MIN_VALUE),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.constantFrom([], [null], [1, 'a']),
  object: fc.constantFrom({}, { a: 1 }, { __proto__: null, constructor: 1 }),
};

/**
 * Values that certainly break `schema`. With `asText` (query and path parameters, which arrive as strings and are
 * converted), only violations that survive the conversion: out-of-range integers, non-numeric text, overlong
 * strings, non-members of an enum, pattern breakers; a wrong JSON type is not one (`"1"` is a fine integer there).
 */
export function invalidValue(schema: JsonSchema, asText = false): fc.Arbitrary<unknown> | null {
  const candidates: fc.Arbitrary<unknown>[] = [];
  const types = typesOf(schema);
  const allowed = new Set(types);
  if (schema.anyOf !== undefined || schema.enum !== undefined) {
    const members = schema.enum ?? schema.anyOf?.flatMap((s) => s.enum ?? []) ?? [];
    if (members.length > 0 && members.every((m) => typeof m === 'string')) {
      candidates.push(
        fc
          .oneof(hostileString, fc.constantFrom(...members.map((m) => `${String(m)}x`)))
          .filter((s) => !members.includes(s) && (!asText || Number.isNaN(Number(s)))),
      );
      if (!asText) candidates.push(fc.constantFrom(1, true, null, {}, []));
    }
  } else if (types.length > 0) {
    if (!asText) {
      for (const [type, arbitrary] of Object.entries(ANY_OF_TYPE) as [JsonType, fc.Arbitrary<unknown>][]) {
        const covered = allowed.has(type) || (type === 'integer' && allowed.has('number'));
        if (!covered) candidates.push(arbitrary);
      }
    }
    if (allowed.has('integer') || allowed.has('number')) {
      if (schema.minimum !== undefined) candidates.push(fc.constant(schema.minimum - 1));
      if (schema.maximum !== undefined) candidates.push(fc.constant(schema.maximum + 1));
      if (asText && !allowed.has('string')) {
        candidates.push(hostileString.filter((s) => isNaN(s as unknown as number) || isNaN(parseFloat(s))));
      }
      if (!asText && allowed.has('integer') && !allowed.has('number')) candidates.push(fc.constant(1.5));
    }
    if (allowed.has('string')) {
      if (schema.maxLength !== undefined) candidates.push(fc.constant('a'.repeat(schema.maxLength + 1)));
      if (schema.minLength !== undefined && schema.minLength > 0)
        candidates.push(fc.constant('a'.repeat(schema.minLength - 1)));
      if (schema.pattern !== undefined) {
        const re = new RegExp(schema.pattern);
        candidates.push(hostileString.filter((s) => !re.test(s)));
      }
    }
    if (allowed.has('object') && schema.additionalProperties === false && !asText) {
      candidates.push(fc.constant({ __fuzzExtra: 1 }));
    }
  }
  if (candidates.length === 0) return null;
  return fc.oneof(...candidates);
}
