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
