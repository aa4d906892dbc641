/**
 * The subset of JSON Schema (2020-12, as @fastify/swagger writes the TypeBox schemas into the OpenAPI document) that
 * the contract fuzz generates from and checks responses against. A keyword outside this subset is an error, never
 * ignored: a route that starts using `format` or `oneOf` must extend this file rather than pass unchecked.
 */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly default?: unknown;
}

/** The JSON types a schema can name. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';

const CHECKED = new Set([
  'type',
  'enum',
  'const',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
]);
/** Annotations: they describe, they never constrain (`unit` is the project's own, see libs/domain). */
const ANNOTATIONS = new Set(['description', 'default', 'title', 'examples', 'unit', 'deprecated']);

/** Throws on a keyword this subset does not know, anywhere in the schema. */
export function assertSupportedSchema(schema: JsonSchema, at = '#'): void {
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) {
      throw new Error(`${at}: JSON Schema keyword "${key}" is not supported by the contract fuzz`);
    }
  }
  for (const [name, sub] of Object.entries(schema.properties ?? {}))
    assertSupportedSchema(sub, `${at}/properties/${name}`);
  if (schema.items !== undefined) assertSupportedSchema(schema.items, `${at}/items`);
  schema.anyOf?.forEach((sub, i) => assertSupportedSchema(sub, `${at}/anyOf/${i}`));
  if (typeof schema.additionalProperties === 'object')
    assertSupportedSchema(schema.additionalProperties, `${at}/additionalProperties`);
}

/** The JSON type of a value (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value === 'object' ? 'object' : 'undefined';
}

function typeMatches(type: JsonType, value: unknown): boolean {
  const actual = jsonTypeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Every way `value` breaks `schema`, as `<JSON pointer>: <what>`; empty when it conforms. */
export function checkJsonSchema(schema: JsonSchema, value: unknown, at = ''): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${at || '/'}: ${message}`);
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => typeMatches(t, value))) {
      fail(`expected ${types.join('|')}, got ${jsonTypeOf(value)}`);
      return problems;
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => e === value))
    fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);
  if (schema.anyOf !== undefined && !schema.anyOf.some((s) => checkJsonSchema(s, value).length === 0))
    fail(`matches none of anyOf (${schema.anyOf.map((s) => checkJsonSchema(s, value)[0]).join(' / ')})`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`${value} > maximum ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail(`${value} <= exclusiveMinimum ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail(`${value} >= exclusiveMaximum ${schema.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      fail(`does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(`fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      fail(`more than ${schema.maxItems} items`);
    if (schema.items !== undefined) {
      const items = schema.items;
      value.forEach((item, i) => problems.push(...checkJsonSchema(items, item, `${at}/${i}`)));
    }
  }
  if (jsonTypeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) fail(`missing required "${name}"`);
    for (const [name, item] of Object.entries(object)) {
      const sub = schema.properties?.[name];
      if (sub !== undefined) problems.push(...checkJsonSchema(sub, item, `${at}/${name}`));
      else if (schema.additionalProperties === false) fail(`unexpected property "${name}"`);
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...checkJsonSchema(schema.additionalProperties, item, `${at}/${name}`));
    }
  }
  return problems;
}
