export { checkRoundTrip, type RoundTripCheck, type RoundTripResult } from './check-round-trip.js';
export { createKafkaClient, type KafkaClient } from './create-kafka-client.js';
export {
  kafkaClientConfig,
  ociSaslUsername,
  type KafkaClientTuning,
  type KafkaProfile,
  type LocalKafkaProfile,
  type OciKafkaProfile,
} from './kafka-client-config.js';
export { kafkaLogCreator } from './kafka-log-creator.js';
export {
  consumerGroupLag,
  deleteTopics,
  ensureTopic,
  type ConsumerGroupLag,
  type TopicSpec,
} from './topic-admin.js';
export {
  PUBLISH_COMPRESSIONS,
  createPublisher,
  type OutgoingMessage,
  type PublishCompression,
  type Publisher,
  type PublisherOptions,
  type PublisherStats,
} from './create-publisher.js';
export {
  runBatchConsumer,
  type BatchConsumerOptions,
  type BatchControl,
  type ConsumedBatch,
  type ConsumedMessage,
  type RunningConsumer,
} from './run-batch-consumer.js';
