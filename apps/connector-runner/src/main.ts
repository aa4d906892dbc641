// Process entry of the local Connector Hub runner: stream -> function instances -> MySQL, with status lines.
import { createLogger, onShutdown, writeJsonFile } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { createKafkaClient } from '@lakehouse/streaming';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import { startFunctionInstances } from './function-instances.js';
import { runConnector } from './run-connector.js';

const config = loadConfig();
const logger = createLogger({ name: 'connector-runner', level: config.logLevel });
mkdirSync(config.stateDir, { recursive: true });
const pool = await createSqlPool(config.sql);
const functions = await startFunctionInstances({
  functionFile: config.functionFile,
  instances: config.functionInstances,
  stateDir: config.stateDir,
  env: config.functionEnv,
  timeoutMs: config.functionTimeoutMs,
  logger,
});
const kafka = createKafkaClient({ kind: 'local', brokers: config.brokers, clientId: config.groupId }, logger);
const connector = await runConnector({ config, kafka, functions, pool, logger });
logger.info(
  { stream: config.stream, group: config.groupId, batch: config.batch, instances: config.functionInstances },
  'connector running',
);

const startedAt = Date.now();
let previous = 0;
const report = (): void => {
  const { stats } = connector;
  const elapsedSec = (Date.now() - startedAt) / 1_000;
  const status = {
    ...stats,
    lag: Object.values(stats.lagByPartition).reduce((a, b) => a + b, 0),
    messagesPerSec: Math.round((stats.messages - previous) / (config.statusIntervalMs / 1_000)),
    elapsedSec: Math.round(elapsedSec),
    at: new Date().toISOString(),
  };
  previous = stats.messages;
  writeJsonFile(join(config.stateDir, 'status.json'), status);
  logger.info(status, 'connector status');
};
const timer = setInterval(report, config.statusIntervalMs);

onShutdown(
  [
    { name: 'database', run: () => pool.end() },
    { name: 'functions', run: () => functions.stop() },
    {
      name: 'consumer',
      run: async () => {
        clearInterval(timer);
        await connector.stop();
        report();
      },
    },
  ],
  { logger },
);
