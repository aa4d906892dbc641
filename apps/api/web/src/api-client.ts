/** An error answer of the API (`application/problem+json`), or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly code: string | undefined,
  ) {
    super(detail === undefined ? title : `${title}: ${detail}`);
  }
}

/** Query values; `undefined` and empty strings are left out. */
export type Query = Readonly<Record<string, string | number | undefined>>;

/** Builds `path?a=1&b=2` without empty parameters. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** A thin fetch wrapper that sends the key as a bearer token and turns problem+json answers into ApiError. */
export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** The raw response of a streaming GET (the live feed). */
  stream(path: string, signal: AbortSignal): Promise<Response>;
}

/** Creates the client; `onUnauthorized` runs on a 401 (the key is wrong or revoked). */
export function createApiClient(apiKey: string, onUnauthorized: () => void): ApiClient {
  const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };

  async function send<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, init);
    } catch (err: unknown) {
      throw new ApiError(0, 'API not reachable', err instanceof Error ? err.message : String(err), undefined);
    }
    if (!response.ok) throw await toApiError(response, onUnauthorized);
    return (await response.json()) as T;
  }

  return {
    get: <T>(path: string, query?: Query) => send<T>(withQuery(path, query), { headers }),
    post: <T>(path: string, body?: unknown) =>
      send<T>(path, {
        method: 'POST',
        headers:
          body === undefined ? headers : { ...headers, 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    async stream(path: string, signal: AbortSignal) {
      const response = await fetch(path, {
        headers: { ...headers, accept: 'text/event-stream' },
        signal,
        cache: 'no-store',
      });
      if (!response.ok) throw await toApiError(response, onUnauthorized);
      return response;
    },
  };
}

async function toApiError(response: Response, onUnauthorized: () => void): Promise<ApiError> {
  if (response.status === 401) onUnauthorized();
  let title = response.statusText || `HTTP ${String(response.status)}`;
  let detail: string | undefined;
  let code: string | undefined;
  try {
    const problem = (await response.json()) as { title?: unknown; detail?: unknown; code?: unknown };
    if (typeof problem.title === 'string') title = problem.title;
    if (typeof problem.detail === 'string') detail = problem.detail;
    if (typeof problem.code === 'string') code = problem.code;
  } catch {
    // Not JSON (a proxy's error page): the status line is all there is.
  }
  return new ApiError(response.status, title, detail, code);
}

/** The text to show for a failure. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
