import type { SqlConfig } from '@lakehouse/sql';
import { relative, sep } from 'node:path';
import type { DATAFLOW_SQL_PARAMETERS } from '../spark/generate-dataflow-sql.js';

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
  readonly executorShape: string;
  readonly numExecutors: number;
  readonly logsBucketUri?: string;
  readonly archiveUri?: string;
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
 * The JDBC URL the cloud job uses: MySQL's driver and URL scheme (Spark's MySQL dialect only matches
 * `jdbc:mysql`), TLS required, batched inserts rewritten into multi-row statements.
 */
export function cloudJdbcUrl(db: Pick<SqlConfig, 'host' | 'port' | 'database'>): string {
  return `jdbc:mysql://${db.host}:${String(db.port)}/${db.database}?sslMode=REQUIRED&connectionTimeZone=UTC&rewriteBatchedStatements=true`;
}

/** Values of the script's parameters for a run (names as in DATAFLOW_SQL_PARAMETERS). */
export function dataflowParameters(
  settings: DataflowRunSettings,
  db: Pick<SqlConfig, 'host' | 'port' | 'database' | 'user' | 'password'>,
): Record<(typeof DATAFLOW_SQL_PARAMETERS)[number], string> {
  return {
    raw_path: ociUri(settings, `${settings.runPrefix}raw/`),
    rejects_path: ociUri(settings, `${settings.runPrefix}rejects/`),
    silver_path: ociUri(settings, `${settings.runPrefix}silver`),
    jdbc_connection: cloudJdbcUrl(db),
    jdbc_driver: 'com.mysql.cj.jdbc.Driver',
    jdbc_user: db.user,
    jdbc_pass: db.password,
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

/** Request of DataFlowClient.createApplication: a SQL application whose file is the uploaded script. */
export function createApplicationRequest(
  settings: DataflowRunSettings,
  parameters: Readonly<Record<string, string>>,
): {
  createApplicationDetails: {
    compartmentId: string;
    displayName: string;
    language: 'SQL';
    fileUri: string;
    sparkVersion: string;
    driverShape: string;
    executorShape: string;
    numExecutors: number;
    parameters: { name: string; value: string }[];
    archiveUri?: string;
    logsBucketUri?: string;
    privateEndpointId?: string;
  };
} {
  return {
    createApplicationDetails: {
      compartmentId: settings.compartmentId,
      displayName: settings.displayName,
      language: 'SQL',
      fileUri: ociUri(settings, `${settings.runPrefix}job.sql`),
      sparkVersion: settings.sparkVersion,
      driverShape: settings.driverShape,
      executorShape: settings.executorShape,
      numExecutors: settings.numExecutors,
      // Defaults of the application; the run passes the same values explicitly.
      parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
      ...(settings.archiveUri === undefined ? {} : { archiveUri: settings.archiveUri }),
      ...(settings.logsBucketUri === undefined ? {} : { logsBucketUri: settings.logsBucketUri }),
      ...(settings.privateEndpointId === undefined ? {} : { privateEndpointId: settings.privateEndpointId }),
    },
  };
}

/** Request of DataFlowClient.createRun for an application; the retry token makes a retried call idempotent. */
export function createRunRequest(
  settings: DataflowRunSettings,
  applicationId: string,
  parameters: Readonly<Record<string, string>>,
  retryToken: string,
): {
  createRunDetails: {
    applicationId: string;
    compartmentId: string;
    displayName: string;
    parameters: { name: string; value: string }[];
    logsBucketUri?: string;
  };
  opcRetryToken: string;
} {
  return {
    createRunDetails: {
      applicationId,
      compartmentId: settings.compartmentId,
      displayName: settings.displayName,
      parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
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
