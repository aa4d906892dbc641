import { READINGS_TOPIC } from '@lakehouse/domain';
import { Type } from '@sinclair/typebox';
import { LogLevelSchema, OciAccessSchema } from './oci-access.js';
import { defineWorkloadContract } from './workload-contract.js';

/** How published batches are compressed. */
export const PUBLISH_COMPRESSIONS = ['none', 'gzip'] as const;
/** One of {@link PUBLISH_COMPRESSIONS}. */
export type PublishCompression = (typeof PUBLISH_COMPRESSIONS)[number];

/** Settings of the producer: where the stream is and how to authenticate. */
export const ProducerEnvSchema = Type.Object({
  ...OciAccessSchema.properties,
  /** local = the local stack's PLAINTEXT broker; oci = OCI Streaming's Kafka endpoint (SASL_SSL PLAIN). */
  KAFKA_PROFILE: Type.Union([Type.Literal('local'), Type.Literal('oci')], { default: 'local' }),
  KAFKA_BROKERS: Type.Optional(Type.String({ minLength: 1 })),
  /** The stream pool's Kafka bootstrap servers, from its "Kafka Connection Settings". */
  OCI_STREAM_BOOTSTRAP_SERVERS: Type.Optional(Type.String({ minLength: 1 })),
  OCI_TENANCY_NAME: Type.Optional(Type.String({ minLength: 1 })),
  OCI_USER_NAME: Type.Optional(Type.String({ minLength: 1 })),
  /** Identity domain of the user, for tenancies with identity domains. */
  OCI_DOMAIN_NAME: Type.Optional(Type.String({ minLength: 1 })),
  OCI_STREAM_POOL_ID: Type.Optional(Type.String({ pattern: '^ocid1\\.streampool\\.' })),
  /** The user's auth token (a secret: OCI_AUTH_TOKEN_SECRET_OCID in the cloud). */
  OCI_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  STREAM_NAME: Type.String({ minLength: 1, default: READINGS_TOPIC }),
  KAFKA_COMPRESSION: Type.Union(
    PUBLISH_COMPRESSIONS.map((c) => Type.Literal(c)),
    { default: 'gzip' },
  ),
  /** Unacknowledged sends before publishing waits; 1 keeps each partition strictly ordered even across retries. */
  KAFKA_MAX_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 32, default: 4 }),
  LOG_LEVEL: LogLevelSchema,
});

/** The fleet simulator container (apps/producer), deployed by infra's producer stack. */
export const PRODUCER_CONTRACT = defineWorkloadContract({
  workload: 'producer',
  host: 'container-instance',
  schema: ProducerEnvSchema,
  secrets: ['OCI_AUTH_TOKEN'],
  fromInfra: [
    'KAFKA_PROFILE',
    'OCI_STREAM_BOOTSTRAP_SERVERS',
    'OCI_TENANCY_NAME',
    'OCI_USER_NAME',
    'OCI_STREAM_POOL_ID',
    'OCI_AUTH_TOKEN_SECRET_OCID',
    'STREAM_NAME',
    'OCI_AUTH',
    'LOG_LEVEL',
  ],
});
