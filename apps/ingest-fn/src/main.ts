// Process entry of the OCI Function: the Fn FDK listens on FN_LISTENER (a unix socket) and calls the handler per
// invocation. Everything expensive (config, Vault, the connection pool, the model) is set up once per instance;
// if that fails (the database is down at a cold start), the next invocation tries again.
import { handle } from '@fnproject/fdk';
import { createLogger } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { loadConfig } from './config.js';
import { createIngestHandler } from './create-ingest-handler.js';
import { registryFromScoring } from './model-registry.js';

const logger = createLogger({ name: 'ingest-fn' });
let ready: ReturnType<typeof start> | undefined;

async function start() {
  const config = await loadConfig();
  logger.level = config.logLevel;
  const pool = await createSqlPool(config.sql);
  logger.info({ host: config.sql.host, database: config.sql.database }, 'ingest-fn ready');
  return createIngestHandler({ config, pool, logger, registry: registryFromScoring });
}

// Started by the local Connector Hub runner (which opens an IPC channel), an instance ends with its runner, as a
// container ends with its host. Under Fn there is no such channel and this does nothing.
if (process.connected) process.once('disconnect', () => process.exit(0));

handle(
  async (input) => {
    ready ??= start().catch((error: unknown) => {
      ready = undefined;
      logger.error({ err: error }, 'ingest-fn could not start; the next invocation tries again');
      throw error;
    });
    return (await ready)(input);
  },
  { inputMode: 'buffer' },
);
