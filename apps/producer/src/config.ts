import { READINGS_TOPIC } from '@lakehouse/domain';
import { OCI_AUTH_KINDS, vaultSecretReader, type OciAuthKind } from '@lakehouse/oci';
import { ConfigError, parseConfig } from '@lakehouse/runtime';
import { PUBLISH_COMPRESSIONS, type KafkaProfile, type PublishCompression } from '@lakehouse/streaming';
import { Type } from '@sinclair/typebox';

/** Environment of the producer: where the stream is and how to authenticate. */
export const ProducerEnvSchema = Type.Object({
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
  /** The user's auth token, or the OCID of the Vault secret holding it. */
  OCI_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  OCI_AUTH_TOKEN_SECRET_ID: Type.Optional(Type.String({ pattern: '^ocid1\\.vaultsecret\\.' })),
  OCI_AUTH: Type.Union(
    OCI_AUTH_KINDS.map((k) => Type.Literal(k)),
    { default: 'instance_principal' },
  ),
  OCI_CONFIG_FILE: Type.Optional(Type.String({ minLength: 1 })),
  OCI_CONFIG_PROFILE: Type.Optional(Type.String({ minLength: 1 })),
  STREAM_NAME: Type.String({ minLength: 1, default: READINGS_TOPIC }),
  KAFKA_COMPRESSION: Type.Union(
    PUBLISH_COMPRESSIONS.map((c) => Type.Literal(c)),
    { default: 'gzip' },
  ),
  /** Unacknowledged sends before publishing waits; 1 keeps each partition strictly ordered even across retries. */
  KAFKA_MAX_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 32, default: 4 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

/** Settings of the producer. */
export interface ProducerConfig {
  readonly profile: KafkaProfile;
  readonly stream: string;
  readonly compression: PublishCompression;
  readonly maxInFlight: number;
  readonly logLevel: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the producer's settings. For OCI Streaming the auth token comes from OCI_AUTH_TOKEN or, better, from the
 * Vault secret OCI_AUTH_TOKEN_SECRET_ID (read with OCI_AUTH credentials). Every missing key is named at once.
 */
export async function loadConfig(
  env: Env = process.env,
  readSecret: (secretId: string, auth: OciAuthKind) => Promise<string> = vaultSecretReader(env),
): Promise<ProducerConfig> {
  const raw = parseConfig(ProducerEnvSchema, env);
  const common = {
    stream: raw.STREAM_NAME,
    compression: raw.KAFKA_COMPRESSION,
    maxInFlight: raw.KAFKA_MAX_IN_FLIGHT,
    logLevel: raw.LOG_LEVEL,
  };
  if (raw.KAFKA_PROFILE === 'local') {
    if (raw.KAFKA_BROKERS === undefined) {
      throw new ConfigError(
        'CONFIG_INVALID',
        'invalid configuration: KAFKA_BROKERS is required for KAFKA_PROFILE=local',
        {
          context: { keys: ['KAFKA_BROKERS'] },
        },
      );
    }
    return Object.freeze({
      ...common,
      profile: { kind: 'local' as const, brokers: [raw.KAFKA_BROKERS], clientId: 'producer' },
    });
  }
  const missing: string[] = (
    ['OCI_STREAM_BOOTSTRAP_SERVERS', 'OCI_TENANCY_NAME', 'OCI_USER_NAME', 'OCI_STREAM_POOL_ID'] as const
  ).filter((key) => raw[key] === undefined);
  if (raw.OCI_AUTH_TOKEN === undefined && raw.OCI_AUTH_TOKEN_SECRET_ID === undefined) {
    missing.push('OCI_AUTH_TOKEN or OCI_AUTH_TOKEN_SECRET_ID');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: KAFKA_PROFILE=oci needs ${missing.join(', ')}`,
      { context: { keys: missing } },
    );
  }
  const authToken =
    raw.OCI_AUTH_TOKEN ?? (await readSecret(raw.OCI_AUTH_TOKEN_SECRET_ID ?? '', raw.OCI_AUTH));
  return Object.freeze({
    ...common,
    profile: {
      kind: 'oci' as const,
      clientId: 'producer',
      bootstrapServers: raw.OCI_STREAM_BOOTSTRAP_SERVERS ?? '',
      tenancyName: raw.OCI_TENANCY_NAME ?? '',
      userName: raw.OCI_USER_NAME ?? '',
      streamPoolId: raw.OCI_STREAM_POOL_ID ?? '',
      authToken,
      ...(raw.OCI_DOMAIN_NAME === undefined ? {} : { domainName: raw.OCI_DOMAIN_NAME }),
    },
  });
}
