export {
  SECRET_OCID_SUFFIX,
  VAULT_SECRET_OCID_PATTERN,
  acceptedKeys,
  defineWorkloadContract,
  loadWorkloadEnv,
  noSecretReader,
  secretOcidKey,
  workloadEnvironment,
  type ContractShape,
  type Env,
  type SecretReader,
  type WorkloadContract,
  type WorkloadHost,
} from './workload-contract.js';
export { LogLevelSchema, OCI_AUTH_KINDS, OciAccessSchema, type OciAuthKind } from './oci-access.js';
export {
  IMAGE_MYSQL_CA_FILE,
  SQL_FROM_INFRA,
  SQL_SECRETS,
  SqlEnvSchema,
  TLS_MODES,
} from './sql-connection.js';
export { INGEST_FN_CONTRACT, IngestEnvSchema } from './ingest-fn.js';
export { API_CONTRACT, ApiEnvSchema } from './api.js';
export { DB_BOOTSTRAP_CONTRACT, DbBootstrapEnvSchema } from './db-bootstrap.js';
export {
  PRODUCER_CONTRACT,
  PUBLISH_COMPRESSIONS,
  ProducerEnvSchema,
  type PublishCompression,
} from './producer.js';
export { HEATWAVE_OPERATIONS_CONTRACT, HeatWaveOperationsEnvSchema } from './heatwave-operations.js';
export {
  HEATWAVE_BASELINE_VERSION,
  HEATWAVE_FEATURES,
  HEATWAVE_FEATURE_SETS,
  LAKEHOUSE_FILE_FORMS,
  LAKEHOUSE_FILE_FORM_FEATURES,
  assertHeatWaveFeatures,
  describeFeature,
  lakehouseFileForm,
  missingFeatures,
  supports,
  type HeatWaveFeature,
  type HeatWaveFeatureFact,
  type LakehouseFileForm,
} from './heatwave-features.js';
export { compareMysqlVersions, parseMysqlVersion, type MysqlVersion } from './mysql-version.js';
export {
  DATAFLOW_ARCHIVE,
  DATAFLOW_ARCHIVE_ENTRIES,
  DATAFLOW_CREDENTIAL_PARAMETER,
  DATAFLOW_JDBC_DRIVER_CLASS,
  DATAFLOW_PARAMETERS,
  DATAFLOW_PARAMETER_MEANINGS,
  JDBC_CREDENTIAL_PROVIDER,
  REDACTION_BREAK,
  REDACTION_SAFE_REPLACEMENTS,
  SPARK_REDACTED_VALUE,
  SPARK_REDACTED_WORDS,
  dataflowJdbcUrl,
  dataflowParameterList,
  dataflowParameterProblems,
  mavenCoordinates,
  redactionSafe,
  type DataflowJdbcTarget,
  type DataflowParameterName,
  type DataflowParameterProblem,
  type DataflowParameters,
  type MavenArtifact,
} from './dataflow-application.js';
