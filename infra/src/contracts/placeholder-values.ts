import type { EnvironmentConfig } from '../environments/environment-config.js';
import type { TerraformLeaf } from './terraform-references.js';

/** OCID kinds of the resources whose ids workloads are given. */
const OCID_KIND: Readonly<Record<string, string>> = {
  oci_vault_secret: 'vaultsecret',
  oci_streaming_stream_pool: 'streampool',
  oci_streaming_stream: 'stream',
  oci_functions_function: 'fnfunc',
  oci_objectstorage_bucket: 'bucket',
  oci_mysql_mysql_db_system: 'mysqldbsystem',
  oci_mysql_heat_wave_cluster: 'mysqlheatwavecluster',
  oci_dataflow_private_endpoint: 'dataflowprivateendpoint',
  oci_ons_notification_topic: 'onstopic',
};

/**
 * A well-formed stand-in for what a Terraform reference will be once applied, for the contract tests: OCIDs of the
 * right kind, the stream pool's bootstrap servers, the subnet's DNS domain, the namespace. Anything else throws,
 * so a new kind of reference in a workload's settings needs a deliberate placeholder here.
 */
export function placeholderValue(env: EnvironmentConfig, leaf: TerraformLeaf): string {
  if (leaf.kind === 'resource' && leaf.attribute === 'id') {
    const kind = OCID_KIND[leaf.type];
    if (kind !== undefined)
      return `ocid1.${kind}.oc1.${env.region}.placeholder${leaf.name.replace(/_/g, '')}`;
  }
  if (leaf.type === 'oci_streaming_stream_pool' && leaf.attribute === 'kafka_settings[0].bootstrap_servers') {
    return `cell-1.streaming.${env.region}.oci.oraclecloud.com:9092`;
  }
  if (leaf.type === 'oci_core_subnet' && leaf.attribute === 'subnet_domain_name') {
    return `${leaf.name.replace(/_subnet$/, '').replace(/_/g, '')}.${env.network.vcnDnsLabel}.oraclevcn.com`;
  }
  if (leaf.kind === 'data' && leaf.type === 'oci_objectstorage_namespace' && leaf.attribute === 'namespace') {
    return 'placeholdernamespace';
  }
  throw new Error(`no placeholder for ${leaf.stackId}:${leaf.expression}`);
}
