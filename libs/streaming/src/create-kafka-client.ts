import { createLogger, type Logger } from '@lakehouse/runtime';
import { Kafka } from 'kafkajs';
import { kafkaClientConfig, type KafkaProfile } from './kafka-client-config.js';
import { kafkaLogCreator, kafkaLogLevel } from './kafka-log-creator.js';

/** A configured Kafka client; pass it to the helpers of this lib. Holds no connection until one is opened. */
export interface KafkaClient {
  /** The kafkajs instance; only code inside libs/streaming touches it. */
  readonly kafka: Kafka;
  /** Brokers it connects to, for error context. */
  readonly brokers: readonly string[];
  readonly logger: Logger;
}

/**
 * Creates a Kafka client for `profile`. kafkajs logs go to `logger` (child `{ module: 'kafkajs' }`) with the auth
 * token scrubbed; without a logger they are discarded.
 */
export function createKafkaClient(profile: KafkaProfile, logger?: Logger): KafkaClient {
  const config = kafkaClientConfig(profile);
  const log = logger ?? createLogger({ name: 'kafka', level: 'silent' });
  const secrets = profile.kind === 'oci' ? [profile.authToken] : [];
  const kafka = new Kafka({
    ...config,
    logLevel: kafkaLogLevel(log),
    logCreator: kafkaLogCreator(log, secrets),
  });
  const brokers = Array.isArray(config.brokers) ? [...config.brokers] : [];
  return { kafka, brokers, logger: log };
}
