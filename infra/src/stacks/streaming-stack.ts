import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { allowStatement, whereAll } from '../constructs/policy-text.js';
import { IdentityPolicy, StreamingStream, StreamingStreamPool } from '../oci.js';

/** Props of {@link StreamingStack}. */
export interface StreamingStackProps extends OciStackProps {
  readonly appSubnetId: string;
  readonly streamingNsgId: string;
  readonly kmsKeyId: string;
}

/**
 * Stream pool with a private endpoint in the app subnet (reachable only from inside the VCN), encrypted with the
 * Vault key, Kafka auto-create off (streams are created here, never by clients), plus the telemetry stream and its
 * dead-letter stream, and the policy whose statements name them (their OCIDs exist only from this stack on).
 */
export class StreamingStack extends OciStack {
  readonly streamPoolId: string;
  readonly streamId: string;
  readonly deadLetterStreamId: string;
  readonly topicName: string;
  readonly deadLetterTopicName: string;
  /** Kafka bootstrap servers of the pool's private endpoint. */
  readonly kafkaBootstrapServers: string;
  /** Statements of the streaming policy, in order. */
  readonly policyStatements: readonly string[];

  constructor(scope: Construct, id: string, props: StreamingStackProps) {
    super(scope, id, props);
    const st = this.env.streaming;
    const pool = new StreamingStreamPool(this, 'stream_pool', {
      compartmentId: this.compartmentId,
      name: this.nameOf('streams'),
      kafkaSettings: {
        autoCreateTopicsEnable: false,
        logRetentionHours: st.retentionHours,
        numPartitions: st.partitions,
      },
      privateEndpointSettings: { subnetId: props.appSubnetId, nsgIds: [props.streamingNsgId] },
      customEncryptionKey: { kmsKeyId: props.kmsKeyId },
      freeformTags: this.tags,
    });
    const stream = (id: string, name: string, partitions: number): StreamingStream =>
      new StreamingStream(this, id, {
        name,
        partitions,
        retentionInHours: st.retentionHours,
        streamPoolId: pool.id,
        freeformTags: this.tags,
      });
    this.streamPoolId = pool.id;
    this.kafkaBootstrapServers = pool.kafkaSettings.bootstrapServers;
    this.streamId = stream('telemetry_stream', st.topicName, st.partitions).id;
    this.deadLetterStreamId = stream('dead_letter_stream', st.deadLetterTopicName, 1).id;
    this.topicName = st.topicName;
    this.deadLetterTopicName = st.deadLetterTopicName;

    // Rows of src/iam/required-permissions.ts; the Vault-key statements the pool needs are in the security stack,
    // which is deployed before this one.
    const compartmentId = this.compartmentId;
    const producers = `group ${this.env.security.streamProducersGroupName}`;
    // UNCONFIRMED: the Streaming reference lists target.streampool.id under stream-pools only; Data Flow's
    // documented stream policy narrows STREAM_* permissions with it, which is what this relies on.
    const inThisPool = whereAll(['target.streampool.id', pool.id]);
    this.policyStatements = [
      // The producer authenticates to the Kafka endpoint as an IAM user with an auth token (SASL PLAIN
      // `<tenancy>/<user>/<pool OCID>`), so the grant goes to that user's group, not to the container.
      allowStatement(producers, 'use stream-push', compartmentId, inThisPool),
      // UNCONFIRMED: that a Kafka client's metadata requests need STREAM_INSPECT/STREAM_READ (Data Flow's
      // documented Kafka-consumer policy grants them with STREAM_CONSUME).
      allowStatement(producers, 'read streams', compartmentId, inThisPool),
      // Connector Hub reads the telemetry stream for the ingest function. UNCONFIRMED: the exact text of Connector
      // Hub's default Streaming-source policy (this is the form public samples show).
      allowStatement(
        'any-user',
        '{STREAM_READ, STREAM_CONSUME}',
        compartmentId,
        whereAll(
          ['request.principal.type', 'serviceconnector'],
          ['target.stream.id', this.streamId],
          ['request.principal.compartment.id', compartmentId],
        ),
      ),
    ];
    new IdentityPolicy(this, 'streaming_policy', {
      compartmentId,
      name: this.nameOf('streaming-policy'),
      description: `Stream access of the ${this.env.name} lakehouse producer and connector`,
      statements: [...this.policyStatements],
      freeformTags: this.tags,
    });
  }
}
