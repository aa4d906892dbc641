import fp from 'fastify-plugin';
import { securityHeaders } from '../http/security-headers.js';

/**
 * helmet's headers, computed once: its defaults for the dashboard and docs (HTML), and for the JSON API the set
 * that matters to a JSON response (OWASP REST): nosniff, HSTS, a deny-all CSP, no framing, no referrer, CORP.
 */
export const securityHeadersPlugin = fp(
  async (app) => {
    const pageHeaders = securityHeaders();
    const apiHeaders = securityHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      frameguard: { action: 'deny' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    });
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith('/api/') ? apiHeaders : pageHeaders);
      done();
    });
  },
  { name: 'security-headers' },
);
