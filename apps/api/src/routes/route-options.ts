import type { Scope } from '../auth/principal.js';
import { ProblemSchema } from '../schemas/problem.js';

/** The error responses every /api/v1 route declares: problem+json (RFC 9457) for any 4xx and 5xx. */
export const errors = { '4xx': ProblemSchema, '5xx': ProblemSchema };

/** Either credential an /api/v1 route accepts: the `x-api-key` header or a bearer token (key or JWT). */
const SECURITY: Record<string, readonly string[]>[] = [{ apiKey: [] }, { bearer: [] }];

/** The OpenAPI tags and security requirement of an authenticated route. */
export const secured = (tags: string[]) => ({ tags, security: SECURITY });

/** Route config naming the scope the auth hook checks. */
export const needs = (scope: Scope) => ({ scope });

/** The clock and the operating window, as the asset and KPI read models take them. */
export const operatingWindow = (deps: {
  readonly now: () => number;
  readonly operatingWindowMs: number;
}) => ({
  nowMs: deps.now(),
  operatingWindowMs: deps.operatingWindowMs,
});
