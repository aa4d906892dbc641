import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** Version of the route contract, in the OpenAPI document. */
export const API_VERSION = '1.0.0';

/**
 * The OpenAPI 3.1 document, generated from the routes' TypeBox schemas (so it must be registered before them), at
 * `/openapi.json`, and Swagger UI at `/docs`.
 */
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Lakehouse predictive-maintenance API',
          version: API_VERSION,
          description:
            'Assets, readings, fleet KPIs, predictions, alert episodes, models and the data catalog.',
        },
        components: {
          securitySchemes: {
            apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key, or a JWT: RS256 from the identity domain (JWKS) or HS256 (shared secret)',
            },
          },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () =>
      app.swagger(),
    );
  },
  { name: 'openapi' },
);
