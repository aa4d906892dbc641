import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { StreamingStream, StreamingStreamPool } from '../oci.js';

/** Props of {@link StreamingStack}. */
export interface StreamingStackProps extends OciStackProps {
  readonly appSubnetId: string;
  readonly streamingNsgId: string;
  readonly kmsKeyId: string;
}

/**
 * Stream pool with a private endpoint in the app subnet (reachable only from inside the VCN), encrypted with the
 * Vault key, Kafka auto-create off (streams are created here, never by clients), plus the telemetry stream and its
 * dead-letter stream.
 */
export class StreamingStack extends OciStack {
  readonly streamPoolId: string;
  readonly streamId: string;
  readonly deadLetterStreamId: string;
  readonly topicName: string;
  readonly deadLetterTopicName: string;
  /** Kafka bootstrap servers of the pool's private endpoint. */
  readonly kafkaBootstrapServers: string;

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
  }
}
