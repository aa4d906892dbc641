import { KindGuard, type TObject, type TSchema } from '@sinclair/typebox';
import type { FlagOptions } from './command.js';

/** One flag as node:util parseArgs takes it. */
export interface ParseArgsOption {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

/** The FlagOptions keys of a flag's schema (TypeBox keeps unknown schema options as they are). */
export function flagOptions(schema: TSchema): FlagOptions {
  return schema as FlagOptions;
}

/** Boolean flags are switches (`--fresh`); arrays repeat (`--tag a --tag b`); everything else takes a value. */
export function parseArgsOption(schema: TSchema): ParseArgsOption {
  const short = flagOptions(schema).short;
  const shortOption = short === undefined ? {} : { short };
  if (KindGuard.IsBoolean(schema)) return { type: 'boolean', ...shortOption };
  if (KindGuard.IsArray(schema)) return { type: 'string', multiple: true, ...shortOption };
  return { type: 'string', ...shortOption };
}

/** parseArgs options of a command's flags. */
export function parseArgsOptions(flags: TObject): Record<string, ParseArgsOption> {
  return Object.fromEntries(Object.entries(flags.properties).map(([name, s]) => [name, parseArgsOption(s)]));
}

function range(kind: string, schema: TSchema): string {
  const min = (schema['minimum'] ?? schema['exclusiveMinimum']) as number | undefined;
  const max = (schema['maximum'] ?? schema['exclusiveMaximum']) as number | undefined;
  const lt = schema['exclusiveMaximum'] === undefined ? '<=' : '<';
  const gt = schema['exclusiveMinimum'] === undefined ? '>=' : '>';
  if (min !== undefined && max !== undefined && schema['exclusiveMinimum'] === undefined && lt === '<=')
    return `${kind} from ${String(min)} to ${String(max)}`;
  if (min !== undefined && max !== undefined) return `${kind} ${gt} ${String(min)} and ${lt} ${String(max)}`;
  if (min !== undefined) return `${kind} ${gt} ${String(min)}`;
  if (max !== undefined) return `${kind} ${lt} ${String(max)}`;
  return kind;
}

function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** What a valid value of the schema is, in words: "an integer from 1 to 600", "csv or jsonl". */
export function expectedValue(schema: TSchema): string {
  const expected = flagOptions(schema).expected;
  if (expected !== undefined) return expected;
  if (KindGuard.IsArray(schema)) return expectedValue(schema.items);
  if (KindGuard.IsInteger(schema)) return range('an integer', schema);
  if (KindGuard.IsNumber(schema)) return range('a number', schema);
  if (KindGuard.IsBoolean(schema)) return 'true or false';
  if (KindGuard.IsLiteral(schema)) return String(schema.const);
  if (KindGuard.IsUnion(schema)) return orList(schema.anyOf.map(expectedValue));
  if (KindGuard.IsString(schema) && schema.pattern !== undefined)
    return `a value matching /${schema.pattern}/`;
  if (KindGuard.IsString(schema) && (schema.minLength ?? 0) > 0) return 'a non-empty value';
  return 'a value';
}

/** Placeholder of the flag's value in the help (`N`, `FILE`); undefined for switches. */
export function placeholder(schema: TSchema): string | undefined {
  if (KindGuard.IsBoolean(schema)) return undefined;
  const explicit = flagOptions(schema).placeholder;
  if (explicit !== undefined) return explicit;
  const item = KindGuard.IsArray(schema) ? schema.items : schema;
  if (KindGuard.IsInteger(item) || KindGuard.IsNumber(item)) return 'N';
  if (KindGuard.IsUnion(item) && item.anyOf.every((s) => KindGuard.IsLiteral(s)))
    return item.anyOf.map((s) => String(s.const)).join('|');
  return 'VALUE';
}

/** Whether the flag must be given: not optional, and with neither a default nor an environment fallback. */
export function isRequiredFlag(flags: TObject, name: string): boolean {
  const schema = flags.properties[name];
  if (schema === undefined || KindGuard.IsOptional(schema) || KindGuard.IsBoolean(schema)) return false;
  return schema.default === undefined && flagOptions(schema).env === undefined;
}
