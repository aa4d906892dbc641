import { AppError, ValidationError } from '@lakehouse/runtime';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblem, type ProblemItem } from './api-problem.js';

/** Title of each status this API answers with. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  401: 'API_UNAUTHORIZED',
  403: 'API_FORBIDDEN',
  404: 'API_NOT_FOUND',
  409: 'API_CONFLICT',
  429: 'API_RATE_LIMITED',
  503: 'API_OVERLOADED',
};

/** A problem+json body (RFC 9457). */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly ProblemItem[];
}

/** Builds the body; `type` is a stable URN per code (documented in apps/api/README.md, section Errors). */
export function problemBody(
  status: number,
  code: string,
  detail: string,
  errors?: readonly ProblemItem[],
): ProblemBody {
  return {
    type: `urn:lakehouse:problem:${code.toLowerCase()}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code,
    ...(errors === undefined ? {} : { errors }),
  };
}

/** Sends a problem+json reply. */
export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Platform error codes that are the caller's doing, with their status. */
const APP_STATUS: Readonly<Partial<Record<string, number>>> = {
  VALIDATION_FAILED: 400,
  MODEL_NOT_FOUND: 404,
  MODEL_UNSUPPORTED: 409,
  SQL_CONNECT_FAILED: 503,
};

/**
 * The API's one translation point from errors to HTTP (STYLE section 6): validation and client errors become 4xx
 * problem+json with a precise message; anything unexpected is logged and answered 500 without its details.
 */
export function toProblem(err: unknown, request: FastifyRequest): ProblemBody {
  if (err instanceof ApiProblem) return problemBody(err.status, err.code, err.message, err.errors);
  const fastifyError = err as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext ?? 'request';
    const errors = fastifyError.validation.map((v) => ({
      path: `/${part}${v.instancePath}`,
      message: v.message ?? 'invalid',
    }));
    const detail = errors
      .slice(0, 3)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ');
    return problemBody(400, 'VALIDATION_FAILED', detail, errors);
  }
  if (err instanceof ValidationError) {
    return problemBody(
      400,
      err.code,
      err.message,
      err.problems.map((p) => ({ path: p.path, message: p.message })),
    );
  }
  if (err instanceof AppError) {
    const status = APP_STATUS[err.code] ?? (err.retryable ? 503 : 500);
    if (status < 500) return problemBody(status, err.code, err.message);
    request.log.error({ err }, 'request failed');
    return problemBody(
      status,
      err.code,
      status === 503 ? 'a dependency is unavailable; retry later' : 'internal error',
    );
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    return problemBody(
      status,
      CODE_BY_STATUS[status] ?? 'API_BAD_REQUEST',
      fastifyError.message ?? 'bad request',
    );
  }
  if (status === 503) return problemBody(503, 'API_OVERLOADED', 'the server is under pressure; retry later');
  request.log.error({ err }, 'request failed');
  return problemBody(500, 'API_INTERNAL', 'internal error');
}
