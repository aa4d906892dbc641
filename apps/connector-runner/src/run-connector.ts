import type { Logger } from '@lakehouse/runtime';
import { insertDeadLetters, type DeadLetter } from '@lakehouse/sql';
import {
  runBatchConsumer,
  type ConsumedMessage,
  type KafkaClient,
  type RunningConsumer,
} from '@lakehouse/streaming';
import type { Pool } from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunnerConfig } from './config.js';
import { deliverWithRetry, failureText } from './deliver-with-retry.js';
import { deliveryBody, splitIntoDeliveries } from './delivery-batches.js';
import type { FunctionInstances } from './function-instances.js';

/** Running totals of the runner, also written to `<stateDir>/status.json` for status screens. */
export interface ConnectorStats {
  deliveries: number;
  messages: number;
  stored: number;
  deadLettered: number;
  duplicates: number;
  retries: number;
  poisonDeliveries: number;
  /** Messages behind the end of each partition at its last fetch. */
  lagByPartition: Record<string, number>;
}

/** Collaborators of {@link runConnector}. */
export interface ConnectorDependencies {
  readonly config: RunnerConfig;
  readonly kafka: KafkaClient;
  readonly functions: FunctionInstances;
  /** The runner's own connection: database health and poison-batch dead letters. */
  readonly pool: Pool;
  readonly logger: Logger;
}

function count(result: Readonly<Record<string, unknown>>, key: string): number {
  const value = result[key];
  return typeof value === 'number' ? value : 0;
}

async function databaseReachable(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

function poisonLetters(
  stream: string,
  partition: number,
  messages: readonly ConsumedMessage[],
  error: unknown,
  attempts: number,
): DeadLetter[] {
  const text = failureText(error);
  return messages.map((m) => ({
    source: 'connector',
    rawPayload: m.value ?? Buffer.alloc(0),
    reasons: [
      {
        path: '',
        reason: 'delivery_failed',
        message: `the function failed ${attempts} times on the batch holding this record`,
      },
    ],
    errorMessage: text.slice(0, 4_000),
    streamName: stream,
    streamPartition: partition,
    streamOffset: Number(m.offset),
  }));
}

/**
 * Plays Connector Hub between the stream and the function: consumes in batches, sends each batch to a function
 * instance through the FDK's HTTP contract, and commits the batch's offsets only after the function succeeded or,
 * for a poison batch, after its records were stored as dead letters. Nothing is committed that is not stored.
 */
export async function runConnector(
  deps: ConnectorDependencies,
): Promise<{ readonly stats: ConnectorStats; stop(): Promise<void> }> {
  const { config, logger } = deps;
  const stats: ConnectorStats = {
    deliveries: 0,
    messages: 0,
    stored: 0,
    deadLettered: 0,
    duplicates: 0,
    retries: 0,
    poisonDeliveries: 0,
    lagByPartition: {},
  };
  let running = true;
  let current: RunningConsumer | undefined;
  const minBytes = config.batch.maxBytes ?? (config.batch.maxMessages ?? 1) * 200;
  const start = async (): Promise<RunningConsumer> =>
    runBatchConsumer(
      deps.kafka,
      {
        topic: config.stream,
        groupId: config.groupId,
        fromBeginning: config.fromBeginning,
        maxWaitMs: config.batch.timeMs,
        minBytes: Math.min(minBytes, 4 * 1_048_576),
        maxBytesPerPartition: Math.max(config.batch.maxBytes ?? 0, 4 * 1_048_576),
        partitionsConcurrently: config.functionInstances,
        // kafkajs restarts by itself after retriable failures; after any other crash a fresh consumer rejoins the
        // group and resumes from the committed offsets, as Connector Hub keeps reading after an outage.
        onCrash: (error) => {
          logger.error({ err: error }, 'consumer crashed; starting a new one in 2 s');
          void restartLater();
        },
      },
      async (batch, control) => {
        const last = batch.messages.at(-1);
        if (last !== undefined) {
          stats.lagByPartition[String(batch.partition)] = Number(
            BigInt(batch.highWatermark) - 1n - BigInt(last.offset),
          );
        }
        for (const messages of splitIntoDeliveries(batch.messages, config.batch)) {
          const isRunning = (): boolean => running && control.isRunning();
          const body = deliveryBody(batch.topic, batch.partition, messages);
          const outcome = await deliverWithRetry(config.retry, {
            invoke: () => deps.functions.invoke(body),
            databaseReachable: () => databaseReachable(deps.pool),
            sleep: (ms) => sleep(ms),
            isRunning,
            logger,
          });
          if (outcome.kind === 'stopped') return;
          const lastOffset = messages.at(-1)?.offset ?? '0';
          if (outcome.kind === 'poison') {
            const letters = poisonLetters(
              batch.topic,
              batch.partition,
              messages,
              outcome.error,
              outcome.attempts,
            );
            await insertDeadLetters(deps.pool, letters);
            stats.poisonDeliveries += 1;
            stats.deadLettered += letters.length;
            logger.error(
              {
                partition: batch.partition,
                firstOffset: messages[0]?.offset,
                lastOffset,
                err: failureText(outcome.error),
              },
              'poison batch: its records were stored as dead letters',
            );
          } else {
            stats.stored += count(outcome.result, 'stored');
            stats.deadLettered += count(outcome.result, 'deadLettered');
            stats.duplicates += count(outcome.result, 'duplicates');
            stats.retries += outcome.attempts - 1;
          }
          await control.commit(lastOffset);
          stats.deliveries += 1;
          stats.messages += messages.length;
          await control.heartbeat();
        }
      },
    );
  // Joins the group, waiting out a broker that is down (it may be restarting); gives up only when stopped.
  const startWhenReachable = async (): Promise<void> => {
    while (running) {
      try {
        current = await start();
        return;
      } catch (error) {
        logger.warn({ err: error }, 'consumer could not start; retrying in 2 s');
        await sleep(2_000);
      }
    }
  };
  const restartLater = async (): Promise<void> => {
    await current?.stop().catch(() => undefined);
    await sleep(2_000);
    await startWhenReachable();
  };
  await startWhenReachable();
  return {
    stats,
    async stop() {
      running = false;
      await current?.stop();
    },
  };
}
