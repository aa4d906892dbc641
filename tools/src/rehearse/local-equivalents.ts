import type { TerraformLeaf } from '@lakehouse/infra/rehearsal';

/** The local stack a rehearsal maps OCI onto. */
export interface LocalTarget {
  readonly mariadb: { readonly host: string; readonly port: number };
  /** The DB system's admin user (database.adminUsername) and the local user that plays it (MariaDB's root). */
  readonly admin: { readonly oci: string; readonly local: string };
  readonly brokers: readonly string[];
  /** Folder standing in for Object Storage: bucket `b` is `<bucketsDir>/b`. */
  readonly bucketsDir: string;
  /** The Vault stand-in file the rehearsal writes (secret OCID -> value). */
  readonly vaultFile: string;
  /** Suffix for schema, user and stream names, so that a test run shares nothing (empty: names as deployed). */
  readonly suffix: string;
}

/** One row of the mapping: what OCI gives a workload and what the rehearsal gives it instead. */
export interface LocalEquivalent {
  readonly oci: string;
  readonly local: string;
}

/**
 * Every OCI-only value the rehearsal replaces, and nothing else: all other settings reach the workloads exactly as
 * the synthesized Terraform writes them. {@link localLeafValue} and {@link toLocalEnvironment} implement the rows.
 */
export const LOCAL_EQUIVALENTS: readonly LocalEquivalent[] = [
  {
    oci: 'Vault secret oci_vault_secret.<name>.id, read with the resource principal (OCI_AUTH=resource_principal)',
    local:
      'ocid1.vaultsecret.local.rehearsal.<name>, read from the Vault stand-in file (OCI_VAULT_STAND_IN_FILE) the rehearsal writes: a generated value per secret, the local MariaDB root password for the admin secret',
  },
  {
    oci: 'DB system endpoint <hostname>.<db subnet domain>:3306, TLS verify-identity',
    local: 'the local MariaDB host and port, TLS disabled (the local server has no certificate)',
  },
  {
    oci: 'stream pool Kafka endpoint (KAFKA_PROFILE=oci: SASL_SSL, tenancy/user/pool and auth token)',
    local: 'the local Kafka broker (KAFKA_PROFILE=local, KAFKA_BROKERS; PLAINTEXT)',
  },
  { oci: 'stream <name>', local: 'the local topic <name><suffix>' },
  {
    oci: 'DB system admin user (database.adminUsername), the DB bootstrap connects as it',
    local: 'the local MariaDB root user (no suffix); the Vault stand-in holds its password',
  },
  { oci: 'schema and app user', local: 'the same names plus the run suffix (empty unless --isolate)' },
  { oci: 'Object Storage oci://<bucket>@<namespace>/<path>', local: '<buckets dir>/<bucket>/<path>' },
  {
    oci: 'Data Flow JDBC URL jdbc:mysql://<DB endpoint>:3306/<schema>?sslMode=VERIFY_IDENTITY',
    local: 'the same URL to the local MariaDB host and port, schema with the run suffix, sslMode=DISABLED',
  },
  { oci: 'API container port behind the gateway (API_HOST 0.0.0.0)', local: '127.0.0.1, a free port' },
  {
    oci: 'alert-episode topic ALERT_NOTIFICATIONS_TOPIC_OCID (ONS PublishMessage with the resource principal)',
    local:
      'no channel: the API keeps episode notifications in its outbox, pending (the demo has the webhook receiver)',
  },
  { oci: 'OCID of any other resource', local: 'ocid1.<kind>.local.rehearsal.<name>' },
];

const OCID_KIND: Readonly<Record<string, string>> = {
  oci_vault_secret: 'vaultsecret',
  oci_streaming_stream_pool: 'streampool',
  oci_streaming_stream: 'stream',
  oci_mysql_mysql_db_system: 'mysqldbsystem',
  oci_mysql_heat_wave_cluster: 'mysqlheatwavecluster',
  oci_ons_notification_topic: 'onstopic',
};

/** The stand-in OCID of a Vault secret resource (what the stand-in file is keyed by). */
export function localSecretOcid(name: string): string {
  return `ocid1.vaultsecret.local.rehearsal.${name.replace(/_/g, '')}`;
}

/** The local value of one Terraform reference a workload's settings hold. */
export function localLeafValue(leaf: TerraformLeaf): string {
  if (leaf.kind === 'resource' && leaf.attribute === 'id' && leaf.type === 'oci_vault_secret') {
    return localSecretOcid(leaf.name);
  }
  if (leaf.kind === 'resource' && leaf.attribute === 'id' && OCID_KIND[leaf.type] !== undefined) {
    return `ocid1.${OCID_KIND[leaf.type] ?? ''}.local.rehearsal.${leaf.name.replace(/_/g, '')}`;
  }
  if (leaf.type === 'oci_streaming_stream_pool' && leaf.attribute === 'kafka_settings[0].bootstrap_servers') {
    return 'stream-pool.rehearsal.invalid:9092';
  }
  if (leaf.type === 'oci_core_subnet' && leaf.attribute === 'subnet_domain_name')
    return 'db.rehearsal.invalid';
  if (leaf.kind === 'data' && leaf.type === 'oci_objectstorage_namespace') return 'rehearsalnamespace';
  throw new Error(`the rehearsal has no local equivalent for ${leaf.stackId}:${leaf.expression}`);
}

/** A bucket URI as the local folder that stands in for it. */
export function localObjectPath(uri: string, target: LocalTarget): string {
  const match = /^oci:\/\/([^@/]+)@[^/]+(?:\/(.*))?$/.exec(uri);
  if (match?.[1] === undefined) throw new Error(`not an oci://bucket@namespace/path URI: ${uri}`);
  return match[2] === undefined
    ? `${target.bucketsDir}/${match[1]}`
    : `${target.bucketsDir}/${match[1]}/${match[2]}`;
}

/**
 * A workload's environment (Terraform references already replaced by {@link localLeafValue}) with the rows of
 * {@link LOCAL_EQUIVALENTS} applied; every other key is kept as it is.
 */
export function toLocalEnvironment(
  env: Readonly<Record<string, string>>,
  target: LocalTarget,
): Record<string, string> {
  const local: Record<string, string> = { ...env };
  if (local['OCI_AUTH'] === 'resource_principal') local['OCI_VAULT_STAND_IN_FILE'] = target.vaultFile;
  if (local['MYSQL_HOST'] !== undefined) {
    local['MYSQL_HOST'] = target.mariadb.host;
    local['MYSQL_PORT'] = String(target.mariadb.port);
    local['MYSQL_TLS_MODE'] = 'disabled';
    delete local['MYSQL_TLS_CA_FILE'];
  }
  if (local['MYSQL_USER'] === target.admin.oci) local['MYSQL_USER'] = target.admin.local;
  else if (local['MYSQL_USER'] !== undefined) local['MYSQL_USER'] = `${local['MYSQL_USER']}${target.suffix}`;
  for (const key of ['MYSQL_DATABASE', 'DB_BOOTSTRAP_APP_USER']) {
    if (local[key] !== undefined) local[key] = `${local[key] ?? ''}${target.suffix}`;
  }
  if (local['KAFKA_PROFILE'] === 'oci') {
    local['KAFKA_PROFILE'] = 'local';
    local['KAFKA_BROKERS'] = target.brokers.join(',');
  }
  if (local['STREAM_NAME'] !== undefined) local['STREAM_NAME'] = `${local['STREAM_NAME']}${target.suffix}`;
  delete local['ALERT_NOTIFICATIONS_TOPIC_OCID'];
  if (local['API_PORT'] !== undefined) {
    local['API_HOST'] = '127.0.0.1';
    local['API_PORT'] = '0';
  }
  return local;
}

/**
 * The Data Flow application's parameters (references already replaced by {@link localLeafValue}) for a local Spark
 * run: bucket URIs as folders, the JDBC URL pointed at the local MariaDB; the credential and the rest unchanged.
 */
export function toLocalDataflowParameters(
  parameters: Readonly<Record<string, string>>,
  target: LocalTarget,
): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (value.startsWith('oci://')) local[name] = localObjectPath(value, target);
    else if (name === 'jdbc_connection') local[name] = localJdbcUrl(value, target);
    else if (name === 'jdbc_user') local[name] = `${value}${target.suffix}`;
    else local[name] = value;
  }
  return local;
}

function localJdbcUrl(url: string, target: LocalTarget): string {
  const m = /^jdbc:mysql:\/\/[^/]+\/([A-Za-z0-9_]+)(\?.*)?$/.exec(url);
  if (m?.[1] === undefined) throw new Error(`not a jdbc:mysql://host:port/schema URL: ${url}`);
  const query = (m[2] ?? '').replace(/sslMode=[A-Z_]+/, 'sslMode=DISABLED');
  return `jdbc:mysql://${target.mariadb.host}:${String(target.mariadb.port)}/${m[1]}${target.suffix}${query}`;
}
