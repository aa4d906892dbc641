/**
 * The words of OCI IAM policy statements that this platform uses: verbs, the resource types Oracle's policy
 * references name, and the few aggregate ("family") types we need to reason about. A statement naming anything
 * else is rejected by the parser, so a typo or a retired name (e.g. `mysql-analytics`) fails the tests.
 */

/** Verbs in increasing order of access; each includes the ones before it. */
export const VERBS = ['inspect', 'read', 'use', 'manage'] as const;

/** One of {@link VERBS}. */
export type Verb = (typeof VERBS)[number];

/** Position of a verb in {@link VERBS}: a statement with a higher rank grants everything a lower one does. */
export function verbRank(verb: Verb): number {
  return VERBS.indexOf(verb);
}

/** Where Oracle documents the verb + resource-type tables a resource type comes from. */
export const POLICY_REFERENCES = {
  vault: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/keypolicyreference.htm',
  objectStorage:
    'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/objectstoragepolicyreference.htm',
  streaming: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/streamingpolicyreference.htm',
  functions: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/functionspolicyreference.htm',
  registry: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/registrypolicyreference.htm',
  mysql: 'https://docs.oracle.com/en-us/iaas/mysql-database/doc/individual-resource-types.html',
  mysqlAggregate: 'https://docs.oracle.com/en-us/iaas/mysql-database/doc/resource-types.html',
  dataflow: 'https://docs.oracle.com/en-us/iaas/data-flow/using/policies.htm',
  dataflowPrivateEndpoint: 'https://docs.oracle.com/en-us/iaas/Content/data-flow/using/pe-policies.htm',
  networking: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/corepolicyreference.htm',
  notifications:
    'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/notificationpolicyreference.htm',
} as const;

/**
 * Aggregate resource types and the individual types they stand for, as each service's policy reference lists them.
 * Only the families a statement of ours uses, or used before #15, are here.
 */
export const AGGREGATE_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  // Vault reference: "Secret resource-types include only secrets, secret-versions, and secret-bundles."
  'secret-family': ['secrets', 'secret-versions', 'secret-bundles'],
  // Vault reference: "key resource-types include only vaults, keys, and key-delegate."
  'key-family': ['vaults', 'keys', 'key-delegate'],
  'object-family': ['buckets', 'objects'],
  'stream-family': ['streams', 'stream-pull', 'stream-push', 'stream-pools', 'connect-harness'],
  'functions-family': ['fn-app', 'fn-function', 'fn-invocation'],
  // MySQL resource-types page; mysql-heatwave is the HeatWave cluster (older pages called it mysql-analytics).
  'mysql-family': [
    'mysql-instances',
    'mysql-configurations',
    'mysql-backups',
    'mysql-channels',
    'mysql-heatwave',
  ],
  'dataflow-family': [
    'dataflow-application',
    'dataflow-run',
    'dataflow-cluster',
    'dataflow-role',
    'dataflow-pool',
    'dataflow-sqlendpoint',
    'dataflow-sqlendpoint-role',
  ],
  // Networking reference; only the members a Data Flow private endpoint touches are listed.
  'virtual-network-family': ['vcns', 'subnets', 'vnics', 'network-security-groups'],
};

/** Every resource type a statement may name: the individual types plus the aggregates above. */
export const KNOWN_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(AGGREGATE_RESOURCE_TYPES),
  ...Object.values(AGGREGATE_RESOURCE_TYPES).flat(),
  'repos',
  'dataflow-private-endpoint',
  // Notifications reference: ons-topics (use adds ONS_TOPIC_PUBLISH) and ons-subscriptions.
  'ons-topics',
]);

/** Whether a statement on `granted` covers a request on `needed` (the same type, or a family containing it). */
export function resourceTypeCovers(granted: string, needed: string): boolean {
  return granted === needed || (AGGREGATE_RESOURCE_TYPES[granted]?.includes(needed) ?? false);
}
