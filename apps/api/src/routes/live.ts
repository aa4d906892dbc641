import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LiveEvent } from '../services/live-reading-broadcaster.js';
import type { ApiV1Deps } from './api-v1.js';
import { needs, secured } from './route-options.js';

/** Interval of SSE comments that keep proxies from closing an idle stream. */
const SSE_KEEPALIVE_MS = 15_000;

/** GET /live (read scope): server-sent events of the latest stored readings, one poller for every client. */
export const liveRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'liveReadings' | 'now'>> = async (
  app,
  deps,
) => {
  // Open SSE streams would keep the server from closing: end them before it closes.
  const liveStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of liveStreams) close();
    deps.liveReadings.stop();
  });

  app.get(
    '/live',
    {
      config: needs('read'),
      schema: {
        ...secured(['live']),
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
      subscription.unsubscribe = await deps.liveReadings.subscribe(listener);
      if (closed) subscription.unsubscribe();
      write(`event: hello\ndata: ${JSON.stringify({ connectedAt: deps.now() })}\n\n`);
    },
  );
};
