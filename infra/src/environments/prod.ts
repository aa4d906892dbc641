import type { EnvironmentConfig } from './environment-config.js';
import {
  EXAMPLE_COMPARTMENT_OCID,
  EXAMPLE_TENANCY_NAME,
  EXAMPLE_TENANCY_OCID,
  exampleImage,
} from './placeholders.js';

/**
 * Production: HA DB system, HSM-protected key, delete protection, two HeatWave nodes (size it with the ops CLI's
 * estimate before deploying), more partitions and a week of stream retention.
 */
export const PROD: EnvironmentConfig = {
  name: 'prod',
  region: 'eu-frankfurt-1',
  tenancyOcid: EXAMPLE_TENANCY_OCID,
  compartmentOcid: EXAMPLE_COMPARTMENT_OCID,
  tenancyName: EXAMPLE_TENANCY_NAME,
  tags: { project: 'lakehouse', environment: 'prod' },
  network: {
    vcnCidr: '10.30.0.0/16',
    vcnDnsLabel: 'lakeprod',
    publicSubnetCidr: '10.30.0.0/24',
    appSubnetCidr: '10.30.4.0/22',
    dbSubnetCidr: '10.30.8.0/24',
    availabilityDomainIndex: 0,
  },
  security: {
    vaultType: 'DEFAULT',
    keyProtectionMode: 'HSM',
    operatorsGroupName: 'lakehouse-operators',
    streamProducersGroupName: 'lakehouse-stream-producers',
  },
  storage: { isAutoTieringEnabled: true },
  database: {
    shapeName: 'MySQL.8',
    mysqlVersion: '8.4.4',
    dataStorageSizeGb: 1024,
    isHighlyAvailable: true,
    backupRetentionDays: 35,
    isDeleteProtected: true,
    adminUsername: 'lakeadmin',
    appSchemaName: 'telemetry',
    appUsername: 'lakehouse_app',
    isAutoMlEnabled: true,
    hostnameLabel: 'heatwave',
    configurationType: 'DEFAULT',
    heatWave: { shapeName: 'HeatWave.512GB', nodeCount: 2, isLakehouseEnabled: true },
  },
  streaming: {
    topicName: 'telemetry.readings.v1',
    deadLetterTopicName: 'telemetry.readings-dlq.v1',
    partitions: 4,
    retentionHours: 168,
    producerUserName: 'lakehouse-producer',
  },
  functions: {
    ingestImageUrl: exampleImage('fra', 'ingest-fn', '0.1.0'),
    memoryMb: 512,
    timeoutSeconds: 120,
  },
  connector: { batchSizeKb: 2048, batchTimeSeconds: 10, cursor: 'TRIM_HORIZON' },
  dataflow: {
    sqlObjectPath: 'bulk-load/bulk-load.sql',
    archiveObjectPath: 'bulk-load/archive.zip',
    sparkVersion: '3.5.0',
    driverShape: 'VM.Standard.E4.Flex',
    executorShape: 'VM.Standard.E4.Flex',
    ocpusPerNode: 2,
    memoryGbPerNode: 32,
    numExecutors: 4,
  },
  producer: {
    imageUrl: exampleImage('fra', 'producer', '0.1.0'),
    shape: 'CI.Standard.E4.Flex',
    ocpus: 1,
    memoryGb: 4,
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
    ocpus: 2,
    memoryGb: 8,
    port: 3000,
    privateIp: '10.30.4.10',
  },
  analytics: { featureSet: 'ENTERPRISE_ANALYTICS', licenseType: 'LICENSE_INCLUDED', ocpus: 2 },
  catalog: {},
  logging: { retentionDays: 90 },
};
