import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';

/** Options of {@link underPressurePlugin}. */
export interface UnderPressurePluginOptions {
  /** Above this event-loop delay the API answers 503 instead of queueing more work (API_MAX_EVENT_LOOP_DELAY_MS). */
  readonly maxEventLoopDelayMs: number;
}

/** Load shedding: 503 while the event loop lags, so a burst cannot queue without bound. */
export const underPressurePlugin = fp<UnderPressurePluginOptions>(
  async (app, options) => {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      exposeStatusRoute: false,
    });
  },
  { name: 'under-pressure' },
);
