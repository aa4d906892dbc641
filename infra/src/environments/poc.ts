import type { EnvironmentConfig } from './environment-config.js';
import {
  EXAMPLE_COMPARTMENT_OCID,
  EXAMPLE_TENANCY_NAME,
  EXAMPLE_TENANCY_OCID,
  exampleImage,
} from './placeholders.js';

/**
 * Proof of concept: smallest sizes that still show every piece working (one HeatWave node with Lakehouse, one
 * partition, one executor). OCIDs and image namespace are placeholders: set INFRA_TENANCY_OCID,
 * INFRA_COMPARTMENT_OCID, INFRA_REGION and INFRA_OCIR_NAMESPACE (see README) or edit this file in your fork.
 */
export const POC: EnvironmentConfig = {
  name: 'poc',
  region: 'eu-frankfurt-1',
  tenancyOcid: EXAMPLE_TENANCY_OCID,
  compartmentOcid: EXAMPLE_COMPARTMENT_OCID,
  tenancyName: EXAMPLE_TENANCY_NAME,
  tags: { project: 'lakehouse', environment: 'poc' },
  network: {
    vcnCidr: '10.20.0.0/16',
    vcnDnsLabel: 'lakepoc',
    publicSubnetCidr: '10.20.0.0/24',
    appSubnetCidr: '10.20.1.0/24',
    dbSubnetCidr: '10.20.2.0/24',
    availabilityDomainIndex: 0,
  },
  security: {
    vaultType: 'DEFAULT',
    keyProtectionMode: 'SOFTWARE',
    operatorsGroupName: 'lakehouse-operators',
    streamProducersGroupName: 'lakehouse-stream-producers',
  },
  storage: { isAutoTieringEnabled: false },
  database: {
    shapeName: 'MySQL.2',
    mysqlVersion: '8.4.4',
    dataStorageSizeGb: 50,
    isHighlyAvailable: false,
    backupRetentionDays: 7,
    isDeleteProtected: false,
    adminUsername: 'lakeadmin',
    appSchemaName: 'telemetry',
    appUsername: 'lakehouse_app',
    isAutoMlEnabled: true,
    hostnameLabel: 'heatwave',
    configurationType: 'DEFAULT',
    heatWave: { shapeName: 'HeatWave.32GB', nodeCount: 1, isLakehouseEnabled: true },
  },
  streaming: {
    topicName: 'telemetry.readings.v1',
    deadLetterTopicName: 'telemetry.readings-dlq.v1',
    partitions: 1,
    retentionHours: 24,
    producerUserName: 'lakehouse-producer',
  },
  functions: {
    ingestImageUrl: exampleImage('fra', 'ingest-fn', '0.1.0'),
    memoryMb: 256,
    timeoutSeconds: 120,
  },
  connector: { batchSizeKb: 1024, batchTimeSeconds: 5, cursor: 'TRIM_HORIZON' },
  dataflow: {
    sqlObjectPath: 'bulk-load/bulk-load.sql',
    archiveObjectPath: 'bulk-load/archive.zip',
    sparkVersion: '3.5.0',
    driverShape: 'VM.Standard.E4.Flex',
    executorShape: 'VM.Standard.E4.Flex',
    ocpusPerNode: 1,
    memoryGbPerNode: 16,
    numExecutors: 1,
  },
  producer: {
    imageUrl: exampleImage('fra', 'producer', '0.1.0'),
    shape: 'CI.Standard.E4.Flex',
    ocpus: 1,
    memoryGb: 2,
  },
  bootstrap: {
    imageUrl: exampleImage('fra', 'db-bootstrap', '0.1.0'),
    shape: 'CI.Standard.E4.Flex',
    ocpus: 1,
    memoryGb: 2,
  },
  api: {
    imageUrl: exampleImage('fra', 'api', '0.1.0'),
    shape: 'CI.Standard.E4.Flex',
    ocpus: 1,
    memoryGb: 2,
    port: 3000,
    privateIp: '10.20.1.10',
  },
  analytics: { featureSet: 'SELF_SERVICE_ANALYTICS', licenseType: 'LICENSE_INCLUDED', ocpus: 1 },
  catalog: {},
  logging: { retentionDays: 30 },
};
