import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogSchema } from '../schemas/catalog.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** GET /catalog (read scope): every table and column, built once at start. */
export const catalogRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'catalog'>> = async (app, deps) => {
  app.get(
    '/catalog',
    {
      config: needs('read'),
      schema: {
        ...secured(['catalog']),
        summary: 'Every table and column with type, unit and description (local Data Catalog)',
        response: { 200: CatalogSchema, ...errors },
      },
    },
    async () => deps.catalog,
  );
};
