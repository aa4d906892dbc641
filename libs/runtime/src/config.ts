import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from './app-error.js';

/**
 * Parses environment variables against a TypeBox object schema whose property names are the variable names.
 * Defaults from the schema are applied and strings are converted to the declared types. Throws one
 * `CONFIG_INVALID` error naming every bad key at once; the result is frozen.
 */
export function parseConfig<T extends TObject>(
  schema: T,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Static<T>> {
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const raw = env[key];
    if (raw !== undefined && raw !== '') known[key] = raw;
  }
  const converted = Value.Convert(schema, Value.Default(schema, known));
  const errors = [...Value.Errors(schema, converted)];
  if (errors.length > 0) {
    const byKey = new Map<string, string>();
    for (const e of errors) {
      const key = e.path.replace(/^\//, '').split('/')[0] || '(root)';
      if (!byKey.has(key))
        byKey.set(key, `${key}: ${e.message}${key in known ? ` (got ${JSON.stringify(known[key])})` : ''}`);
    }
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${[...byKey.values()].join('; ')}`, {
      context: { keys: [...byKey.keys()] },
    });
  }
  return Object.freeze(converted as Static<T>);
}
