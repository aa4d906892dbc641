import { ConfigError } from '@lakehouse/runtime';
import type { KafkaConfig } from 'kafkajs';

/** Connection tuning shared by every profile. */
export interface KafkaClientTuning {
  /** Client id sent to the broker (shows up in broker logs and quotas). @default 'lakehouse' */
  readonly clientId?: string;
  /** TCP connect timeout per broker. @default 3_000 */
  readonly connectionTimeoutMs?: number;
  /** Timeout of one request. @default 30_000 */
  readonly requestTimeoutMs?: number;
  /** Retries kafkajs makes inside one operation before it throws. @default 5 */
  readonly maxRetries?: number;
}

/** The local single-node broker started by `npm run stack -- up`: PLAINTEXT, no authentication. */
export interface LocalKafkaProfile extends KafkaClientTuning {
  readonly kind: 'local';
  /** `host:port` of each broker, e.g. `['127.0.0.1:19092']`. */
  readonly brokers: readonly string[];
}

/**
 * OCI Streaming's Kafka-compatible endpoint: SASL_SSL with mechanism PLAIN. The SASL user name is
 * `<tenancyName>/<userName>/<streamPoolId>`, or `<tenancyName>/<domainName>/<userName>/<streamPoolId>` for users
 * of an identity domain; the password is an auth token of that user.
 */
export interface OciKafkaProfile extends KafkaClientTuning {
  readonly kind: 'oci';
  /** The stream pool's Kafka bootstrap servers, `host:port`, comma separated if several. */
  readonly bootstrapServers: string;
  readonly tenancyName: string;
  readonly userName: string;
  /** OCID of the stream pool. */
  readonly streamPoolId: string;
  /** Auth token of the user; secret, never logged. */
  readonly authToken: string;
  /** Identity domain of the user; omit for users of the default domain of a tenancy without identity domains. */
  readonly domainName?: string;
}

/** Where and how to connect to Kafka. */
export type KafkaProfile = LocalKafkaProfile | OciKafkaProfile;

const DEFAULT_CLIENT_ID = 'lakehouse';
const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 5;

/** The SASL PLAIN user name OCI Streaming expects for `profile`. */
export function ociSaslUsername(
  profile: Pick<OciKafkaProfile, 'tenancyName' | 'userName' | 'streamPoolId' | 'domainName'>,
): string {
  const parts =
    profile.domainName === undefined || profile.domainName === ''
      ? [profile.tenancyName, profile.userName, profile.streamPoolId]
      : [profile.tenancyName, profile.domainName, profile.userName, profile.streamPoolId];
  return parts.join('/');
}

function splitBrokers(list: readonly string[]): string[] {
  return list
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Builds the kafkajs client configuration for `profile` (without logging, which {@link createKafkaClient} adds).
 * Pure, so the exact object is unit-tested. Throws `CONFIG_INVALID` naming every missing field.
 */
export function kafkaClientConfig(profile: KafkaProfile): KafkaConfig {
  const common = {
    clientId: profile.clientId ?? DEFAULT_CLIENT_ID,
    connectionTimeout: profile.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeout: profile.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retry: { retries: profile.maxRetries ?? DEFAULT_MAX_RETRIES },
  };
  if (profile.kind === 'local') {
    const brokers = splitBrokers(profile.brokers);
    if (brokers.length === 0) {
      throw new ConfigError('CONFIG_INVALID', 'local Kafka profile needs at least one broker', {
        context: { keys: ['brokers'] },
      });
    }
    return { ...common, brokers };
  }
  const brokers = splitBrokers([profile.bootstrapServers]);
  const missing: string[] = brokers.length === 0 ? ['bootstrapServers'] : [];
  for (const key of ['tenancyName', 'userName', 'streamPoolId', 'authToken'] as const) {
    if (profile[key].trim() === '') missing.push(key);
  }
  if (missing.length > 0) {
    throw new ConfigError('CONFIG_INVALID', `OCI Kafka profile is missing: ${missing.join(', ')}`, {
      context: { keys: missing },
    });
  }
  return {
    ...common,
    brokers,
    ssl: true,
    sasl: { mechanism: 'plain', username: ociSaslUsername(profile), password: profile.authToken },
  };
}
