import { INGEST_FN_CONTRACT, workloadEnvironment } from '@lakehouse/contracts';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { ArtifactsContainerRepository, FunctionsApplication, FunctionsFunction } from '../oci.js';
import { mysqlClientSettings, type MysqlEndpoint } from './mysql-client-settings.js';

/** Props of {@link FunctionsStack}. */
export interface FunctionsStackProps extends OciStackProps {
  readonly appSubnetId: string;
  readonly appNsgId: string;
  readonly mysql: MysqlEndpoint;
}

/**
 * Private container repositories for our images, the Functions application in the private app subnet and the
 * ingest function (image from config: the artifact of apps/ingest-fn).
 */
export class FunctionsStack extends OciStack {
  readonly applicationId: string;
  readonly ingestFunctionId: string;
  readonly repositoryIds: Readonly<Record<'ingestFn' | 'api' | 'producer' | 'dbBootstrap', string>>;

  constructor(scope: Construct, id: string, props: FunctionsStackProps) {
    super(scope, id, props);
    const fn = this.env.functions;
    const repository = (id: string, app: string): string =>
      new ArtifactsContainerRepository(this, id, {
        compartmentId: this.compartmentId,
        displayName: `lakehouse/${app}`,
        isPublic: false,
        isImmutable: this.env.name === 'prod',
        freeformTags: this.tags,
      }).id;
    this.repositoryIds = {
      ingestFn: repository('ingest_fn_repository', 'ingest-fn'),
      api: repository('api_repository', 'api'),
      producer: repository('producer_repository', 'producer'),
      // Pushed before the bootstrap stack runs it; without the repository a push would create one in the root
      // compartment, out of reach of the compartment-scoped `read repos`.
      dbBootstrap: repository('db_bootstrap_repository', 'db-bootstrap'),
    };

    const app = new FunctionsApplication(this, 'application', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('functions'),
      subnetIds: [props.appSubnetId],
      networkSecurityGroupIds: [props.appNsgId],
      // The function's settings, checked against its contract at synth time (the password arrives as the Vault
      // secret OCID; the function reads it with its resource principal).
      config: workloadEnvironment(INGEST_FN_CONTRACT, {
        ...mysqlClientSettings(this.env, props.mysql),
        OCI_AUTH: 'resource_principal',
        LOG_LEVEL: 'info',
      }),
      freeformTags: this.tags,
    });
    const ingest = new FunctionsFunction(this, 'ingest_function', {
      applicationId: app.id,
      displayName: 'ingest-fn',
      image: fn.ingestImageUrl,
      memoryInMbs: String(fn.memoryMb),
      timeoutInSeconds: fn.timeoutSeconds,
      freeformTags: { ...this.tags, workload: INGEST_FN_CONTRACT.workload },
    });
    this.applicationId = app.id;
    this.ingestFunctionId = ingest.id;
  }
}
