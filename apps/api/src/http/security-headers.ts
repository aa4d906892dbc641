import helmet, { type HelmetOptions } from 'helmet';

/**
 * The response headers helmet sets for `options`, computed once. helmet's middleware (and @fastify/helmet, which
 * rebuilds it on every request) spends more per request than `POST /predict` spends scoring; the headers do not
 * depend on the request, so the API computes them at start and sets them with one `reply.headers()` per request.
 */
export function securityHeaders(options: Readonly<HelmetOptions> = {}): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, response as never, (err?: unknown) => {
    failed = err;
  });
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  return Object.freeze(headers);
}
