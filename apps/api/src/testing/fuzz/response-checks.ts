import { ProblemSchema } from '../../schemas/problem.js';
import { checkJsonSchema, type JsonSchema } from './json-schema.js';
import { responseSchemaFor } from './openapi-operations.js';
import { isRefusedCredential, type FuzzRequest } from './request-arbitrary.js';

/** An answer as the fuzz saw it. */
export interface FuzzResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** What must never reach a caller: where the code lives and what the database said. */
export interface Secrets {
  /** Absolute paths of the checkout and its schema name, which only the server knows. */
  readonly literals: readonly string[];
}

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'code', 'errors']);
const PROBLEM_ITEM_KEYS = new Set(['path', 'message']);
const INTERNALS: readonly RegExp[] = [
  /\n\s+at \S+/, // a stack frame
  /node_modules|file:\/\/|\.(?:ts|js|mjs|cjs):\d+/,
  // A driver error code is a whole upper-case word (ER_DUP_ENTRY); case-blind, `check_power_settings` would match.
  /\bER_[A-Z_]{3,}\b/,
  /SQLSTATE|sqlMessage|sql syntax|errno|ECONNREFUSED|ETIMEDOUT|mysql|mariadb/i,
  /\b(?:TypeError|RangeError|ReferenceError|SyntaxError): /,
];

function isRouterMiss(req: FuzzRequest, res: FuzzResponse): boolean {
  // The router answers a malformed or overlong path segment before any hook: 400, 414 or a 404 "no route".
  return req.hasGarbagePath && [400, 404, 414].includes(res.status);
}

function problemFailures(res: FuzzResponse, schema: JsonSchema | null, secrets: Secrets): string[] {
  const out: string[] = [];
  if (!res.contentType.startsWith('application/problem+json'))
    out.push(`error has content-type ${res.contentType}`);
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return [...out, 'error body is not JSON'];
  }
  out.push(...checkJsonSchema(schema ?? (ProblemSchema as JsonSchema), body).map((p) => `problem ${p}`));
  if (typeof body !== 'object' || body === null) return out;
  const problem = body as Record<string, unknown>;
  for (const key of Object.keys(problem))
    if (!PROBLEM_KEYS.has(key)) out.push(`problem has extra key "${key}"`);
  if (Array.isArray(problem['errors'])) {
    for (const item of problem['errors'] as unknown[]) {
      for (const key of Object.keys(item as object))
        if (!PROBLEM_ITEM_KEYS.has(key)) out.push(`problem item has extra key "${key}"`);
    }
  }
  if (problem['status'] !== res.status)
    out.push(`problem status ${String(problem['status'])} != ${res.status}`);
  if (typeof problem['code'] === 'string' && !/^[A-Z]+(?:_[A-Z0-9]+)+$/.test(problem['code']))
    out.push(`problem code ${problem['code']} is not <AREA>_<WHAT>`);
  for (const pattern of INTERNALS) if (pattern.test(res.body)) out.push(`error leaks ${pattern.source}`);
  for (const literal of secrets.literals)
    if (res.body.includes(literal)) out.push(`error leaks "${literal}"`);
  return out;
}

/** Every broken promise of the contract in one answer; empty when the answer keeps them all. */
export function responseFailures(req: FuzzRequest, res: FuzzResponse, secrets: Secrets): string[] {
  const op = req.operation;
  const out: string[] = [];
  if (res.status >= 500) out.push(`answered ${res.status}`);
  const refused = req.method === op.method && op.isSecured && isRefusedCredential(req.credential);
  if (refused && res.status !== 401 && !isRouterMiss(req, res))
    out.push(`${req.credential}: ${res.status}, not 401`);
  if (res.status === 403 && req.credential.startsWith('admin')) out.push('admin credential got 403');
  if (req.method !== op.method) {
    // The not-found handler runs the whole request lifecycle, so a bad body may be refused (400, 415) first.
    if (res.status < 400 || res.status >= 500) out.push(`undeclared method answered ${res.status}`);
  } else if (req.isCertainlyInvalid && (res.status < 400 || res.status >= 500)) {
    out.push(`invalid request answered ${res.status}`);
  }
  if (res.status >= 400) {
    const documented = req.method === op.method ? responseSchemaFor(op, res.status).schema : null;
    out.push(...problemFailures(res, documented, secrets));
  } else if (res.status >= 300) {
    out.push(`answered ${res.status}`);
  } else if (req.method === op.method) {
    const { isDocumented, schema } = responseSchemaFor(op, res.status);
    if (!isDocumented) out.push(`status ${res.status} is not in the document`);
    if (schema !== null) {
      if (!res.contentType.startsWith('application/json'))
        out.push(`2xx has content-type ${res.contentType}`);
      try {
        out.push(
          ...checkJsonSchema(schema, JSON.parse(res.body))
            .slice(0, 5)
            .map((p) => `response ${p}`),
        );
      } catch {
        out.push('2xx body is not JSON');
      }
    }
  }
  return out;
}
