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

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
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
