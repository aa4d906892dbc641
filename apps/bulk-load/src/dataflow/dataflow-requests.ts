import {
  DATAFLOW_JDBC_DRIVER_CLASS,
  dataflowJdbcUrl,
  dataflowParameterList,
  redactionSafe,
  type DataflowParameters,
} from '@lakehouse/contracts';
import { ConfigError } from '@lakehouse/runtime';
import type { SqlConfig } from '@lakehouse/sql';
import { relative, sep } from 'node:path';
import type { models } from 'oci-dataflow';
import type { BulkLoadConfig } from '../config.js';

/** OCPUs and memory of a Flex shape. */
export interface ShapeSize {
  readonly ocpus: number;
  readonly memoryGb: number;
}

/** Everything a Data Flow run of the bulk-load job needs, from config. */
export interface DataflowRunSettings {
  readonly compartmentId: string;
  readonly namespace: string;
  readonly bucket: string;
  /** Object name prefix of this run: `bulk-load/<run name>/`. */
  readonly runPrefix: string;
  readonly displayName: string;
  readonly sparkVersion: string;
  readonly driverShape: string;
  /** Sent with a Flex driver shape (`driverShapeConfig`), which Data Flow refuses without it. */
  readonly driverSize: ShapeSize;
  readonly executorShape: string;
  readonly executorSize: ShapeSize;
  readonly numExecutors: number;
  /** `oci://.../archive.zip` of `bulk-load dataflow package`: the MySQL driver and the JDBC connection provider. */
  readonly archiveUri: string;
  /** Vault secret OCID of the MySQL user's password; the run resolves it, the password never leaves Vault. */
  readonly jdbcCredentialOcid: string;
  readonly logsBucketUri?: string;
  readonly privateEndpointId?: string;
}

/** One object to upload: local file -> object name. */
export interface UploadItem {
  readonly localPath: string;
  readonly objectName: string;
}

/** `oci://bucket@namespace/name`. */
export const ociUri = (s: Pick<DataflowRunSettings, 'bucket' | 'namespace'>, name: string): string =>
  `oci://${s.bucket}@${s.namespace}/${name}`;

/**
 * The settings of `bulk-load dataflow run` named `name`; throws one CONFIG_INVALID naming every missing key: the
 * compartment, namespace and bucket, the archive (without it the run has no MySQL driver) and the secret OCID of
 * the DB password.
 */
export function dataflowRunSettings(c: BulkLoadConfig, name: string): DataflowRunSettings {
  const required = {
    OCI_COMPARTMENT_ID: c.OCI_COMPARTMENT_ID,
    OCI_NAMESPACE: c.OCI_NAMESPACE,
    DATAFLOW_BUCKET: c.DATAFLOW_BUCKET,
    DATAFLOW_ARCHIVE_URI: c.DATAFLOW_ARCHIVE_URI,
    DATAFLOW_JDBC_CREDENTIAL_OCID: c.DATAFLOW_JDBC_CREDENTIAL_OCID,
  };
  const missing = Object.entries(required)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  const {
    OCI_COMPARTMENT_ID,
    OCI_NAMESPACE,
    DATAFLOW_BUCKET,
    DATAFLOW_ARCHIVE_URI,
    DATAFLOW_JDBC_CREDENTIAL_OCID,
  } = required;
  if (
    OCI_COMPARTMENT_ID === undefined ||
    OCI_NAMESPACE === undefined ||
    DATAFLOW_BUCKET === undefined ||
    DATAFLOW_ARCHIVE_URI === undefined ||
    DATAFLOW_JDBC_CREDENTIAL_OCID === undefined
  ) {
    throw new ConfigError('CONFIG_INVALID', `dataflow run needs ${missing.join(', ')}`, {
      context: { missing },
    });
  }
  return {
    compartmentId: OCI_COMPARTMENT_ID,
    namespace: OCI_NAMESPACE,
    bucket: DATAFLOW_BUCKET,
    runPrefix: `bulk-load/${name}/`,
    displayName: name,
    sparkVersion: c.DATAFLOW_SPARK_VERSION,
    driverShape: c.DATAFLOW_DRIVER_SHAPE,
    driverSize: { ocpus: c.DATAFLOW_DRIVER_OCPUS, memoryGb: c.DATAFLOW_DRIVER_MEMORY_GB },
    executorShape: c.DATAFLOW_EXECUTOR_SHAPE,
    executorSize: { ocpus: c.DATAFLOW_EXECUTOR_OCPUS, memoryGb: c.DATAFLOW_EXECUTOR_MEMORY_GB },
    numExecutors: c.DATAFLOW_NUM_EXECUTORS,
    archiveUri: DATAFLOW_ARCHIVE_URI,
    jdbcCredentialOcid: DATAFLOW_JDBC_CREDENTIAL_OCID,
    ...(c.DATAFLOW_LOGS_BUCKET_URI === undefined ? {} : { logsBucketUri: c.DATAFLOW_LOGS_BUCKET_URI }),
    ...(c.DATAFLOW_PRIVATE_ENDPOINT_ID === undefined
      ? {}
      : { privateEndpointId: c.DATAFLOW_PRIVATE_ENDPOINT_ID }),
  };
}

/** The objects of a run: the script, then every raw file under `<prefix>raw/` keeping its relative path. */
export function uploadPlan(
  settings: DataflowRunSettings,
  scriptPath: string,
  rawDir: string,
  rawFiles: readonly string[],
): UploadItem[] {
  return [
    { localPath: scriptPath, objectName: `${settings.runPrefix}job.sql` },
    ...rawFiles.map((f) => ({
      localPath: f,
      objectName: `${settings.runPrefix}raw/${relative(rawDir, f).split(sep).join('/')}`,
    })),
  ];
}

/**
 * The JDBC URL the cloud job uses (the contract's): MySQL's URL scheme, TLS with the server's certificate and
 * host name verified, UTC, batched inserts rewritten into multi-row statements.
 */
export function cloudJdbcUrl(db: Pick<SqlConfig, 'host' | 'port' | 'database'>): string {
  return dataflowJdbcUrl({ host: db.host, port: db.port, database: db.database, tls: 'verify-identity' });
}

/**
 * Values of the application's parameters for a run (names of the contract). The credential is the Vault secret
 * OCID of the password, in redaction-safe form; the password itself is not an input of this function.
 */
export function dataflowParameters(
  settings: DataflowRunSettings,
  db: Pick<SqlConfig, 'host' | 'port' | 'database' | 'user'>,
): DataflowParameters {
  return {
    raw_path: ociUri(settings, `${settings.runPrefix}raw/`),
    rejects_path: ociUri(settings, `${settings.runPrefix}rejects/`),
    silver_path: ociUri(settings, `${settings.runPrefix}silver`),
    jdbc_connection: cloudJdbcUrl(db),
    jdbc_driver: DATAFLOW_JDBC_DRIVER_CLASS,
    jdbc_user: db.user,
    jdbc_credential: redactionSafe(settings.jdbcCredentialOcid),
  };
}

/** Request of ObjectStorageClient.putObject for one upload (the body is attached by the caller). */
export function putObjectRequest(
  settings: DataflowRunSettings,
  item: UploadItem,
  sizeBytes: number,
): { namespaceName: string; bucketName: string; objectName: string; contentLength: number } {
  return {
    namespaceName: settings.namespace,
    bucketName: settings.bucket,
    objectName: item.objectName,
    contentLength: sizeBytes,
  };
}

/** Flex shapes take their size from the request; fixed shapes have one. */
export const isFlexShape = (shape: string): boolean => /\.Flex$/i.test(shape);

function shapeConfig(shape: string, size: ShapeSize): models.ShapeConfig | undefined {
  return isFlexShape(shape) ? { ocpus: size.ocpus, memoryInGBs: size.memoryGb } : undefined;
}

/**
 * The SDK's CreateApplicationDetails with the language as plain text; the port puts in the SDK's enum value, so
 * this module does not load the SDK.
 */
export type CreateSqlApplicationDetails = Omit<models.CreateApplicationDetails, 'language'> & {
  readonly language: 'SQL';
};

/** Request of DataFlowClient.createApplication: a SQL application whose file is the uploaded script. */
export function createApplicationRequest(
  settings: DataflowRunSettings,
  parameters: DataflowParameters,
): { createApplicationDetails: CreateSqlApplicationDetails } {
  const driverShapeConfig = shapeConfig(settings.driverShape, settings.driverSize);
  const executorShapeConfig = shapeConfig(settings.executorShape, settings.executorSize);
  return {
    createApplicationDetails: {
      compartmentId: settings.compartmentId,
      displayName: settings.displayName,
      language: 'SQL',
      fileUri: ociUri(settings, `${settings.runPrefix}job.sql`),
      sparkVersion: settings.sparkVersion,
      driverShape: settings.driverShape,
      ...(driverShapeConfig === undefined ? {} : { driverShapeConfig }),
      executorShape: settings.executorShape,
      ...(executorShapeConfig === undefined ? {} : { executorShapeConfig }),
      numExecutors: settings.numExecutors,
      // Defaults of the application; the run passes the same values explicitly.
      parameters: dataflowParameterList(parameters),
      archiveUri: settings.archiveUri,
      ...(settings.logsBucketUri === undefined ? {} : { logsBucketUri: settings.logsBucketUri }),
      ...(settings.privateEndpointId === undefined ? {} : { privateEndpointId: settings.privateEndpointId }),
    },
  };
}

/** Request of DataFlowClient.createRun for an application; the retry token makes a retried call idempotent. */
export function createRunRequest(
  settings: DataflowRunSettings,
  applicationId: string,
  parameters: DataflowParameters,
  retryToken: string,
): { createRunDetails: models.CreateRunDetails; opcRetryToken: string } {
  return {
    createRunDetails: {
      applicationId,
      compartmentId: settings.compartmentId,
      displayName: settings.displayName,
      parameters: dataflowParameterList(parameters),
      ...(settings.logsBucketUri === undefined ? {} : { logsBucketUri: settings.logsBucketUri }),
    },
    opcRetryToken: retryToken,
  };
}

/** Data Flow run states after which nothing changes any more. */
export const TERMINAL_RUN_STATES: ReadonlySet<string> = new Set([
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
  'STOPPED',
]);
