// What the rows of the IAM table (required-permissions.ts) are built from: Oracle's pages, the calling files, and
// the principals, buckets and resources of one environment.
import type { EnvironmentConfig } from '../environments/environment-config.js';
import type { StackName } from '../platform.js';
import {
  deployersGroupOf,
  dynamicGroupNamesOf,
  producerAuthTokenSecretName,
} from '../stacks/security-stack.js';
import { bucketNamesOf } from '../stacks/storage-stack.js';
import { POLICY_REFERENCES, type Verb } from './iam-vocabulary.js';
import type { PermissionNeed, Principal, RequestFact, RequiredPermission } from './required-permissions.js';

/** The Oracle pages the rows cite. */
export const DOCS = {
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

/** Files that make calls, named by several rows. */
export const HEATWAVE_CLI = 'tools/src/heatwave/heatwave-operations.ts';
export const WORK_REQUESTS_CLI = 'tools/src/heatwave/follow-work-request.ts';
export const DATAFLOW_CLI = 'apps/bulk-load/src/dataflow/dataflow-submit.ts';
export const VAULT_READER = 'libs/oci/src/read-vault-secret.ts';

/** A verb on a resource type. */
export const verb = (v: Verb, resourceType: string): PermissionNeed => ({
  kind: 'verb',
  verb: v,
  resourceType,
});
/** A request variable that must equal a literal. */
export const literal = (variable: string, value: string): RequestFact => ({
  variable,
  value: { literal: value },
});
/** A request variable that must equal the OCID of a resource of one of our stacks. */
export const ocidOf = (variable: string, stack: StackName, address: string): RequestFact => ({
  variable,
  value: { resource: { stack, address } },
});

/** The principals, buckets and resources of one environment that the rows name, and the row builder. */
export interface PermissionContext {
  readonly env: EnvironmentConfig;
  readonly compartmentId: string;
  readonly dg: ReturnType<typeof dynamicGroupNamesOf>;
  readonly buckets: ReturnType<typeof bucketNamesOf>;
  readonly operators: Principal;
  readonly producers: Principal;
  readonly deployers: Principal;
  readonly dynamicGroup: (name: string) => Principal;
  readonly service: (name: string) => Principal;
  readonly anyUser: Principal;
  readonly bucket: (name: string) => RequestFact;
  readonly appSecret: RequestFact;
  readonly adminSecret: RequestFact;
  readonly masterKey: RequestFact;
  readonly streamPool: RequestFact;
  /** The request comes from a Connector Hub connector of the compartment. */
  readonly connector: readonly RequestFact[];
  /** A row in the environment's compartment, with no condition unless it sets one. */
  readonly row: (
    r: Omit<RequiredPermission, 'compartmentId' | 'condition'> & Partial<RequiredPermission>,
  ) => RequiredPermission;
  /** The auth token secret of the stream producer user. */
  readonly producerAuthTokenSecretName: string;
}

/** The {@link PermissionContext} of `env`. */
export function permissionContext(env: EnvironmentConfig): PermissionContext {
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
  const row = (
    r: Omit<RequiredPermission, 'compartmentId' | 'condition'> & Partial<RequiredPermission>,
  ): RequiredPermission => ({ compartmentId, condition: [], ...r });
  return {
    env,
    compartmentId,
    dg,
    buckets,
    operators,
    producers,
    deployers,
    dynamicGroup,
    service,
    anyUser,
    bucket,
    appSecret,
    adminSecret,
    masterKey,
    streamPool,
    connector,
    row,
    producerAuthTokenSecretName: producerAuthTokenSecretName(env),
  };
}
