import { PRODUCER_CONTRACT } from '@lakehouse/contracts';
import { Fn, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { VaultSecret } from '../oci.js';
import { privateContainer } from './container-service.js';

/** Props of {@link ProducerStack}. */
export interface ProducerStackProps extends OciStackProps {
  readonly availabilityDomain: string;
  readonly appSubnetId: string;
  readonly appNsgId: string;
  readonly kafkaBootstrapServers: string;
  readonly topicName: string;
  readonly streamPoolId: string;
  /** Vault and key of the security stack, for the auth-token secret. */
  readonly vaultId: string;
  readonly kmsKeyId: string;
}

/** Terraform variable that carries the producer user's auth token at apply time (TF_VAR_producer_auth_token). */
export const PRODUCER_AUTH_TOKEN_VARIABLE = 'producer_auth_token';

/**
 * The device-fleet simulator (apps/producer image) as a container instance in the private app subnet, and the Vault
 * secret holding the auth token it presents to OCI Streaming. Streaming's Kafka endpoint authenticates an IAM user
 * (SASL PLAIN `<tenancy>/<user>/<pool>` + auth token), which Vault cannot generate: the operator creates the token
 * (`oci iam auth-token create`) and hands it to the apply once as a sensitive variable; the container reads it
 * from Vault by OCID with its resource principal.
 */
export class ProducerStack extends OciStack {
  readonly containerInstanceId: string;
  readonly authTokenSecretId: string;

  constructor(scope: Construct, id: string, props: ProducerStackProps) {
    super(scope, id, props);
    const st = this.env.streaming;
    const token = new TerraformVariable(this, PRODUCER_AUTH_TOKEN_VARIABLE, {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Auth token of the IAM user ${st.producerUserName} (member of ${this.env.security.streamProducersGroupName}) for OCI Streaming; stored in Vault, never committed.`,
    });
    const secret = new VaultSecret(this, 'auth_token_secret', {
      compartmentId: this.compartmentId,
      vaultId: props.vaultId,
      keyId: props.kmsKeyId,
      secretName: this.nameOf('producer-auth-token'),
      description: `OCI Streaming auth token of ${st.producerUserName}`,
      secretContent: { contentType: 'BASE64', content: Fn.base64encode(token.stringValue) },
      freeformTags: this.tags,
    });
    const instance = privateContainer(this, 'producer', {
      compartmentId: this.compartmentId,
      availabilityDomain: props.availabilityDomain,
      displayName: this.nameOf('producer'),
      service: this.env.producer,
      subnetId: props.appSubnetId,
      nsgIds: [props.appNsgId],
      contract: PRODUCER_CONTRACT,
      environment: {
        KAFKA_PROFILE: 'oci',
        OCI_STREAM_BOOTSTRAP_SERVERS: props.kafkaBootstrapServers,
        OCI_TENANCY_NAME: this.env.tenancyName,
        OCI_USER_NAME: st.producerUserName,
        OCI_DOMAIN_NAME: st.producerUserDomainName,
        OCI_STREAM_POOL_ID: props.streamPoolId,
        OCI_AUTH_TOKEN_SECRET_OCID: secret.id,
        STREAM_NAME: props.topicName,
        OCI_AUTH: 'resource_principal',
        LOG_LEVEL: 'info',
      },
      tags: this.tags,
    });
    this.containerInstanceId = instance.id;
    this.authTokenSecretId = secret.id;
  }
}
