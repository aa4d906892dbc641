import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { DataflowApplication, DataflowPrivateEndpoint } from '../oci.js';
import type { BucketNames } from './storage-stack.js';
import { mysqlClientSettings, type MysqlEndpoint } from './mysql-client-settings.js';

/** Props of {@link DataflowStack}. */
export interface DataflowStackProps extends OciStackProps {
  readonly appSubnetId: string;
  readonly appNsgId: string;
  readonly namespace: string;
  readonly bucketNames: BucketNames;
  readonly mysql: MysqlEndpoint;
}

/** `oci://<bucket>@<namespace>/<path>`: the URI form Data Flow takes for files, logs and inputs. */
export function objectUri(bucket: string, namespace: string, path = ''): string {
  return `oci://${bucket}@${namespace}/${path}`;
}

/**
 * Data Flow private endpoint in the app subnet (so Spark reaches the private MySQL FQDN) and the SQL application
 * that runs the bulk-load SQL file of apps/bulk-load, taken from the Data Flow bucket at `dataflow.sqlObjectPath`.
 */
export class DataflowStack extends OciStack {
  readonly privateEndpointId: string;
  readonly applicationId: string;
  readonly sqlFileUri: string;

  constructor(scope: Construct, id: string, props: DataflowStackProps) {
    super(scope, id, props);
    const df = this.env.dataflow;
    const endpoint = new DataflowPrivateEndpoint(this, 'private_endpoint', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('dataflow-pe'),
      subnetId: props.appSubnetId,
      nsgIds: [props.appNsgId],
      // A zone ending in oraclecloud.com must be a full FQDN, which the MySQL FQDN is.
      dnsZones: [props.mysql.fqdn],
      freeformTags: this.tags,
    });
    this.sqlFileUri = objectUri(props.bucketNames.dataflow, props.namespace, df.sqlObjectPath);
    const shapeConfig = { ocpus: df.ocpusPerNode, memoryInGbs: df.memoryGbPerNode };
    const mysql = mysqlClientSettings(this.env, props.mysql);
    const app = new DataflowApplication(this, 'bulk_load', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('bulk-load'),
      description: 'Loads historical files from the raw bucket into the lakehouse tables',
      language: 'SQL',
      sparkVersion: df.sparkVersion,
      fileUri: this.sqlFileUri,
      driverShape: df.driverShape,
      driverShapeConfig: shapeConfig,
      executorShape: df.executorShape,
      executorShapeConfig: shapeConfig,
      numExecutors: df.numExecutors,
      privateEndpointId: endpoint.id,
      logsBucketUri: objectUri(props.bucketNames.logs, props.namespace, 'dataflow/'),
      parameters: [
        { name: 'raw_uri', value: objectUri(props.bucketNames.raw, props.namespace) },
        { name: 'silver_uri', value: objectUri(props.bucketNames.silver, props.namespace) },
        { name: 'mysql_host', value: props.mysql.fqdn },
        { name: 'mysql_database', value: this.env.database.appSchemaName },
        { name: 'mysql_user', value: this.env.database.appUsername },
        { name: 'mysql_password_secret_ocid', value: props.mysql.passwordSecretId },
      ],
      configuration: {
        'spark.sql.session.timeZone': 'UTC',
        'lakehouse.mysql.port': mysql.MYSQL_PORT ?? '3306',
      },
      freeformTags: this.tags,
    });
    this.privateEndpointId = endpoint.id;
    this.applicationId = app.id;
  }
}
