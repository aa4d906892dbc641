import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

/** Most errors listed per request: enough to fix the input, bounded against hostile payloads. */
const MAX_ERRORS = 20;

/** A validation failure in the shape Fastify's error handler receives as `error.validation`. */
interface ValidationIssue {
  readonly instancePath: string;
  readonly message: string;
}

/** How deep and how wide {@link preview} looks into a received value. */
const PREVIEW_DEPTH = 3;
const PREVIEW_ITEMS = 4;

/**
 * JSON-like text of the start of a value, never walking more than a few levels and items: a body of arrays nested
 * 5,000 deep overflowed the stack of JSON.stringify here (a 500, found by the contract fuzz of #20), and a 1 MB body
 * was serialised in full to show 60 characters of it.
 */
function preview(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 60) : value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth >= PREVIEW_DEPTH) return Array.isArray(value) ? '[...]' : '{...}';
  if (Array.isArray(value)) {
    const items = value.slice(0, PREVIEW_ITEMS).map((item: unknown) => preview(item, depth + 1));
    return `[${items.join(',')}${value.length > PREVIEW_ITEMS ? ',...' : ''}]`;
  }
  const entries = Object.entries(value);
  const shown = entries
    .slice(0, PREVIEW_ITEMS)
    .map(
      ([key, item]) =>
        `${JSON.stringify(key.length > 60 ? key.slice(0, 60) : key)}:${preview(item, depth + 1)}`,
    );
  return `{${shown.join(',')}${entries.length > PREVIEW_ITEMS ? ',...' : ''}}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = preview(value, 0);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Fastify validator compiler on TypeBox's TypeCompiler: every schema is compiled to a checking function once, when
 * the route is registered, which is what lets `POST /predict` validate a reading in about a microsecond. Query
 * strings and path parameters get the schema's defaults and are converted from strings first; bodies are JSON and
 * checked as they are. Errors name the value received, so a 400 says exactly what to fix.
 */
export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  const convert = httpPart !== 'body';
  return (input: unknown) => {
    const value = convert ? Value.Convert(schema, Value.Default(schema, input)) : input;
    if (check.Check(value)) return { value };
    const issues: ValidationIssue[] = [];
    const seen = new Set<string>();
    for (const error of check.Errors(value)) {
      if (seen.has(error.path)) continue;
      seen.add(error.path);
      issues.push({ instancePath: error.path, message: `${error.message}, got ${describe(error.value)}` });
      if (issues.length >= MAX_ERRORS) break;
    }
    if (issues.length === 0) issues.push({ instancePath: '', message: 'invalid value' });
    return { error: issues as never };
  };
};
