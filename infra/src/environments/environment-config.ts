/**
 * Typed description of one deployment (poc, prod, ...): where it goes and how big each piece is. Values that are
 * facts of a tenancy (OCIDs, region) can be overridden from the environment by src/config.ts; everything else is
 * reviewed code in this folder.
 */
export interface EnvironmentConfig {
  /** Short name used in every display name and tag (`poc`, `prod`). Lowercase letters and digits. */
  readonly name: string;
  /** OCI region identifier, e.g. `eu-frankfurt-1`. */
  readonly region: string;
  /** Tenancy OCID: dynamic groups live at the tenancy root. */
  readonly tenancyOcid: string;
  /** Compartment that holds every resource; every IAM statement is scoped to it. */
  readonly compartmentOcid: string;
  /**
   * Tenancy name (not the OCID), as the Console's tenancy page shows it: OCI Streaming's Kafka SASL user names start
   * with it (`<tenancyName>/<userName>/<streamPoolOcid>`).
   */
  readonly tenancyName: string;
  /** Profile of ~/.oci/config the OCI provider uses locally. @default "DEFAULT" */
  readonly ociConfigProfile?: string;
  /**
   * Where Terraform state lives. Unset: local files under infra/state/ (fine for a first POC from a laptop).
   * Set: an Object Storage bucket through its S3-compatible API (needed for CI deploys and for teams).
   */
  readonly stateBucket?: { readonly name: string; readonly namespace: string };
  /** Freeform tags added to every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  readonly network: NetworkConfig;
  readonly security: SecurityConfig;
  readonly storage: StorageConfig;
  readonly database: DatabaseConfig;
  readonly streaming: StreamingConfig;
  readonly functions: FunctionsConfig;
  readonly connector: ConnectorConfig;
  readonly dataflow: DataflowConfig;
  readonly producer: ContainerServiceConfig;
  /** The one-shot container that creates the app's MySQL user, schema and grants and runs the migrations. */
  readonly bootstrap: ContainerServiceConfig;
  readonly api: ApiConfig;
  readonly analytics: AnalyticsConfig;
  readonly catalog: CatalogConfig;
  readonly logging: LoggingConfig;
}

/** VCN layout: one public subnet (API gateway only) and two private subnets (workloads, database). */
export interface NetworkConfig {
  readonly vcnCidr: string;
  /** DNS label of the VCN (letters and digits, starts with a letter, at most 15). */
  readonly vcnDnsLabel: string;
  /** Public subnet: only the API gateway lives here. */
  readonly publicSubnetCidr: string;
  /** Private subnet for functions, containers, the Data Flow and Data Catalog endpoints, OAC and the stream pool. */
  readonly appSubnetCidr: string;
  /** Private subnet of the MySQL DB system. */
  readonly dbSubnetCidr: string;
  /** Index into the tenancy's availability domains for single-AD resources. @default 0 */
  readonly availabilityDomainIndex: number;
}

export interface SecurityConfig {
  /** `DEFAULT` (shared partition) or `VIRTUAL_PRIVATE` (dedicated HSM partition; costly). */
  readonly vaultType: 'DEFAULT' | 'VIRTUAL_PRIVATE';
  /** `HSM` or `SOFTWARE` protection of the master encryption key. */
  readonly keyProtectionMode: 'HSM' | 'SOFTWARE';
  /** Name of the existing IAM group whose members run the HeatWave operations CLI. */
  readonly operatorsGroupName: string;
  /**
   * Name of the existing IAM group of the user whose auth token the producer presents to OCI Streaming (Kafka SASL
   * authenticates a user, not the container's resource principal).
   */
  readonly streamProducersGroupName: string;
  /**
   * Name of the existing IAM group of the user that runs `deploy`. It creates the stream pool and the buckets with
   * the Vault key, which OCI allows only when that group may delegate the key (`use key-delegate`).
   * @default operatorsGroupName
   */
  readonly deployersGroupName?: string;
}

export interface StorageConfig {
  /** Let Object Storage move cold objects of the raw and silver buckets to Infrequent Access. */
  readonly isAutoTieringEnabled: boolean;
}

export interface HeatWaveConfig {
  /** HeatWave node shape, e.g. `HeatWave.32GB` or `HeatWave.512GB` (list them with `oci mysql shape list`). */
  readonly shapeName: string;
  /** Node count: 1–64, up to 512 with Lakehouse. Use the ops CLI `estimate` to size it. */
  readonly nodeCount: number;
  readonly isLakehouseEnabled: boolean;
}

export interface DatabaseConfig {
  /** DB system shape, e.g. `MySQL.2` (ECPU) or `MySQL.VM.Standard.E4.1.8GB`. */
  readonly shapeName: string;
  /** MySQL version; pin an LTS release (8.4.x) for production. */
  readonly mysqlVersion: string;
  readonly dataStorageSizeGb: number;
  readonly isHighlyAvailable: boolean;
  readonly backupRetentionDays: number;
  readonly isDeleteProtected: boolean;
  readonly adminUsername: string;
  /** Schema the applications use (created by the migrations of libs/sql). */
  readonly appSchemaName: string;
  /**
   * MySQL user of the applications; its password is the `mysql-app` Vault secret. The DB bootstrap (bootstrap
   * stack) creates it: letters, digits and `_`, at most 32 characters (no period: AutoML refuses such names).
   */
  readonly appUsername: string;
  /**
   * Whether the applications use HeatWave AutoML (ml-train's AutoML trainer): the DB bootstrap then also grants
   * the app user AutoML's privileges (its model catalog schema, `sys` routines, the performance_schema status
   * tables, DDL on the application schema). Needs the HeatWave cluster.
   */
  readonly isAutoMlEnabled: boolean;
  /** DNS label of the DB system inside the database subnet. */
  readonly hostnameLabel: string;
  /**
   * Which MySQL configuration to use: `DEFAULT` (Oracle's for the shape) or `CUSTOM` (one you created, found by
   * `configurationDisplayName`). Either way the plan fails unless it requires TLS (require_secure_transport).
   */
  readonly configurationType: 'DEFAULT' | 'CUSTOM';
  readonly configurationDisplayName?: string;
  /**
   * Path, inside the workload images, of the PEM bundle that verifies the DB system's certificate
   * (MYSQL_TLS_CA_FILE): `/etc/lakehouse/certs/mysql-ca.pem`, where the images put the repository's
   * certs/mysql-ca.pem (IMAGE_MYSQL_CA_FILE of @lakehouse/contracts; certs/README.md). Set it only once that file
   * is in the images. Unset: Node's default CA store, which may not hold the CA of the service-generated
   * certificate (UNCONFIRMED; see ADR 0023, "TLS: which CA").
   */
  readonly tlsCaFile?: string;
  readonly heatWave: HeatWaveConfig;
}

export interface StreamingConfig {
  /** Kafka topic / OCI stream of telemetry batches. */
  readonly topicName: string;
  /** Dead-letter topic the ingest function writes poison batches to. */
  readonly deadLetterTopicName: string;
  /** Partitions of the telemetry stream (1 MB/s of writes each); fixed at creation. */
  readonly partitions: number;
  /** Retention in hours, 24–168; fixed at creation. */
  readonly retentionHours: number;
  /** IAM user whose auth token the producer uses (member of security.streamProducersGroupName). */
  readonly producerUserName: string;
  /** Identity domain of that user, in tenancies with identity domains (it joins the SASL user name). */
  readonly producerUserDomainName?: string;
}

export interface FunctionsConfig {
  /** OCIR image of apps/ingest-fn, e.g. `fra.ocir.io/<namespace>/lakehouse/ingest-fn:0.1.0`. */
  readonly ingestImageUrl: string;
  /** One of 128, 256, 512, 1024, 2048, 3072. */
  readonly memoryMb: number;
  /** Synchronous invocations may run at most 300 s. */
  readonly timeoutSeconds: number;
}

export interface ConnectorConfig {
  /** Batch size sent to the function in KB (at most about 4 MB: base64 grows it by a third and 6 MB is the cap). */
  readonly batchSizeKb: number;
  readonly batchTimeSeconds: number;
  /** Where a new connector starts reading: `LATEST` or `TRIM_HORIZON` (oldest retained). */
  readonly cursor: 'LATEST' | 'TRIM_HORIZON';
}

export interface DataflowConfig {
  /** Object path (inside the Data Flow bucket) of the bulk-load Spark SQL file from apps/bulk-load. */
  readonly sqlObjectPath: string;
  /** Object path (inside the Data Flow bucket) of archive.zip: the MySQL JDBC driver and the Vault credential provider. */
  readonly archiveObjectPath: string;
  readonly sparkVersion: string;
  readonly driverShape: string;
  readonly executorShape: string;
  readonly ocpusPerNode: number;
  readonly memoryGbPerNode: number;
  readonly numExecutors: number;
}

export interface ContainerServiceConfig {
  /** Container image, e.g. `fra.ocir.io/<namespace>/lakehouse/producer:0.1.0`. */
  readonly imageUrl: string;
  /** Container instance shape, e.g. `CI.Standard.E4.Flex`. */
  readonly shape: string;
  readonly ocpus: number;
  readonly memoryGb: number;
}

export interface ApiConfig extends ContainerServiceConfig {
  /** Port the Fastify service listens on inside the private subnet. */
  readonly port: number;
  /** Fixed private IP of the API container inside the app subnet (the gateway's backend URL points at it). */
  readonly privateIp: string;
  /**
   * Email addresses subscribed to the alert-episode topic (OCI Notifications) that the API publishes to; ONS mails
   * each a confirmation link, and nothing is delivered to an address until it is confirmed. @default none
   */
  readonly alertEmails?: readonly string[];
}

export interface AnalyticsConfig {
  /** `ENTERPRISE_ANALYTICS` or `SELF_SERVICE_ANALYTICS`. */
  readonly featureSet: 'ENTERPRISE_ANALYTICS' | 'SELF_SERVICE_ANALYTICS';
  /** `LICENSE_INCLUDED` or `BRING_YOUR_OWN_LICENSE`. */
  readonly licenseType: 'LICENSE_INCLUDED' | 'BRING_YOUR_OWN_LICENSE';
  /** OCPUs (`OLPU_COUNT` capacity). */
  readonly ocpus: number;
  /** OCID of the identity domain OAC authenticates against. */
  readonly identityDomainOcid?: string;
}

export interface CatalogConfig {
  /** Data Catalog type key of Object Storage assets (`oci data-catalog type list`); when unset it is a Terraform variable. */
  readonly objectStorageTypeKey?: string;
  /** Data Catalog type key of MySQL assets; when unset it is a Terraform variable. */
  readonly mysqlTypeKey?: string;
}

export interface LoggingConfig {
  /** Log retention in days: 30, 60, 90, 120, 150 or 180. */
  readonly retentionDays: number;
}
