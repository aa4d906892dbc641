/** Error codes the HTTP layer adds to the platform's (libs/runtime ERROR_CODES); `<AREA>_<WHAT>`. */
export const API_ERROR_CODES = [
  'API_BAD_REQUEST',
  'API_UNAUTHORIZED',
  'API_FORBIDDEN',
  'API_NOT_FOUND',
  'API_CONFLICT',
  'API_RATE_LIMITED',
  'API_OVERLOADED',
  'API_UNAVAILABLE',
  'API_INTERNAL',
] as const;
/** One of {@link API_ERROR_CODES}. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One problem with a request: JSON pointer (`/query/limit`, `/body/readings/0/torqueNm`) and what is wrong. */
export interface ProblemItem {
  readonly path: string;
  readonly message: string;
}

/** An error the API answers with a given status; turned into problem+json by the error handler. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: readonly ProblemItem[] | undefined;

  constructor(
    status: number,
    code: ApiErrorCode | 'VALIDATION_FAILED',
    message: string,
    errors?: readonly ProblemItem[],
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** 400 with the offending parameter named. */
export function badRequest(path: string, message: string): ApiProblem {
  return new ApiProblem(400, 'VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
}
