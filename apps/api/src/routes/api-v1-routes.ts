import { validateReading } from '@lakehouse/domain';
import { activateModel, activeModelId, listModels } from '@lakehouse/scoring';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'mysql2/promise';
import type { Scope } from '../auth/principal.js';
import { ApiProblem } from '../http/api-problem.js';
import {
  actOnEpisode,
  episodeSummary,
  getEpisode,
  listEpisodes,
  resolveEpisode,
} from '../read-model/alert-episodes.js';
import { readAssetReadings } from '../read-model/asset-readings.js';
import { getAsset, listAssets } from '../read-model/assets.js';
import { readHourlyAggregates } from '../read-model/hourly-aggregates.js';
import { readKpis } from '../read-model/kpis.js';
import { riskBand } from '../read-model/risk-band.js';
import {
  AssetListQuerySchema,
  AssetListSchema,
  AssetParamsSchema,
  AssetSchema,
  CatalogSchema,
  EpisodeAssignBodySchema,
  EpisodeListQuerySchema,
  EpisodeListSchema,
  EpisodeNoteBodySchema,
  EpisodeParamsSchema,
  EpisodeSchema,
  EpisodeSnoozeBodySchema,
  EpisodeSummarySchema,
  HourlyPageSchema,
  HourlyQuerySchema,
  KpiQuerySchema,
  KpisSchema,
  ModelListSchema,
  ModelParamsSchema,
  ModelSchema,
  PredictBodySchema,
  PredictResponseSchema,
  ProblemSchema,
  ReadingsPageSchema,
  ReadingsQuerySchema,
  type Catalog,
  type Prediction,
} from '../schemas/route-schemas.js';
import type { ActiveScorerCache } from '../services/active-scorer-cache.js';
import type { LiveFeed, LiveEvent } from '../services/live-feed.js';
import { trendRoutes } from './trend-routes.js';

/** What the /api/v1 routes need. */
export interface ApiV1Deps {
  readonly pool: Pool;
  readonly scorers: ActiveScorerCache;
  readonly liveFeed: LiveFeed;
  readonly catalog: Catalog;
  readonly now: () => number;
  readonly operatingWindowMs: number;
}

/** Top feature contributions returned per prediction. */
const TOP_CONTRIBUTIONS = 5;
/** Interval of SSE comments that keep proxies from closing an idle stream. */
const SSE_KEEPALIVE_MS = 15_000;

const errors = { '4xx': ProblemSchema, '5xx': ProblemSchema };
const SECURITY: Record<string, readonly string[]>[] = [{ apiKey: [] }, { bearer: [] }];
const read = (tags: string[]) => ({ tags, security: SECURITY });
const config = (scope: Scope) => ({ scope });

/** Every /api/v1 route; the caller registers it under the prefix with the auth hook. */
export async function apiV1Routes(root: FastifyInstance, deps: ApiV1Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const window = () => ({ nowMs: deps.now(), operatingWindowMs: deps.operatingWindowMs });

  app.get(
    '/assets',
    {
      config: config('read'),
      schema: {
        ...read(['assets']),
        summary: 'Assets with their latest reading and risk',
        querystring: AssetListQuerySchema,
        response: { 200: AssetListSchema, ...errors },
      },
    },
    async (request) => listAssets(deps.pool, request.query, window()),
  );

  app.get(
    '/assets/:assetId',
    {
      config: config('read'),
      schema: {
        ...read(['assets']),
        summary: 'One asset with its latest reading and failure probability',
        params: AssetParamsSchema,
        response: { 200: AssetSchema, ...errors },
      },
    },
    async (request) => {
      const asset = await getAsset(deps.pool, request.params.assetId, window());
      if (asset === null)
        throw new ApiProblem(404, 'API_NOT_FOUND', `asset ${request.params.assetId} does not exist`);
      return asset;
    },
  );

  app.get(
    '/assets/:assetId/readings',
    {
      config: config('read'),
      schema: {
        ...read(['assets']),
        summary: 'Readings of an asset over [from, to): raw and paginated, or downsampled above maxPoints',
        params: AssetParamsSchema,
        querystring: ReadingsQuerySchema,
        response: { 200: ReadingsPageSchema, ...errors },
      },
    },
    async (request) => readAssetReadings(deps.pool, request.params.assetId, request.query),
  );

  app.get(
    '/kpis',
    {
      config: config('read'),
      schema: {
        ...read(['fleet']),
        summary: 'Fleet KPIs: operating assets, readings/s, risk by type/site/line, bands, mean measures',
        querystring: KpiQuerySchema,
        response: { 200: KpisSchema, ...errors },
      },
    },
    async (request) => readKpis(deps.pool, request.query, window()),
  );

  app.get(
    '/aggregates/hourly',
    {
      config: config('read'),
      schema: {
        ...read(['fleet']),
        summary: 'Hourly per-asset aggregates (silver layer), newest first',
        querystring: HourlyQuerySchema,
        response: { 200: HourlyPageSchema, ...errors },
      },
    },
    async (request) => readHourlyAggregates(deps.pool, request.query),
  );

  app.post(
    '/predict',
    {
      config: config('read'),
      schema: {
        ...read(['models']),
        summary: 'Scores readings with the active model, with per-feature contributions',
        body: PredictBodySchema,
        response: { 200: PredictResponseSchema, ...errors },
      },
    },
    async (request) => {
      const scorer = deps.scorers.current;
      if (scorer === null) {
        throw new ApiProblem(
          503,
          'API_UNAVAILABLE',
          'no model is active: activate one with POST /api/v1/models/{id}/activate',
        );
      }
      const nowMs = deps.now();
      const predictions: Prediction[] = [];
      const readings = request.body.readings;
      for (let i = 0; i < readings.length; i++) {
        // Physical ranges and consistency, as ingest checks them; timestamps may lie anywhere (what-if scoring).
        const checked = validateReading(readings[i], {
          nowMs,
          maxFutureSkewMs: Number.MAX_SAFE_INTEGER - nowMs,
        });
        if (!checked.ok) {
          const items = checked.problems.map((p) => ({
            path: `/body/readings/${i}${p.path}`,
            message: p.message,
          }));
          throw new ApiProblem(
            400,
            'VALIDATION_FAILED',
            items.map((p) => `${p.path}: ${p.message}`).join('; '),
            items,
          );
        }
        const explanation = scorer.explain(checked.reading);
        predictions.push({
          assetId: checked.reading.assetId,
          recordedAt: checked.reading.recordedAt,
          failureProbability: explanation.probability,
          riskBand: riskBand(explanation.probability),
          predictedFailure: explanation.predictedFailure,
          modes: [...explanation.modes],
          contributions: explanation.drivers.slice(0, TOP_CONTRIBUTIONS).map((d) => ({
            feature: d.feature,
            value: d.value,
            contribution: d.contribution,
          })),
          baseLogOdds: explanation.baseLogOdds,
        });
      }
      return {
        modelId: scorer.modelId,
        modelName: scorer.name,
        modelVersion: scorer.version,
        decisionThreshold: scorer.threshold,
        predictions,
      };
    },
  );

  app.get(
    '/alert-episodes',
    {
      config: config('read'),
      schema: {
        ...read(['alerts']),
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
      config: config('read'),
      schema: {
        ...read(['alerts']),
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
      config: config('read'),
      schema: {
        ...read(['alerts']),
        summary: 'One alert episode with the delivery state of its notifications',
        params: EpisodeParamsSchema,
        response: { 200: EpisodeSchema, ...errors },
      },
    },
    async (request) => getEpisode(deps.pool, request.params.episodeId, deps.now()),
  );

  const by = (request: { principal: { id: string } | null }): string => request.principal?.id ?? 'unknown';

  app.post(
    '/alert-episodes/:episodeId/ack',
    {
      config: config('admin'),
      schema: {
        ...read(['alerts']),
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
      config: config('admin'),
      schema: {
        ...read(['alerts']),
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
      config: config('admin'),
      schema: {
        ...read(['alerts']),
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
      config: config('admin'),
      schema: {
        ...read(['alerts']),
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

  app.get(
    '/models',
    {
      config: config('read'),
      schema: {
        ...read(['models']),
        summary: 'The model registry with metrics',
        response: { 200: ModelListSchema, ...errors },
      },
    },
    async () => {
      const [items, active] = await Promise.all([listModels(deps.pool), activeModelId(deps.pool)]);
      return { activeModelId: active, items: items.map((m) => ({ ...m, features: [...m.features] })) };
    },
  );

  app.post(
    '/models/:modelId/activate',
    {
      config: config('admin'),
      schema: {
        ...read(['models']),
        summary: 'Makes a model the active one (admin scope)',
        params: ModelParamsSchema,
        response: { 200: ModelSchema, ...errors },
      },
    },
    async (request) => {
      const { modelId } = request.params;
      const model = (await listModels(deps.pool)).find((m) => m.modelId === modelId);
      if (model === undefined)
        throw new ApiProblem(404, 'API_NOT_FOUND', `model ${modelId} is not in the registry`);
      if (!model.hasArtifact) {
        throw new ApiProblem(
          409,
          'API_CONFLICT',
          `model ${modelId} has no in-process artifact and cannot serve /predict`,
        );
      }
      await activateModel(deps.pool, modelId);
      await deps.scorers.refresh();
      return { ...model, features: [...model.features], isActive: true };
    },
  );

  app.get(
    '/catalog',
    {
      config: config('read'),
      schema: {
        ...read(['catalog']),
        summary: 'Every table and column with type, unit and description (local Data Catalog)',
        response: { 200: CatalogSchema, ...errors },
      },
    },
    async () => deps.catalog,
  );

  app.get(
    '/live',
    {
      config: config('read'),
      schema: {
        ...read(['live']),
        summary: 'Server-sent events: `reading` (latest stored reading of an asset)',
        produces: ['text/event-stream'],
      },
    },
    async (_request, reply) => {
      const raw = reply.raw;
      reply.hijack();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
      }
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let closed = false;
      const write = (text: string) => {
        if (!closed) raw.write(text);
      };
      const listener = (e: LiveEvent) => write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
      const keepAlive = setInterval(() => write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
      keepAlive.unref();
      const subscription: { unsubscribe?: () => void } = {};
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        subscription.unsubscribe?.();
        liveStreams.delete(close);
        raw.end();
      };
      // The response's close is the client going away (or the server ending the stream).
      raw.on('close', close);
      liveStreams.add(close);
      subscription.unsubscribe = await deps.liveFeed.subscribe(listener);
      if (closed) subscription.unsubscribe();
      write(`event: hello\ndata: ${JSON.stringify({ connectedAt: deps.now() })}\n\n`);
    },
  );

  await trendRoutes(root, deps);

  // Open SSE streams would keep the server from closing: end them before it closes.
  const liveStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of liveStreams) close();
    deps.liveFeed.stop();
  });
}
