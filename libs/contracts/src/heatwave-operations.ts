import { Type } from '@sinclair/typebox';
import { OciAccessSchema } from './oci-access.js';
import { SQL_FROM_INFRA, SqlEnvSchema } from './sql-connection.js';
import { defineWorkloadContract } from './workload-contract.js';

/**
 * Settings of the HeatWave operations CLI (`npm run heatwave`, run by an operator): the DB system to act on, the
 * OCI profile and region, and the admin SQL connection for status and reloads. Flags (`--db-system`, `--profile`,
 * `--region`) take precedence.
 */
export const HeatWaveOperationsEnvSchema = Type.Object({
  ...SqlEnvSchema.properties,
  ...OciAccessSchema.properties,
  OCI_AUTH: Type.Union([Type.Literal('config_file')], { default: 'config_file' }),
  HEATWAVE_DB_SYSTEM_ID: Type.Optional(
    Type.String({ pattern: '^ocid1\\.mysqldbsystem\\.[a-z0-9]+\\.[a-z0-9-]*\\.[a-z0-9]+$' }),
  ),
  OCI_CLI_PROFILE: Type.Optional(Type.String({ minLength: 1 })),
  OCI_CLI_REGION: Type.Optional(Type.String({ pattern: '^[a-z]+-[a-z]+-\\d+$' })),
  /** `delete` removes the cluster and its loaded data: it needs ALLOW_HEATWAVE_DELETE=1. */
  ALLOW_HEATWAVE_DELETE: Type.Optional(Type.Literal('1')),
});

/**
 * The HeatWave operations CLI (tools/src/heatwave). Infra writes what it needs as the database stack's output
 * `heatwave_operations_env`; an operator exports it before running the CLI (infra/README.md).
 */
export const HEATWAVE_OPERATIONS_CONTRACT = defineWorkloadContract({
  workload: 'heatwave-operations',
  host: 'operator',
  schema: HeatWaveOperationsEnvSchema,
  secrets: ['MYSQL_PASSWORD'],
  fromInfra: ['HEATWAVE_DB_SYSTEM_ID', 'OCI_CLI_REGION', 'OCI_AUTH', ...SQL_FROM_INFRA],
});
