import type { App } from 'cdktf';
import type { EnvironmentConfig } from './environments/environment-config.js';
import { assertValidEnvironment } from './environments/validate-environment.js';
import { AnalyticsStack } from './stacks/analytics-stack.js';
import { ApiStack } from './stacks/api-stack.js';
import { BootstrapStack } from './stacks/bootstrap-stack.js';
import { CatalogStack } from './stacks/catalog-stack.js';
import { ConnectorStack } from './stacks/connector-stack.js';
import { DatabaseStack } from './stacks/database-stack.js';
import { DataflowStack } from './stacks/dataflow-stack.js';
import { FunctionsStack } from './stacks/functions-stack.js';
import { LoggingStack } from './stacks/logging-stack.js';
import type { MysqlEndpoint } from './stacks/mysql-client-settings.js';
import { NetworkStack } from './stacks/network-stack.js';
import { ProducerStack } from './stacks/producer-stack.js';
import { SecurityStack } from './stacks/security-stack.js';
import { StorageStack } from './stacks/storage-stack.js';
import { StreamingStack } from './stacks/streaming-stack.js';

/** The concerns, in deployment order (each only depends on stacks before it). */
export const STACK_NAMES = [
  'network',
  'security',
  'storage',
  'database',
  'bootstrap',
  'streaming',
  'functions',
  'connector',
  'dataflow',
  'producer',
  'api',
  'analytics',
  'catalog',
  'logging',
] as const;

/** One of {@link STACK_NAMES}. */
export type StackName = (typeof STACK_NAMES)[number];

/** Every stack of one environment, by concern. */
export interface Platform {
  readonly network: NetworkStack;
  readonly security: SecurityStack;
  readonly storage: StorageStack;
  readonly database: DatabaseStack;
  readonly bootstrap: BootstrapStack;
  readonly streaming: StreamingStack;
  readonly functions: FunctionsStack;
  readonly connector: ConnectorStack;
  readonly dataflow: DataflowStack;
  readonly producer: ProducerStack;
  readonly api: ApiStack;
  readonly analytics: AnalyticsStack;
  readonly catalog: CatalogStack;
  readonly logging: LoggingStack;
}

/** Terraform stack id of a concern in an environment: `<env>-<concern>`, e.g. `poc-database`. */
export function stackId(env: EnvironmentConfig, name: StackName): string {
  return `${env.name}-${name}`;
}

/**
 * Adds every stack of one environment to the app and wires them with typed props: values that cross stacks are
 * passed as constructor props (cdktf turns them into outputs and remote-state reads), never looked up by name.
 */
export function addPlatform(app: App, config: EnvironmentConfig): Platform {
  const env = assertValidEnvironment(config);
  const id = (name: StackName): string => stackId(env, name);

  const network = new NetworkStack(app, id('network'), { env });
  const security = new SecurityStack(app, id('security'), { env });
  const storage = new StorageStack(app, id('storage'), { env, kmsKeyId: security.masterKeyId });
  const database = new DatabaseStack(app, id('database'), {
    env,
    availabilityDomain: network.availabilityDomain,
    dbSubnetId: network.dbSubnetId,
    dbSubnetDomainName: network.dbSubnetDomainName,
    dbNsgId: network.dbNsgId,
    adminSecretId: security.mysqlAdminSecretId,
  });
  const mysql: MysqlEndpoint = {
    fqdn: database.mysqlFqdn,
    port: database.mysqlPort,
    passwordSecretId: security.mysqlAppSecretId,
  };
  const bootstrap = new BootstrapStack(app, id('bootstrap'), {
    env,
    availabilityDomain: network.availabilityDomain,
    appSubnetId: network.appSubnetId,
    appNsgId: network.appNsgId,
    mysql,
    adminSecretId: security.mysqlAdminSecretId,
  });
  const streaming = new StreamingStack(app, id('streaming'), {
    env,
    appSubnetId: network.appSubnetId,
    streamingNsgId: network.streamingNsgId,
    kmsKeyId: security.masterKeyId,
  });
  const functions = new FunctionsStack(app, id('functions'), {
    env,
    appSubnetId: network.appSubnetId,
    appNsgId: network.appNsgId,
    mysql,
  });
  const connector = new ConnectorStack(app, id('connector'), {
    env,
    streamId: streaming.streamId,
    functionId: functions.ingestFunctionId,
  });
  const dataflow = new DataflowStack(app, id('dataflow'), {
    env,
    appSubnetId: network.appSubnetId,
    appNsgId: network.appNsgId,
    namespace: storage.namespace,
    bucketNames: storage.bucketNames,
    mysql,
  });
  const producer = new ProducerStack(app, id('producer'), {
    env,
    availabilityDomain: network.availabilityDomain,
    appSubnetId: network.appSubnetId,
    appNsgId: network.appNsgId,
    kafkaBootstrapServers: streaming.kafkaBootstrapServers,
    topicName: streaming.topicName,
    streamPoolId: streaming.streamPoolId,
    vaultId: security.vaultId,
    kmsKeyId: security.masterKeyId,
  });
  const api = new ApiStack(app, id('api'), {
    env,
    availabilityDomain: network.availabilityDomain,
    publicSubnetId: network.publicSubnetId,
    appSubnetId: network.appSubnetId,
    apiGatewayNsgId: network.apiGatewayNsgId,
    appNsgId: network.appNsgId,
    mysql,
  });
  const analytics = new AnalyticsStack(app, id('analytics'), {
    env,
    vcnId: network.vcnId,
    appSubnetId: network.appSubnetId,
    appNsgId: network.appNsgId,
    kmsKeyId: security.masterKeyId,
  });
  const catalog = new CatalogStack(app, id('catalog'), {
    env,
    namespace: storage.namespace,
    bucketNames: storage.bucketNames,
    mysqlFqdn: database.mysqlFqdn,
    mysqlPort: database.mysqlPort,
  });
  const logging = new LoggingStack(app, id('logging'), {
    env,
    functionsApplicationId: functions.applicationId,
    apiDeploymentId: api.deploymentId,
    rawBucketName: storage.bucketNames.raw,
  });
  return {
    network,
    security,
    storage,
    database,
    bootstrap,
    streaming,
    functions,
    connector,
    dataflow,
    producer,
    api,
    analytics,
    catalog,
    logging,
  };
}
