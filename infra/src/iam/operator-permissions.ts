// Rows of the IAM table for people: operators with their API keys (HeatWave CLI, `bulk-load dataflow run`) and the user that deploys.
import type { Verb } from './iam-vocabulary.js';
import {
  DATAFLOW_CLI,
  DOCS,
  HEATWAVE_CLI,
  verb,
  WORK_REQUESTS_CLI,
  type PermissionContext,
} from './permission-context.js';
import type { RequiredPermission } from './required-permissions.js';

/** Rows of the IAM table for people: operators with their API keys (HeatWave CLI, `bulk-load dataflow run`) and the user that deploys. */
export function operatorPermissions(context: PermissionContext): RequiredPermission[] {
  const { buckets, operators, deployers, bucket, masterKey, row } = context;
  const heatWave = (
    what: string,
    v: Verb,
    resourceType: 'mysql-instances' | 'mysql-heatwave',
    unconfirmed?: string,
  ): RequiredPermission =>
    row({
      id: `heatwave-${what.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).slice(1)}-${resourceType}`,
      who: operators,
      what,
      calledFrom: what.includes('WorkRequest') ? WORK_REQUESTS_CLI : HEATWAVE_CLI,
      permission: verb(v, resourceType),
      docUrl: DOCS.mysql,
      ...(unconfirmed === undefined ? {} : { unconfirmed }),
    });

  return [
    // HeatWave operations CLI, with the operator's API key.
    heatWave('AddHeatWaveCluster', 'use', 'mysql-instances'),
    heatWave('AddHeatWaveCluster', 'manage', 'mysql-heatwave'),
    heatWave('StartHeatWaveCluster', 'use', 'mysql-instances'),
    heatWave('StopHeatWaveCluster', 'use', 'mysql-instances'),
    heatWave('RestartHeatWaveCluster', 'use', 'mysql-instances'),
    heatWave('DeleteHeatWaveCluster', 'use', 'mysql-instances'),
    heatWave('DeleteHeatWaveCluster', 'manage', 'mysql-heatwave'),
    heatWave('UpdateHeatWaveCluster', 'use', 'mysql-instances'),
    heatWave('UpdateHeatWaveCluster', 'manage', 'mysql-heatwave'),
    heatWave(
      'GetHeatWaveCluster',
      'read',
      'mysql-heatwave',
      'verb of GetHeatWaveCluster in the mysql-heatwave table',
    ),
    heatWave(
      'GenerateHeatWaveClusterMemoryEstimate',
      'use',
      'mysql-heatwave',
      'which mysql-heatwave verb covers the estimate',
    ),
    heatWave(
      'GetHeatWaveClusterMemoryEstimate',
      'read',
      'mysql-heatwave',
      'which mysql-heatwave verb covers the estimate',
    ),
    heatWave('GetWorkRequest', 'read', 'mysql-instances'),
    heatWave(
      'ListWorkRequestErrors',
      'read',
      'mysql-instances',
      'the page lists GetWorkRequest and ListWorkRequests under mysql-instances, not ListWorkRequestErrors',
    ),

    // `bulk-load dataflow run`, with the operator's API key.
    row({
      id: 'dataflow-cli-put-object',
      who: operators,
      what: 'PutObject of the job script and raw files into the Data Flow bucket',
      calledFrom: DATAFLOW_CLI,
      permission: verb('manage', 'objects'),
      condition: [bucket(buckets.dataflow)],
      docUrl: DOCS.objectStorage,
    }),
    row({
      id: 'dataflow-cli-create-application',
      who: operators,
      what: 'CreateApplication',
      calledFrom: DATAFLOW_CLI,
      permission: verb('manage', 'dataflow-application'),
      docUrl: DOCS.dataflow,
    }),
    row({
      id: 'dataflow-cli-create-run',
      who: operators,
      what: 'CreateRun',
      calledFrom: DATAFLOW_CLI,
      permission: verb('manage', 'dataflow-run'),
      docUrl: DOCS.dataflow,
    }),
    row({
      id: 'dataflow-cli-get-run',
      who: operators,
      what: 'GetRun',
      calledFrom: DATAFLOW_CLI,
      permission: verb('read', 'dataflow-run'),
      docUrl: DOCS.dataflow,
    }),
    row({
      id: 'dataflow-cli-run-activates-private-endpoint-network',
      who: operators,
      what: 'CreateRun whose application uses the (still inactive) private endpoint',
      calledFrom: DATAFLOW_CLI,
      permission: verb('use', 'virtual-network-family'),
      docUrl: DOCS.dataflowPrivateEndpoint,
    }),
    row({
      id: 'dataflow-cli-run-activates-private-endpoint',
      who: operators,
      what: 'CreateRun whose application uses the (still inactive) private endpoint',
      calledFrom: DATAFLOW_CLI,
      permission: verb('manage', 'dataflow-private-endpoint'),
      docUrl: DOCS.dataflowPrivateEndpoint,
      unconfirmed: 'the page gives this for "changing the network configuration"; activation may not need it',
    }),

    // The user that runs `deploy` creates resources encrypted with the master key.
    row({
      id: 'deployer-delegates-key-to-streaming',
      who: deployers,
      what: 'CreateStreamPool with customEncryptionKey',
      calledFrom: 'infra/src/stacks/streaming-stack.ts',
      permission: verb('use', 'key-delegate'),
      condition: [masterKey],
      docUrl: DOCS.streamPoolKeys,
    }),
    row({
      id: 'deployer-delegates-key-to-object-storage',
      who: deployers,
      what: 'CreateBucket with kmsKeyId',
      calledFrom: 'infra/src/stacks/storage-stack.ts',
      permission: verb('use', 'key-delegate'),
      condition: [masterKey],
      docUrl: DOCS.assigningKeys,
    }),
  ];
}
