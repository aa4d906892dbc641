import {
  DATAFLOW_JDBC_DRIVER_CLASS,
  REDACTION_SAFE_REPLACEMENTS,
  dataflowJdbcUrl,
  dataflowParameterList,
  type DataflowParameters,
} from '@lakehouse/contracts';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { DataflowApplication, DataflowPrivateEndpoint } from '../oci.js';
import type { BucketNames } from './storage-stack.js';
import type { MysqlEndpoint } from './mysql-client-settings.js';

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
 * The Vault secret OCID in the redaction-safe form the application's credential parameter takes (`~` inside every
 * word Spark redacts, `vaultsecret` above all), as Terraform `replace()` calls: the OCID is only known at apply time.
 */
export function redactionSafeExpression(secretId: string): string {
  return REDACTION_SAFE_REPLACEMENTS.reduce<string>(
    (value, r) => Fn.replace(value, r.pattern, r.replacement),
    secretId,
  );
}

/**
 * Data Flow private endpoint in the app subnet (so Spark reaches the private MySQL FQDN) and the SQL application
 * that runs the bulk-load SQL file of apps/bulk-load, taken from the Data Flow bucket at `dataflow.sqlObjectPath`,
 * with the dependency archive (`dataflow.archiveObjectPath`, built by `bulk-load dataflow package`: MySQL
 * Connector/J and the JDBC connection provider). Its parameters are those of the Data Flow application contract
 * (@lakehouse/contracts); none is a password: the provider reads the app user's password from Vault with the run's
 * resource principal, given the secret's OCID.
 */
export class DataflowStack extends OciStack {
  readonly privateEndpointId: string;
  readonly applicationId: string;
  readonly sqlFileUri: string;
  readonly archiveUri: string;
  /** The application's parameters by name (values may be Terraform references). */
  readonly parameters: DataflowParameters;

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
    this.archiveUri = objectUri(props.bucketNames.dataflow, props.namespace, df.archiveObjectPath);
    const shapeConfig = { ocpus: df.ocpusPerNode, memoryInGbs: df.memoryGbPerNode };
    this.parameters = {
      // The job reads every CSV and Parquet file under the raw bucket.
      raw_path: objectUri(props.bucketNames.raw, props.namespace),
      rejects_path: objectUri(props.bucketNames.dataflow, props.namespace, 'bulk-load/rejects/'),
      // No trailing slash: the job writes <silver_path>/hourly_aggregates/{parquet,csv}, at the bucket's root.
      silver_path: `oci://${props.bucketNames.silver}@${props.namespace}`,
      jdbc_connection: dataflowJdbcUrl({
        host: props.mysql.fqdn,
        port: props.mysql.port,
        database: this.env.database.appSchemaName,
        tls: 'verify-identity',
      }),
      jdbc_driver: DATAFLOW_JDBC_DRIVER_CLASS,
      jdbc_user: this.env.database.appUsername,
      jdbc_credential: redactionSafeExpression(props.mysql.passwordSecretId),
    };
    const app = new DataflowApplication(this, 'bulk_load', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('bulk-load'),
      description: 'Loads historical files from the raw bucket into the lakehouse tables',
      language: 'SQL',
      sparkVersion: df.sparkVersion,
      fileUri: this.sqlFileUri,
      archiveUri: this.archiveUri,
      driverShape: df.driverShape,
      driverShapeConfig: shapeConfig,
      executorShape: df.executorShape,
      executorShapeConfig: shapeConfig,
      numExecutors: df.numExecutors,
      privateEndpointId: endpoint.id,
      logsBucketUri: objectUri(props.bucketNames.logs, props.namespace, 'dataflow/'),
      parameters: dataflowParameterList(this.parameters),
      configuration: {
        'spark.sql.session.timeZone': 'UTC',
      },
      freeformTags: this.tags,
    });
    this.privateEndpointId = endpoint.id;
    this.applicationId = app.id;
  }
}
