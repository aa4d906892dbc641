import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { OciProvider } from '../oci.js';

/** Display name of a resource of `env`: `lakehouse-<env>-<what>`; stacks and the IAM table share it. */
export function resourceName(env: Pick<EnvironmentConfig, 'name'>, what: string): string {
  return `lakehouse-${env.name}-${what}`;
}

/** Props every stack takes: the validated environment. */
export interface OciStackProps {
  readonly env: EnvironmentConfig;
}

/**
 * Base of every stack: configures the OCI provider for the environment's region (credentials come from the
 * ~/.oci/config profile or the provider's own environment variables at plan time, never from code) and offers the
 * naming and tagging helpers, so that names read `lakehouse-<env>-<what>` everywhere.
 */
export abstract class OciStack extends TerraformStack {
  readonly env: EnvironmentConfig;

  protected constructor(scope: Construct, id: string, props: OciStackProps) {
    super(scope, id);
    this.env = props.env;
    const bucket = props.env.stateBucket;
    if (bucket === undefined) {
      // Local state beside the project (infra/state/, git-ignored), addressed relative to cdktf.out/stacks/<id>/
      // so that the synthesized JSON is the same on every machine.
      new LocalBackend(this, { path: `../../../state/${id}.tfstate` });
    } else {
      // Object Storage through its S3-compatible API; keys are an OCI customer secret key in AWS_ACCESS_KEY_ID /
      // AWS_SECRET_ACCESS_KEY, never in code.
      new S3Backend(this, {
        bucket: bucket.name,
        key: `lakehouse/${id}.tfstate`,
        region: props.env.region,
        endpoints: {
          s3: `https://${bucket.namespace}.compat.objectstorage.${props.env.region}.oraclecloud.com`,
        },
        skipRegionValidation: true,
        skipCredentialsValidation: true,
        skipRequestingAccountId: true,
        skipMetadataApiCheck: true,
        skipS3Checksum: true,
        usePathStyle: true,
      });
    }
    new OciProvider(this, 'oci', {
      region: props.env.region,
      configFileProfile: props.env.ociConfigProfile ?? 'DEFAULT',
    });
  }

  /** Display name of a resource: `lakehouse-<env>-<what>`. */
  protected nameOf(what: string): string {
    return resourceName(this.env, what);
  }

  /** Freeform tags of the environment plus the owning stack. */
  protected get tags(): Record<string, string> {
    return { ...this.env.tags, stack: this.node.id };
  }

  /** The compartment every resource of the environment goes to. */
  protected get compartmentId(): string {
    return this.env.compartmentOcid;
  }
}
