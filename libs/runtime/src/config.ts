import { KindGuard, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from './app-error.js';

/** One value of a {@link checkSchemaValues} input that does not fit its schema. */
export interface SchemaProblem {
  /** Top-level property name (the env variable, the command-line flag). */
  readonly key: string;
  /** TypeBox's description of the first broken rule, such as `Expected integer`. */
  readonly message: string;
  /** What was given for the key; undefined when it was missing. */
  readonly given: unknown;
}

/** Result of {@link checkSchemaValues}: the converted value, or every problem (one per key). */
export type SchemaCheck<T extends TObject> =
  | { readonly ok: true; readonly value: Static<T> }
  | { readonly ok: false; readonly problems: readonly SchemaProblem[] };

const INTEGER_TEXT = /^[-+]?\d+$/;

/**
 * TypeBox's Convert truncates "2.5" and reads "1e6" or "0x10" as integers; a setting or flag meant as an integer
 * must be written as one.
 */
function isLooseIntegerText(schema: TSchema, given: unknown): boolean {
  const texts = Array.isArray(given) ? (given as unknown[]) : [given];
  const item = KindGuard.IsArray(schema) ? schema.items : schema;
  if (!KindGuard.IsInteger(item)) return false;
  return texts.some(
    (text) => typeof text === 'string' && (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(Number(text))),
  );
}

/**
 * Checks string (or string list) values against a TypeBox object schema: schema defaults are applied, strings
 * converted to the declared types, and every key that still does not fit is reported with what it was given. The
 * one machinery behind {@link parseConfig} (env variables) and `@lakehouse/cli` (command-line flags).
 */
export function checkSchemaValues<T extends TObject>(
  schema: T,
  values: Readonly<Record<string, unknown>>,
): SchemaCheck<T> {
  const problems = new Map<string, SchemaProblem>();
  for (const [key, given] of Object.entries(values)) {
    const property = schema.properties[key];
    if (property !== undefined && isLooseIntegerText(property, given))
      problems.set(key, { key, message: 'Expected integer', given });
  }
  const converted: unknown = Value.Convert(schema, Value.Default(schema, { ...values }));
  for (const e of Value.Errors(schema, converted)) {
    const key = e.path.replace(/^\//, '').split('/')[0] || '(root)';
    if (!problems.has(key)) problems.set(key, { key, message: e.message, given: values[key] });
  }
  if (problems.size > 0) return { ok: false, problems: [...problems.values()] };
  return { ok: true, value: converted as Static<T> };
}

/**
 * Parses environment variables against a TypeBox object schema whose property names are the variable names.
 * Defaults from the schema are applied and strings are converted to the declared types. Throws one
 * `CONFIG_INVALID` error naming every bad key at once; the result is frozen.
 */
export function parseConfig<T extends TObject>(
  schema: T,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Static<T>> {
  const known: Record<string, string> = {};
  for (const key of Object.keys(schema.properties)) {
    const raw = env[key];
    if (raw !== undefined && raw !== '') known[key] = raw;
  }
  const checked = checkSchemaValues(schema, known);
  if (!checked.ok) {
    const messages = checked.problems.map(
      (p) => `${p.key}: ${p.message}${p.given === undefined ? '' : ` (got ${JSON.stringify(p.given)})`}`,
    );
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${messages.join('; ')}`, {
      context: { keys: checked.problems.map((p) => p.key) },
    });
  }
  return Object.freeze(checked.value);
}
