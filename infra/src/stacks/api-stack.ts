import { API_CONTRACT } from '@lakehouse/contracts';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { ApigatewayDeployment, ApigatewayGateway, OnsNotificationTopic, OnsSubscription } from '../oci.js';
import { privateContainer } from './container-service.js';
import { mysqlClientSettings, type MysqlEndpoint } from './mysql-client-settings.js';

/** Props of {@link ApiStack}. */
export interface ApiStackProps extends OciStackProps {
  readonly availabilityDomain: string;
  readonly publicSubnetId: string;
  readonly appSubnetId: string;
  readonly apiGatewayNsgId: string;
  readonly appNsgId: string;
  readonly mysql: MysqlEndpoint;
}

/**
 * The Fastify API (apps/api image) as a private container at a fixed IP, and the public API gateway in front of it:
 * the gateway terminates HTTPS on 443 and forwards every path to the container over the VCN.
 */
export class ApiStack extends OciStack {
  readonly containerInstanceId: string;
  readonly gatewayId: string;
  readonly deploymentId: string;
  readonly gatewayHostname: string;
  readonly alertTopicId: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const api = this.env.api;
    // Alert episodes (opened, escalated) go out through one topic; the API's outbox dispatcher publishes to it.
    const alertTopic = new OnsNotificationTopic(this, 'alert_topic', {
      compartmentId: this.compartmentId,
      name: this.nameOf('alert-episodes'),
      description:
        'Alert episodes opened or escalated, published by the lakehouse API (one message per event)',
      freeformTags: this.tags,
    });
    (api.alertEmails ?? []).forEach((email, i) => {
      new OnsSubscription(this, `alert_email_${i}`, {
        compartmentId: this.compartmentId,
        topicId: alertTopic.id,
        protocol: 'EMAIL',
        endpoint: email,
        freeformTags: this.tags,
      });
    });
    const instance = privateContainer(this, 'api', {
      compartmentId: this.compartmentId,
      availabilityDomain: props.availabilityDomain,
      displayName: this.nameOf('api'),
      service: api,
      subnetId: props.appSubnetId,
      nsgIds: [props.appNsgId],
      privateIp: api.privateIp,
      contract: API_CONTRACT,
      environment: {
        ...mysqlClientSettings(this.env, props.mysql),
        API_PORT: String(api.port),
        // The app default is loopback (a developer's machine); the container listens on its private-subnet IP.
        API_HOST: '0.0.0.0',
        // The gateway (in the public subnet) appends the caller to X-Forwarded-For: only it is trusted to name the
        // client, so the rate limit and the failed-authentication lockout count per caller, not per gateway node.
        API_TRUST_PROXY: this.env.network.publicSubnetCidr,
        OCI_AUTH: 'resource_principal',
        ALERT_NOTIFICATIONS_TOPIC_OCID: alertTopic.id,
        LOG_LEVEL: 'info',
      },
      tags: this.tags,
    });
    const gateway = new ApigatewayGateway(this, 'gateway', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('apigw'),
      endpointType: 'PUBLIC',
      subnetId: props.publicSubnetId,
      networkSecurityGroupIds: [props.apiGatewayNsgId],
      freeformTags: this.tags,
    });
    const deployment = new ApigatewayDeployment(this, 'deployment', {
      compartmentId: this.compartmentId,
      gatewayId: gateway.id,
      displayName: this.nameOf('api'),
      pathPrefix: '/',
      specification: {
        loggingPolicies: {
          accessLog: { isEnabled: true },
          executionLog: { isEnabled: true, logLevel: 'WARN' },
        },
        requestPolicies: {
          rateLimiting: { rateInRequestsPerSecond: 50, rateKey: 'CLIENT_IP' },
        },
        routes: [
          {
            path: '/{path*}',
            methods: ['ANY'],
            backend: {
              type: 'HTTP_BACKEND',
              // `$${` escapes Terraform interpolation: the gateway, not Terraform, expands request.path.
              url: `http://${api.privateIp}:${api.port}/$\${request.path[path]}`,
              connectTimeoutInSeconds: 5,
              readTimeoutInSeconds: 30,
              sendTimeoutInSeconds: 30,
            },
          },
        ],
      },
      freeformTags: this.tags,
    });
    this.containerInstanceId = instance.id;
    this.gatewayId = gateway.id;
    this.deploymentId = deployment.id;
    this.gatewayHostname = gateway.hostname;
    this.alertTopicId = alertTopic.id;
  }
}
