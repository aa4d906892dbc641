import { CompressionTypes, Partitioners, type Message, type Producer } from 'kafkajs';
import { PUBLISH_COMPRESSIONS, type PublishCompression } from '@lakehouse/contracts';
import { withRetry } from '@lakehouse/runtime';
import type { KafkaClient } from './create-kafka-client.js';
import { useFastGzipCodec } from './fast-gzip-codec.js';
import { kafkaError } from './kafka-error.js';

/** Compression of produced batches; gzip (at GZIP_LEVEL) is built into kafkajs, so it needs no native codec. */
export { PUBLISH_COMPRESSIONS, type PublishCompression };

/** How a {@link Publisher} batches and how much it keeps in flight. */
export interface PublisherOptions {
  readonly topic: string;
  /** @default 'gzip' */
  readonly compression?: PublishCompression;
  /** A send goes out when this many messages are buffered. @default 2_000 */
  readonly maxBatchMessages?: number;
  /**
   * ... or when this many value bytes are buffered. OCI Streaming takes at most 1 MiB per request, so keep it below.
   * @default 786_432
   */
  readonly maxBatchBytes?: number;
  /** ... or when the oldest buffered message has waited this long. @default 20 */
  readonly lingerMs?: number;
  /** Sends awaiting the broker's acknowledgement before {@link Publisher.publish} waits (back-pressure). @default 4 */
  readonly maxInFlight?: number;
  /** Broker acknowledgement: -1 all in-sync replicas, 1 the leader. @default -1 */
  readonly acks?: -1 | 1;
  /**
   * Attempts per send when the broker is unreachable (a restart, a network blip), with backoff from 0.5 s to 5 s
   * between them: about 30 s of outage is ridden out. A batch re-sent after a lost acknowledgement may reach the
   * stream twice; consumers are idempotent. @default 10
   */
  readonly sendAttempts?: number;
}

/** Counters of a {@link Publisher}. */
export interface PublisherStats {
  /** Messages acknowledged by the broker. */
  readonly acknowledged: number;
  readonly bytes: number;
  readonly sends: number;
  /** Messages buffered or in flight. */
  readonly pending: number;
}

/** One message to publish: its key picks the partition, so one key's messages stay in order. */
export interface OutgoingMessage {
  readonly key: string;
  readonly value: Buffer;
}

/** Batching Kafka producer with bounded memory. */
export interface Publisher {
  /**
   * Buffers `message`; resolves once it is buffered, which may wait while `maxInFlight` sends are unacknowledged.
   * Rejects with the failure of an earlier send, so a caller learns of a lost batch at the latest on the next call.
   */
  publish(message: OutgoingMessage): Promise<void>;
  /** Sends what is buffered and waits for every acknowledgement. */
  flush(): Promise<void>;
  stats(): PublisherStats;
  /** Flushes and disconnects. */
  close(): Promise<void>;
}

/**
 * Connects a producer and returns a {@link Publisher}. Partitioning is Kafka's default murmur2 of the key, the
 * same as Java clients, so an asset's readings land in one partition whichever client produced them. Idempotent
 * producing is off because OCI Streaming does not support it.
 */
export async function createPublisher(client: KafkaClient, options: PublisherOptions): Promise<Publisher> {
  const maxBatchMessages = options.maxBatchMessages ?? 2_000;
  const maxBatchBytes = options.maxBatchBytes ?? 786_432;
  const lingerMs = options.lingerMs ?? 20;
  const maxInFlight = options.maxInFlight ?? 4;
  const compression = options.compression === 'none' ? CompressionTypes.None : CompressionTypes.GZIP;
  if (compression === CompressionTypes.GZIP) useFastGzipCodec();
  const context = { topic: options.topic, brokers: client.brokers };
  const producer: Producer = client.kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: false,
    allowAutoTopicCreation: false,
  });
  try {
    await producer.connect();
  } catch (err: unknown) {
    throw kafkaError('KAFKA_CONNECT_FAILED', 'cannot connect the producer', err, context);
  }

  let buffer: Message[] = [];
  let bufferBytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let acknowledged = 0;
  let bytes = 0;
  let sends = 0;
  let inFlightMessages = 0;

  const send = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return;
    const messages = buffer;
    const size = bufferBytes;
    buffer = [];
    bufferBytes = 0;
    inFlightMessages += messages.length;
    const sendOnce = async (): Promise<void> => {
      try {
        await producer.send({ topic: options.topic, acks: options.acks ?? -1, compression, messages });
      } catch (err: unknown) {
        throw kafkaError('KAFKA_PRODUCE_FAILED', `cannot publish ${messages.length} messages`, err, context);
      }
    };
    const sent: Promise<void> = withRetry(sendOnce, {
      maxAttempts: options.sendAttempts ?? 10,
      initialDelayMs: 500,
      maxDelayMs: 5_000,
    })
      .then(
        () => {
          acknowledged += messages.length;
          bytes += size;
          sends += 1;
        },
        (err: unknown) => {
          failure ??= err;
        },
      )
      .finally(() => {
        inFlightMessages -= messages.length;
        inFlight.delete(sent);
      });
    inFlight.add(sent);
  };

  const throwIfFailed = (): void => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the send's rejection as it came
    if (failure !== undefined) throw failure;
  };

  return {
    async publish(message) {
      throwIfFailed();
      while (inFlight.size >= maxInFlight) {
        await Promise.race(inFlight);
        throwIfFailed();
      }
      buffer.push({ key: message.key, value: message.value });
      bufferBytes += message.value.length;
      if (buffer.length >= maxBatchMessages || bufferBytes >= maxBatchBytes) send();
      else timer ??= setTimeout(send, lingerMs);
    },
    async flush() {
      send();
      await Promise.all(inFlight);
      throwIfFailed();
    },
    stats: () => ({ acknowledged, bytes, sends, pending: buffer.length + inFlightMessages }),
    async close() {
      try {
        send();
        await Promise.all(inFlight);
      } finally {
        await producer.disconnect();
      }
      throwIfFailed();
    },
  };
}
