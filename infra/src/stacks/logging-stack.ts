import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { LoggingLog, LoggingLogGroup } from '../oci.js';

/** Props of {@link LoggingStack}: the resources whose service logs are turned on. */
export interface LoggingStackProps extends OciStackProps {
  readonly functionsApplicationId: string;
  readonly apiDeploymentId: string;
  readonly rawBucketName: string;
}

/** One log group and the service logs that matter: function invocations, API gateway access/execution, raw writes. */
export class LoggingStack extends OciStack {
  readonly logGroupId: string;
  readonly logIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: LoggingStackProps) {
    super(scope, id, props);
    const group = new LoggingLogGroup(this, 'log_group', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('logs'),
      description: `Service logs of the ${this.env.name} lakehouse`,
      freeformTags: this.tags,
    });
    const serviceLog = (id: string, service: string, resource: string, category: string): string =>
      new LoggingLog(this, id, {
        logGroupId: group.id,
        displayName: this.nameOf(id.replaceAll('_', '-')),
        logType: 'SERVICE',
        isEnabled: true,
        retentionDuration: this.env.logging.retentionDays,
        configuration: { source: { sourceType: 'OCISERVICE', service, resource, category } },
        freeformTags: this.tags,
      }).id;
    this.logGroupId = group.id;
    this.logIds = {
      functionsInvoke: serviceLog('functions_invoke', 'functions', props.functionsApplicationId, 'invoke'),
      apiAccess: serviceLog('api_access', 'apigateway', props.apiDeploymentId, 'access'),
      apiExecution: serviceLog('api_execution', 'apigateway', props.apiDeploymentId, 'execution'),
      rawWrites: serviceLog('raw_bucket_writes', 'objectstorage', props.rawBucketName, 'write'),
    };
  }
}
