import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { privateContainer } from './container-service.js';

/** Props of {@link ProducerStack}. */
export interface ProducerStackProps extends OciStackProps {
  readonly availabilityDomain: string;
  readonly appSubnetId: string;
  readonly appNsgId: string;
  readonly kafkaBootstrapServers: string;
  readonly topicName: string;
  readonly streamPoolId: string;
}

/** The device-fleet simulator (apps/producer image) as a container instance in the private app subnet. */
export class ProducerStack extends OciStack {
  readonly containerInstanceId: string;

  constructor(scope: Construct, id: string, props: ProducerStackProps) {
    super(scope, id, props);
    const instance = privateContainer(this, 'producer', {
      compartmentId: this.compartmentId,
      availabilityDomain: props.availabilityDomain,
      displayName: this.nameOf('producer'),
      service: this.env.producer,
      subnetId: props.appSubnetId,
      nsgIds: [props.appNsgId],
      environment: {
        KAFKA_PROFILE: 'oci',
        KAFKA_BROKERS: props.kafkaBootstrapServers,
        KAFKA_TOPIC: props.topicName,
        OCI_STREAM_POOL_OCID: props.streamPoolId,
        LOG_LEVEL: 'info',
      },
      tags: this.tags,
    });
    this.containerInstanceId = instance.id;
  }
}
