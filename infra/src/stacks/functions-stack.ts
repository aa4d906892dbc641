import { INGEST_FN_CONTRACT, workloadEnvironment } from '@lakehouse/contracts';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { FunctionsApplication, FunctionsFunction } from '../oci.js';
import { mysqlClientSettings, type MysqlEndpoint } from './mysql-client-settings.js';

/** Props of {@link FunctionsStack}. */
export interface FunctionsStackProps extends OciStackProps {
  readonly appSubnetId: string;
  readonly appNsgId: string;
  readonly mysql: MysqlEndpoint;
}

/**
 * The Functions application in the private app subnet and the ingest function (image from config: the artifact of
 * apps/ingest-fn, pushed to the repository the storage stack creates).
 */
export class FunctionsStack extends OciStack {
  readonly applicationId: string;
  readonly ingestFunctionId: string;

  constructor(scope: Construct, id: string, props: FunctionsStackProps) {
    super(scope, id, props);
    const fn = this.env.functions;
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
