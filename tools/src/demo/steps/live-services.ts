import { HORIZON_EPISODE_SETTINGS } from '@lakehouse/domain';
import { WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { createLogger } from '@lakehouse/runtime';
import { createKafkaClient, ensureTopic } from '@lakehouse/streaming';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CreatedKeySchema, lastJsonLine } from '../child-output.js';
import { tsxCommand, type Run } from '../demo-context.js';
import { listeningPort, startService } from '../demo-processes.js';
import type { DemoStep } from '../demo-runner.js';
import { startWebhookReceiver } from '../webhook-receiver.js';

const bundle = (app: string): string => join(WORKSPACE_ROOT, 'apps', app, 'bundle', 'main.js');
const logFile = (run: Run, name: string): string => join(run.plan.logDir, `${name}.log`);

/** Totals of an earlier run must not show as this run's. */
export const resetStatus: DemoStep<Run> = {
  title: 'remove the status files of an earlier run',
  isUntimed: true,
  run: ({ live }) => {
    rmSync(live.producerStatus, { force: true });
    rmSync(live.runnerStatus, { force: true });
    return Promise.resolve();
  },
};

/**
 * The ingest function's episode settings for the horizon risk (libs/domain HORIZON_EPISODE_SETTINGS), with the hour
 * of reading time below the resolve threshold scaled to the demo's clock: each live reading is a machine minute, so
 * an hour of machine time is 60 reading intervals (6 s at 100 assets and 1,000 readings/s).
 */
export function horizonAlertEnv(options: {
  readonly assets: number;
  readonly rate: number;
}): Record<string, string> {
  const intervalMs = (1_000 * options.assets) / options.rate;
  const machineMinutes = HORIZON_EPISODE_SETTINGS.resolveAfterMs / 60_000;
  const hold = HORIZON_EPISODE_SETTINGS.hold;
  return {
    ALERT_OPEN_THRESHOLD: String(HORIZON_EPISODE_SETTINGS.openThreshold),
    ALERT_RESOLVE_THRESHOLD: String(HORIZON_EPISODE_SETTINGS.resolveThreshold),
    ALERT_HOLD_READINGS: String(hold.unit === 'readings' ? hold.readings : 5),
    ALERT_RESOLVE_AFTER_MS: String(Math.max(1_000, Math.round(machineMinutes * intervalMs))),
  };
}

/** The stream and the Connector Hub runner with the ingest function's instances. */
export const streamAndRunner: DemoStep<Run> = {
  title: ({ plan }) =>
    `stream "${plan.options.stream}" and the Connector Hub runner with the ingest function`,
  skip: ({ plan }) => plan.options.skip.has('stream'),
  run: async (run) => {
    const { stream } = run.plan.options;
    const logger = createLogger(
      { name: 'demo', level: 'warn' },
      createWriteStream(logFile(run, 'demo'), { flags: 'a' }),
    );
    const kafka = createKafkaClient(
      { kind: 'local', brokers: run.settings.kafka.brokers, clientId: 'demo' },
      logger,
    );
    await ensureTopic(kafka, { topic: stream, partitions: 6 });
    run.live.services.push(
      startService('connector-runner', process.execPath, [bundle('connector-runner')], {
        cwd: WORKSPACE_ROOT,
        logFile: logFile(run, 'connector-runner'),
        env: {
          ...run.env,
          STREAM_NAME: stream,
          CONSUMER_GROUP: `demo.${run.database}.${stream}`,
          STATE_DIR: run.live.runnerState,
          STATUS_INTERVAL_MS: '1000',
          BATCH_TIME_SEC: '0.5',
          MODEL_REFRESH_MS: '5000',
          LOG_LEVEL: 'info',
          ...horizonAlertEnv(run.plan.options),
        },
      }),
    );
  },
};

/** An API key for the dashboard, the notification receiver, and the API serving the dashboard. */
export const apiAndDashboard: DemoStep<Run> = {
  title: 'API and dashboard (Analytics Cloud stand-in)',
  skip: ({ plan }) => plan.options.skip.has('api'),
  run: async (run) => {
    const created = await tsxCommand(run, 'create-key', 'apps/api/scripts/cli.ts', [
      'create-key',
      '--name',
      `demo-${new Date().toISOString()}`,
      '--scopes',
      'read,admin',
    ]);
    const { key } = lastJsonLine(CreatedKeySchema, created, 'api create-key');
    // Notifications of alert episodes go to a receiver in this process, one JSON line per message.
    const webhook = await startWebhookReceiver(join(run.plan.logDir, 'notifications.jsonl'));
    run.live.webhook = webhook;
    const service = startService('api', process.execPath, [bundle('api')], {
      cwd: WORKSPACE_ROOT,
      logFile: logFile(run, 'api'),
      ipc: true,
      env: {
        ...run.env,
        API_HOST: '127.0.0.1',
        API_PORT: String(run.plan.options.port),
        MODEL_REFRESH_MS: '5000',
        LOG_LEVEL: 'warn',
        ALERT_WEBHOOK_URL: webhook.url,
        // The local receiver has no rate limit: the first minute may open an episode for every asset.
        ALERT_NOTIFY_MAX_PER_MINUTE: '6000',
      },
    });
    run.live.services.push(service);
    const port = await listeningPort(service, 60_000).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; see ${logFile(run, 'api')}`);
    });
    run.live.api = { base: `http://127.0.0.1:${String(port)}`, key };
  },
};

/** The simulated fleet publishing live readings; stopped first, so that it flushes before the runner drains. */
export const producer: DemoStep<Run> = {
  title: 'producer',
  isUntimed: true,
  skip: ({ plan }) => plan.options.skip.has('stream'),
  run: (run) => {
    const { options } = run.plan;
    const service = startService(
      'producer',
      process.execPath,
      [
        bundle('producer'),
        '--assets',
        String(options.assets),
        '--sites',
        String(options.sites),
        '--lines',
        String(options.linesPerSite),
        '--seed',
        String(options.seed),
        '--rate',
        String(options.rate),
        // Live readings continue the history's machines (same fleet flags and seed), not a replay of it.
        '--continue-after',
        String(run.plan.spec.rows),
        ...(options.durationSec === undefined ? [] : ['--duration', String(options.durationSec)]),
        '--status-file',
        run.live.producerStatus,
      ],
      {
        cwd: WORKSPACE_ROOT,
        logFile: logFile(run, 'producer'),
        env: { ...run.env, STREAM_NAME: options.stream },
      },
    );
    run.live.services.unshift(service);
    run.live.producer = service;
    return Promise.resolve();
  },
};
