import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { AnalyticsAnalyticsInstance } from '../oci.js';

/** Props of {@link AnalyticsStack}. */
export interface AnalyticsStackProps extends OciStackProps {
  readonly vcnId: string;
  readonly appSubnetId: string;
  readonly appNsgId: string;
  readonly kmsKeyId: string;
}

/** Name of the sensitive variable used when no identity domain is configured (TF_VAR_oac_idcs_access_token). */
export const OAC_IDCS_TOKEN_VARIABLE = 'oac_idcs_access_token';

/**
 * Oracle Analytics Cloud with a private endpoint in the app subnet, so it reaches the private MySQL DB system
 * (connection type "MySQL HeatWave", created in OAC with a read-only user).
 */
export class AnalyticsStack extends OciStack {
  readonly analyticsInstanceId: string;

  constructor(scope: Construct, id: string, props: AnalyticsStackProps) {
    super(scope, id, props);
    const oac = this.env.analytics;
    const identity =
      oac.identityDomainOcid === undefined
        ? {
            idcsAccessToken: new TerraformVariable(this, OAC_IDCS_TOKEN_VARIABLE, {
              type: 'string',
              sensitive: true,
              nullable: false,
              description:
                'IDCS access token for OAC (or set analytics.identityDomainOcid in the environment).',
            }).stringValue,
          }
        : { domainId: oac.identityDomainOcid };
    const instance = new AnalyticsAnalyticsInstance(this, 'analytics', {
      compartmentId: this.compartmentId,
      name: `lakehouse${this.env.name}`,
      description: 'Dashboards over the HeatWave lakehouse',
      featureSet: oac.featureSet,
      licenseType: oac.licenseType,
      capacity: { capacityType: 'OLPU_COUNT', capacityValue: oac.ocpus },
      kmsKeyId: props.kmsKeyId,
      networkEndpointDetails: {
        networkEndpointType: 'PRIVATE',
        vcnId: props.vcnId,
        subnetId: props.appSubnetId,
        networkSecurityGroupIds: [props.appNsgId],
      },
      ...identity,
      freeformTags: this.tags,
    });
    this.analyticsInstanceId = instance.id;
  }
}
