// Process entry of the one-shot DB bootstrap: config (Vault) -> bootstrap -> exit code. The container instance runs
// it once per deploy (restart policy NEVER): exit 0 when the database is ready for the apps, 1 otherwise, with the
// reason in the last log line.
import { createLogger } from '@lakehouse/runtime';
import { bootstrapDatabase } from './bootstrap-database.js';
import { loadConfig } from './config.js';

const logger = createLogger({ name: 'db-bootstrap' });
try {
  const config = await loadConfig();
  logger.level = config.logLevel;
  logger.info(
    {
      host: config.admin.host,
      schema: config.admin.database,
      appUser: config.app.user,
      autoMl: config.grantAutoMl,
    },
    'bootstrap starting',
  );
  const result = await bootstrapDatabase(config, { logger });
  logger.info({ result }, 'bootstrap finished: the database is ready for the applications');
} catch (err: unknown) {
  logger.fatal({ err }, 'bootstrap failed');
  process.exitCode = 1;
}
