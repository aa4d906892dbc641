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
export { deleteTopics, ensureTopic, type TopicSpec } from './topic-admin.js';
