import type { EnvironmentConfig } from '../environments/environment-config.js';
import type { StackName } from '../platform.js';
import {
  deployersGroupOf,
  dynamicGroupNamesOf,
  producerAuthTokenSecretName,
} from '../stacks/security-stack.js';
import { bucketNamesOf } from '../stacks/storage-stack.js';
import { POLICY_REFERENCES, type Verb } from './iam-vocabulary.js';

/** Who makes a call: the principal a policy statement must name. */
export type Principal =
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'dynamic-group'; readonly name: string }
  | { readonly kind: 'service'; readonly name: string }
  /** A service acting as itself; which one is stated by `request.principal.type` in the condition. */
  | { readonly kind: 'any-user' };

/** What the call needs: a verb on a resource type as Oracle's reference names them, or individual permissions. */
export type PermissionNeed =
  | { readonly kind: 'verb'; readonly verb: Verb; readonly resourceType: string }
  | { readonly kind: 'permissions'; readonly permissions: readonly string[] };

/** A value a condition compares with: a literal, or the OCID of a resource created by one of our stacks. */
export type ConditionValue =
  | { readonly literal: string }
  | { readonly resource: { readonly stack: StackName; readonly address: string } };

/** A fact of the request (`variable` has `value`) that the granting statement must be scoped to. */
export interface RequestFact {
  readonly variable: string;
  readonly value: ConditionValue;
}

/** One thing a workload, an operator or an OCI service calls, and the grant it needs. */
export interface RequiredPermission {
  /** Stable key, used in test output. */
  readonly id: string;
  readonly who: Principal;
  /** The OCI API operation (or the service's own action) that needs the permission. */
  readonly what: string;
  /** The file that makes the call, or the stack whose resource makes the service act. */
  readonly calledFrom: string;
  readonly permission: PermissionNeed;
  /** Compartment the target lives in. */
  readonly compartmentId: string;
  /** Facts of the request that a statement must be narrowed to (none: the whole compartment is meant). */
  readonly condition: readonly RequestFact[];
  /** The Oracle page that names the permission (or the statement shape) for this call. */
  readonly docUrl: string;
  /** Set when the doc does not state this exact permission for this call: what is assumed. */
  readonly unconfirmed?: string;
}

const DOCS = {
  ...POLICY_REFERENCES,
  streamPoolKeys: 'https://docs.oracle.com/en-us/iaas/Content/Streaming/Tasks/managingstreampools.htm',
  assigningKeys: 'https://docs.oracle.com/en-us/iaas/Content/KeyManagement/Tasks/assigningkeys.htm',
  kafka: 'https://docs.oracle.com/en-us/iaas/Content/Streaming/Tasks/kafkacompatibility.htm',
  connectorStreaming:
    'https://docs.oracle.com/en-us/iaas/Content/connector-hub/create-service-connector-streaming-source.htm',
  dataflowResourcePrincipal:
    'https://docs.oracle.com/en-us/iaas/data-flow/using/resource-principal-policies.htm',
  containerImagePull:
    'https://docs.oracle.com/en-us/iaas/Content/container-instances/vault-secrets-image-authorization.htm',
  lakehouse: 'https://dev.mysql.com/doc/heatwave/en/mys-hw-lakehouse-resource-principal.html',
  mysqlMandatory:
    'https://docs.oracle.com/en-us/iaas/mysql-database/doc/mandatory-policies-and-permissions.html',
} as const;

const HEATWAVE_CLI = 'tools/src/heatwave/heatwave-operations.ts';
const WORK_REQUESTS_CLI = 'tools/src/heatwave/follow-work-request.ts';
const DATAFLOW_CLI = 'apps/bulk-load/src/dataflow/dataflow-submit.ts';
const VAULT_READER = 'libs/oci/src/read-vault-secret.ts';

const verb = (v: Verb, resourceType: string): PermissionNeed => ({ kind: 'verb', verb: v, resourceType });
const literal = (variable: string, value: string): RequestFact => ({ variable, value: { literal: value } });
const ocidOf = (variable: string, stack: StackName, address: string): RequestFact => ({
  variable,
  value: { resource: { stack, address } },
});

/**
 * Every grant the platform needs in `env`, one row per call. Add a row when code starts calling an OCI API (or a
 * stack makes a service act on our behalf); the IAM test then fails until a statement grants it, and fails again if
 * a statement grants more than the rows need.
 */
export function requiredPermissions(env: EnvironmentConfig): readonly RequiredPermission[] {
  const compartmentId = env.compartmentOcid;
  const dg = dynamicGroupNamesOf(env);
  const buckets = bucketNamesOf(env);
  const operators: Principal = { kind: 'group', name: env.security.operatorsGroupName };
  const producers: Principal = { kind: 'group', name: env.security.streamProducersGroupName };
  const deployers: Principal = { kind: 'group', name: deployersGroupOf(env) };
  const dynamicGroup = (name: string): Principal => ({ kind: 'dynamic-group', name });
  const service = (name: string): Principal => ({ kind: 'service', name });
  const anyUser: Principal = { kind: 'any-user' };
  const bucket = (name: string): RequestFact => literal('target.bucket.name', name);
  const appSecret = ocidOf('target.secret.id', 'security', 'oci_vault_secret.mysql_app_secret');
  const adminSecret = ocidOf('target.secret.id', 'security', 'oci_vault_secret.mysql_admin_secret');
  const masterKey = ocidOf('target.key.id', 'security', 'oci_kms_key.master_key');
  const streamPool = ocidOf('target.streampool.id', 'streaming', 'oci_streaming_stream_pool.stream_pool');
  const connector = [
    literal('request.principal.type', 'serviceconnector'),
    literal('request.principal.compartment.id', compartmentId),
  ];
  const row = (r: Omit<RequiredPermission, 'compartmentId' | 'condition'> & Partial<RequiredPermission>) => ({
    compartmentId,
    condition: [],
    ...r,
  });

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

    // OCI services acting on our resources.
    row({
      id: 'streaming-encrypts-stream-pool',
      who: service('streaming'),
      what: 'Streaming encrypts and decrypts the pool’s data with the master key',
      calledFrom: 'infra/src/stacks/streaming-stack.ts',
      permission: verb('use', 'keys'),
      condition: [masterKey],
      docUrl: DOCS.streamPoolKeys,
    }),
    row({
      id: 'object-storage-encrypts-buckets',
      who: service(`objectstorage-${env.region}`),
      what: 'Object Storage encrypts and decrypts the buckets’ data keys with the master key',
      calledFrom: 'infra/src/stacks/storage-stack.ts',
      permission: verb('use', 'keys'),
      condition: [masterKey],
      docUrl: DOCS.assigningKeys,
      unconfirmed: 'the service name objectstorage-<region> is as public samples write it',
    }),
    row({
      id: 'mysql-db-system-joins-nsg',
      who: anyUser,
      what: 'The DB system creates its VNIC and adds it to the database NSG',
      calledFrom: 'infra/src/stacks/database-stack.ts',
      permission: {
        kind: 'permissions',
        permissions: [
          'VNIC_CREATE',
          'VNIC_UPDATE',
          'VNIC_ASSOCIATE_NETWORK_SECURITY_GROUP',
          'VNIC_DISASSOCIATE_NETWORK_SECURITY_GROUP',
        ],
      },
      condition: [
        literal('request.principal.type', 'mysqldbsystem'),
        literal('request.resource.compartment.id', compartmentId),
      ],
      docUrl: DOCS.mysqlMandatory,
    }),
    row({
      id: 'connector-reads-telemetry-stream',
      who: anyUser,
      what: 'Connector Hub reads the telemetry stream (GetStream, cursors, GetMessages)',
      calledFrom: 'infra/src/stacks/connector-stack.ts',
      permission: { kind: 'permissions', permissions: ['STREAM_READ', 'STREAM_CONSUME'] },
      condition: [
        ...connector,
        ocidOf('target.stream.id', 'streaming', 'oci_streaming_stream.telemetry_stream'),
      ],
      docUrl: DOCS.connectorStreaming,
      unconfirmed: 'statement text from Connector Hub’s default policy as public samples show it',
    }),
    row({
      id: 'connector-reads-ingest-function',
      who: anyUser,
      what: 'Connector Hub looks up the ingest function',
      calledFrom: 'infra/src/stacks/connector-stack.ts',
      permission: verb('use', 'fn-function'),
      condition: connector,
      docUrl: DOCS.functions,
      unconfirmed: 'statement text from Connector Hub’s default policy as public samples show it',
    }),
    row({
      id: 'connector-invokes-ingest-function',
      who: anyUser,
      what: 'Connector Hub invokes the ingest function (InvokeFunction)',
      calledFrom: 'infra/src/stacks/connector-stack.ts',
      permission: verb('use', 'fn-invocation'),
      condition: connector,
      docUrl: DOCS.functions,
      unconfirmed: 'statement text from Connector Hub’s default policy as public samples show it',
    }),

    // Workloads with their resource principal.
    row({
      id: 'ingest-fn-reads-db-password',
      who: dynamicGroup(dg.functions),
      what: 'GetSecretBundle of the app user’s password (MYSQL_PASSWORD_SECRET_ID)',
      calledFrom: `apps/ingest-fn/src/config.ts via ${VAULT_READER}`,
      permission: verb('read', 'secret-bundles'),
      condition: [appSecret],
      docUrl: DOCS.vault,
    }),
    row({
      id: 'api-reads-db-password',
      who: dynamicGroup(dg.containerInstances),
      what: 'GetSecretBundle of the app user’s password (MYSQL_PASSWORD_SECRET_OCID)',
      calledFrom: `infra/src/stacks/mysql-client-settings.ts (API container) via ${VAULT_READER}`,
      permission: verb('read', 'secret-bundles'),
      condition: [appSecret],
      docUrl: DOCS.vault,
    }),
    row({
      id: 'db-bootstrap-reads-admin-password',
      who: dynamicGroup(dg.containerInstances),
      what: 'GetSecretBundle of the MySQL admin password (one-shot DB bootstrap container)',
      calledFrom: VAULT_READER,
      permission: verb('read', 'secret-bundles'),
      condition: [adminSecret],
      docUrl: DOCS.vault,
    }),
    row({
      id: 'db-bootstrap-reads-app-password',
      who: dynamicGroup(dg.containerInstances),
      what: 'GetSecretBundle of the app user’s password, to create that user (DB bootstrap container)',
      calledFrom: VAULT_READER,
      permission: verb('read', 'secret-bundles'),
      condition: [appSecret],
      docUrl: DOCS.vault,
    }),
    row({
      id: 'producer-reads-auth-token',
      who: dynamicGroup(dg.containerInstances),
      what: 'GetSecretBundle of the stream producer user’s auth token (OCI_AUTH_TOKEN_SECRET_ID)',
      calledFrom: `apps/producer/src/config.ts via ${VAULT_READER}`,
      permission: verb('read', 'secret-bundles'),
      condition: [literal('target.secret.name', producerAuthTokenSecretName(env))],
      docUrl: DOCS.vault,
    }),
    row({
      id: 'container-instances-pull-images',
      who: dynamicGroup(dg.containerInstances),
      what: 'Container Instances pulls the API, producer and DB bootstrap images from private OCIR repositories',
      calledFrom: 'infra/src/stacks/container-service.ts',
      permission: verb('read', 'repos'),
      docUrl: DOCS.containerImagePull,
      unconfirmed: 'the page points to resource-principal policies; read repos is the registry pull grant',
    }),
    row({
      id: 'producer-produces-to-stream',
      who: producers,
      what: 'Kafka Produce (PutMessages) to the telemetry stream, as the producer user',
      calledFrom: 'apps/producer (kafkajs through libs/streaming)',
      permission: verb('use', 'stream-push'),
      condition: [streamPool],
      docUrl: DOCS.streaming,
      unconfirmed: 'that target.streampool.id narrows STREAM_PRODUCE (Data Flow narrows STREAM_* with it)',
    }),
    row({
      id: 'producer-reads-stream-metadata',
      who: producers,
      what: 'Kafka Metadata for the topic (the stream of the pool), as the producer user',
      calledFrom: 'apps/producer (kafkajs through libs/streaming)',
      permission: verb('read', 'streams'),
      condition: [streamPool],
      docUrl: DOCS.dataflowResourcePrincipal,
      unconfirmed:
        'Data Flow documents STREAM_INSPECT/STREAM_READ for Kafka consumers; assumed for producers',
    }),
    row({
      id: 'dataflow-run-reads-db-password',
      who: dynamicGroup(dg.dataflowRuns),
      what: 'GetSecretBundle of the app user’s password (the JDBC credential provider in the archive)',
      calledFrom: 'infra/src/stacks/dataflow-stack.ts (mysql_password_secret_ocid)',
      permission: verb('read', 'secret-bundles'),
      condition: [appSecret],
      docUrl: DOCS.vault,
    }),
    row({
      id: 'dataflow-run-reads-raw',
      who: dynamicGroup(dg.dataflowRuns),
      what: 'Spark reads the raw input files',
      calledFrom: 'infra/src/stacks/dataflow-stack.ts (raw_uri)',
      permission: verb('read', 'objects'),
      condition: [bucket(buckets.raw)],
      docUrl: DOCS.dataflowResourcePrincipal,
      unconfirmed:
        'that a batch run reads Object Storage as its resource principal, not as the submitting user',
    }),
    row({
      id: 'dataflow-run-writes-silver',
      who: dynamicGroup(dg.dataflowRuns),
      what: 'Spark writes the silver Parquet/CSV and the rejects',
      calledFrom: 'infra/src/stacks/dataflow-stack.ts (silver_uri)',
      permission: verb('manage', 'objects'),
      condition: [bucket(buckets.silver)],
      docUrl: DOCS.dataflowResourcePrincipal,
    }),
    row({
      id: 'dataflow-run-reads-application',
      who: dynamicGroup(dg.dataflowRuns),
      what: 'The run reads its SQL file and archive.zip',
      calledFrom: 'infra/src/stacks/dataflow-stack.ts (file_uri)',
      permission: verb('read', 'objects'),
      condition: [bucket(buckets.dataflow)],
      docUrl: DOCS.dataflowResourcePrincipal,
    }),
    row({
      id: 'dataflow-cli-run-writes-beside-inputs',
      who: dynamicGroup(dg.dataflowRuns),
      what: 'A `dataflow run` job reads its uploaded inputs and writes rejects and silver beside them',
      calledFrom: 'apps/bulk-load/src/dataflow/dataflow-requests.ts (dataflowParameters)',
      permission: verb('manage', 'objects'),
      condition: [bucket(buckets.dataflow)],
      docUrl: DOCS.dataflowResourcePrincipal,
    }),
    row({
      id: 'dataflow-run-writes-logs',
      who: dynamicGroup(dg.dataflowRuns),
      what: 'The run writes its Spark logs',
      calledFrom: 'infra/src/stacks/dataflow-stack.ts (logs_bucket_uri)',
      permission: verb('manage', 'objects'),
      condition: [bucket(buckets.logs)],
      docUrl: DOCS.dataflowResourcePrincipal,
    }),
    ...(Object.entries(buckets) as [string, string][]).map(([purpose, name]) =>
      row({
        id: `dataflow-run-reads-${purpose}-bucket`,
        who: dynamicGroup(dg.dataflowRuns),
        what: `Spark's Object Storage connector reads the metadata of bucket ${name}`,
        calledFrom: 'infra/src/stacks/dataflow-stack.ts',
        permission: verb('read', 'buckets'),
        condition: [bucket(name)],
        docUrl: DOCS.dataflowResourcePrincipal,
        unconfirmed: 'the page grants objects only; bucket reads are kept from the earlier policy',
      }),
    ),
    row({
      id: 'lakehouse-reads-silver-bucket',
      who: dynamicGroup(dg.mysqlDbSystems),
      what: 'HeatWave Lakehouse lists the silver bucket for external tables',
      calledFrom: 'apps/bulk-load (HEATWAVE_SILVER_URI external tables)',
      permission: verb('read', 'buckets'),
      condition: [bucket(buckets.silver)],
      docUrl: DOCS.lakehouse,
    }),
    row({
      id: 'lakehouse-reads-silver-objects',
      who: dynamicGroup(dg.mysqlDbSystems),
      what: 'HeatWave Lakehouse reads the silver files',
      calledFrom: 'apps/bulk-load (HEATWAVE_SILVER_URI external tables)',
      permission: verb('read', 'objects'),
      condition: [bucket(buckets.silver)],
      docUrl: DOCS.lakehouse,
    }),
  ];
}
