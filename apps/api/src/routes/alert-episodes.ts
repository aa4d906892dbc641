import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  actOnEpisode,
  episodeSummary,
  getEpisode,
  listEpisodes,
  resolveEpisode,
} from '../read-model/alert-episodes.js';
import {
  EpisodeAssignBodySchema,
  EpisodeListQuerySchema,
  EpisodeListSchema,
  EpisodeNoteBodySchema,
  EpisodeParamsSchema,
  EpisodeSchema,
  EpisodeSnoozeBodySchema,
  EpisodeSummarySchema,
} from '../schemas/alert-episodes.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** Who acted on an episode, for its audit fields. */
const by = (request: { principal: { id: string } | null }): string => request.principal?.id ?? 'unknown';

/** The alert episodes (ADR 0041): list, summary and one episode (read scope); acknowledge, assign, snooze and resolve (admin scope). */
export const alertEpisodeRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'pool' | 'now'>> = async (
  app,
  deps,
) => {
  app.get(
    '/alert-episodes',
    {
      config: needs('read'),
      schema: {
        ...secured(['alerts']),
        summary:
          'Alert episodes (one per asset and period of sustained risk), newest first, by state/band/asset/site',
        querystring: EpisodeListQuerySchema,
        response: { 200: EpisodeListSchema, ...errors },
      },
    },
    async (request) => listEpisodes(deps.pool, request.query, { nowMs: deps.now() }),
  );

  app.get(
    '/alert-episodes/summary',
    {
      config: needs('read'),
      schema: {
        ...secured(['alerts']),
        summary:
          'Open episodes, episodes opened and resolved in the last minute, notifications not delivered',
        response: { 200: EpisodeSummarySchema, ...errors },
      },
    },
    async () => episodeSummary(deps.pool, deps.now()),
  );

  app.get(
    '/alert-episodes/:episodeId',
    {
      config: needs('read'),
      schema: {
        ...secured(['alerts']),
        summary: 'One alert episode with the delivery state of its notifications',
        params: EpisodeParamsSchema,
        response: { 200: EpisodeSchema, ...errors },
      },
    },
    async (request) => getEpisode(deps.pool, request.params.episodeId, deps.now()),
  );

  app.post(
    '/alert-episodes/:episodeId/ack',
    {
      config: needs('admin'),
      schema: {
        ...secured(['alerts']),
        summary: 'Acknowledges an episode (admin scope); the first acknowledgement is kept',
        params: EpisodeParamsSchema,
        body: EpisodeNoteBodySchema,
        response: { 200: EpisodeSchema, ...errors },
      },
    },
    async (request) =>
      actOnEpisode(
        deps.pool,
        request.params.episodeId,
        { kind: 'acknowledge', by: by(request), note: request.body?.note ?? null },
        deps.now(),
      ),
  );

  app.post(
    '/alert-episodes/:episodeId/assign',
    {
      config: needs('admin'),
      schema: {
        ...secured(['alerts']),
        summary: 'Assigns an episode to a person or team (admin scope)',
        params: EpisodeParamsSchema,
        body: EpisodeAssignBodySchema,
        response: { 200: EpisodeSchema, ...errors },
      },
    },
    async (request) =>
      actOnEpisode(
        deps.pool,
        request.params.episodeId,
        { kind: 'assign', assignedTo: request.body.assignedTo, note: request.body.note ?? null },
        deps.now(),
      ),
  );

  app.post(
    '/alert-episodes/:episodeId/snooze',
    {
      config: needs('admin'),
      schema: {
        ...secured(['alerts']),
        summary:
          'Snoozes an episode until a time (admin scope): its notifications wait, it leaves the attention list',
        params: EpisodeParamsSchema,
        body: EpisodeSnoozeBodySchema,
        response: { 200: EpisodeSchema, ...errors },
      },
    },
    async (request) =>
      actOnEpisode(
        deps.pool,
        request.params.episodeId,
        { kind: 'snooze', untilMs: request.body.until, note: request.body.note ?? null },
        deps.now(),
      ),
  );

  app.post(
    '/alert-episodes/:episodeId/resolve',
    {
      config: needs('admin'),
      schema: {
        ...secured(['alerts']),
        summary: 'Resolves an episode by hand (admin scope); a new one opens only after a new hold',
        params: EpisodeParamsSchema,
        body: EpisodeNoteBodySchema,
        response: { 200: EpisodeSchema, ...errors },
      },
    },
    async (request) =>
      resolveEpisode(
        deps.pool,
        request.params.episodeId,
        by(request),
        request.body?.note ?? null,
        deps.now(),
      ),
  );
};
