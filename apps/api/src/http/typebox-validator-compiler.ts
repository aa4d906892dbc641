import { TEXT_PATTERN_MESSAGES } from '@lakehouse/domain';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type ValueError } from '@sinclair/typebox/compiler';
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
 * The errors to report for one error: for a union (`{ note } | null`), the errors inside the variant the value got
 * furthest into (a deeper path), so a bad note is reported at /note and not as "expected union value".
 */
function* reported(error: ValueError): Generator<ValueError> {
  for (const variant of error.errors) {
    const inner: ValueError[] = [];
    for (const e of variant) {
      inner.push(e);
      if (inner.length >= MAX_ERRORS) break;
    }
    if (inner.length > 0 && inner.every((e) => e.path.length > error.path.length)) {
      for (const e of inner) yield* reported(e);
      return;
    }
  }
  yield error;
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
    // Lazily: a hostile body may hold millions of errors, and only the first MAX_ERRORS paths are reported.
    scan: for (const top of check.Errors(value)) {
      for (const error of reported(top)) {
        if (seen.has(error.path)) continue;
        seen.add(error.path);
        // A free-text pattern is a long character class: say what it means instead (and do not echo the control).
        const pattern = (error.schema as { pattern?: unknown }).pattern;
        const meaning = typeof pattern === 'string' ? TEXT_PATTERN_MESSAGES.get(pattern) : undefined;
        issues.push({
          instancePath: error.path,
          message: meaning ?? `${error.message}, got ${describe(error.value)}`,
        });
        if (issues.length >= MAX_ERRORS) break scan;
      }
    }
    if (issues.length === 0) issues.push({ instancePath: '', message: 'invalid value' });
    return { error: issues as never };
  };
};
