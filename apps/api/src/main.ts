import { createLogger, onShutdown } from '@lakehouse/runtime';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

// Process entry: config -> app -> listen -> signals (STYLE section 1). Everything else is in app.ts.
const config = await loadConfig();
const logger = createLogger({ name: 'api', level: config.logLevel });
try {
  const app = await buildApp({ config, logger });
  const shutdown = onShutdown([{ name: 'http', run: () => app.close() }], {
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    exit: (code) => process.exit(code),
  });
  await app.listen({ host: config.host, port: config.port });
  // Started by a parent with an IPC channel (the benchmark, tests): report the port, and end with the parent.
  if (process.send !== undefined) {
    const address = app.server.address();
    process.send({
      event: 'listening',
      port: typeof address === 'object' && address !== null ? address.port : null,
    });
    process.once('disconnect', () => void shutdown());
  }
} catch (err: unknown) {
  logger.fatal({ err }, 'api failed to start');
  process.exitCode = 1;
}
