import { PRODUCER_CONTRACT, loadWorkloadEnv, type SecretReader } from '@lakehouse/contracts';
import { secretReaderFor } from '@lakehouse/oci';
import { ConfigError } from '@lakehouse/runtime';
import type { KafkaProfile, PublishCompression } from '@lakehouse/streaming';

/** The producer's settings schema, from its contract (PRODUCER_CONTRACT in @lakehouse/contracts). */
export const ProducerEnvSchema = PRODUCER_CONTRACT.schema;

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
 * Reads the producer's settings with its contract. For OCI Streaming the auth token comes from the Vault secret
 * OCI_AUTH_TOKEN_SECRET_OCID (read with OCI_AUTH credentials) or, for local tries, OCI_AUTH_TOKEN. Every missing
 * key is named at once.
 */
export async function loadConfig(
  env: Env = process.env,
  readSecret: SecretReader = secretReaderFor(env),
): Promise<ProducerConfig> {
  const raw = await loadWorkloadEnv(PRODUCER_CONTRACT, env, readSecret);
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
  if (raw.OCI_AUTH_TOKEN === undefined) missing.push('OCI_AUTH_TOKEN_SECRET_OCID (or OCI_AUTH_TOKEN)');
  if (missing.length > 0) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid configuration: KAFKA_PROFILE=oci needs ${missing.join(', ')}`,
      { context: { keys: missing } },
    );
  }
  const authToken = raw.OCI_AUTH_TOKEN ?? '';
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
