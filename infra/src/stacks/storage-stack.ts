import type { Construct } from 'constructs';
import { OciStack, resourceName, type OciStackProps } from '../constructs/oci-stack.js';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { SECURE_DEFAULTS } from '../constructs/secure-defaults.js';
import { ArtifactsContainerRepository, DataOciObjectstorageNamespace, ObjectstorageBucket } from '../oci.js';

/** Props of {@link StorageStack}. */
export interface StorageStackProps extends OciStackProps {
  /** Master encryption key from the security stack; every bucket is encrypted with it. */
  readonly kmsKeyId: string;
}

/** Bucket names by purpose. */
export interface BucketNames {
  /** Raw telemetry files and historical drops (AI4I CSV). */
  readonly raw: string;
  /** Cleaned Parquet written by Data Flow, read by HeatWave Lakehouse. */
  readonly silver: string;
  /** Data Flow application files (the bulk-load SQL) and archives. */
  readonly dataflow: string;
  /** Data Flow run logs and exported service logs. */
  readonly logs: string;
}

/**
 * The bucket names of `env`. They are known before the buckets exist, so IAM conditions of stacks deployed earlier
 * (the security stack) can name them.
 */
export function bucketNamesOf(env: Pick<EnvironmentConfig, 'name'>): BucketNames {
  return {
    raw: resourceName(env, 'raw'),
    silver: resourceName(env, 'silver'),
    dataflow: resourceName(env, 'dataflow'),
    logs: resourceName(env, 'logs'),
  };
}

/** The images infra runs, each pushed to its own OCIR repository `lakehouse/<app>` before its stack is deployed. */
export const IMAGE_REPOSITORIES = ['ingest-fn', 'api', 'producer', 'db-bootstrap'] as const;

/**
 * The four buckets (private, versioned and encrypted with the Vault key) and the private container repositories of
 * our images. The repositories come this early so that images can be pushed before the first stack that runs one
 * (bootstrap, functions) is deployed; a push to a missing repository would create it in the root compartment.
 */
export class StorageStack extends OciStack {
  readonly namespace: string;
  readonly bucketNames: BucketNames;
  readonly repositoryIds: Readonly<Record<(typeof IMAGE_REPOSITORIES)[number], string>>;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const ns = new DataOciObjectstorageNamespace(this, 'namespace', { compartmentId: this.compartmentId });
    this.namespace = ns.namespace;
    this.bucketNames = bucketNamesOf(this.env);
    const tiering = this.env.storage.isAutoTieringEnabled ? 'InfrequentAccess' : 'Disabled';
    for (const [purpose, name] of Object.entries(this.bucketNames) as [string, string][]) {
      new ObjectstorageBucket(this, `${purpose}_bucket`, {
        compartmentId: this.compartmentId,
        namespace: ns.namespace,
        name,
        accessType: SECURE_DEFAULTS.bucketAccessType,
        versioning: SECURE_DEFAULTS.bucketVersioning,
        kmsKeyId: props.kmsKeyId,
        autoTiering: purpose === 'raw' || purpose === 'silver' ? tiering : 'Disabled',
        objectEventsEnabled: purpose === 'raw',
        freeformTags: { ...this.tags, purpose },
      });
    }
    const repository = (app: (typeof IMAGE_REPOSITORIES)[number]): [string, string] => [
      app,
      new ArtifactsContainerRepository(this, `${app.replace(/-/g, '_')}_repository`, {
        compartmentId: this.compartmentId,
        displayName: `lakehouse/${app}`,
        isPublic: false,
        isImmutable: this.env.name === 'prod',
        freeformTags: this.tags,
      }).id,
    ];
    this.repositoryIds = Object.fromEntries(IMAGE_REPOSITORIES.map(repository)) as Record<
      (typeof IMAGE_REPOSITORIES)[number],
      string
    >;
  }
}
