import { Type, type Static } from '@sinclair/typebox';

/** One problem with the request (RFC 6901 JSON pointer into the part named by `in`). */
export const ProblemItemSchema = Type.Object({
  path: Type.String(),
  message: Type.String(),
});

/** RFC 9457 problem details, as every error is returned (`application/problem+json`). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Platform error code, e.g. VALIDATION_FAILED, API_UNAUTHORIZED' }),
    errors: Type.Optional(Type.Array(ProblemItemSchema)),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
);
export type Problem = Static<typeof ProblemSchema>;
