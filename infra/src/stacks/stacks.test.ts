import { Testing, type TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { loadOciProviderSchema } from '../checks/provider-schema.js';
import { validateAgainstSchema } from '../checks/schema-validator.js';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import type { TerraformJson } from '../synthesize.js';
import { blocksOf, onlyBlockOf, synthEnvironment } from '../testing/synth-environment.js';
import { AnalyticsStack } from './analytics-stack.js';
import { ApiStack } from './api-stack.js';
import { BootstrapStack } from './bootstrap-stack.js';
import { CatalogStack } from './catalog-stack.js';
import { ConnectorStack } from './connector-stack.js';
import { DatabaseStack } from './database-stack.js';
import { DataflowStack } from './dataflow-stack.js';
import { FunctionsStack } from './functions-stack.js';
import { LoggingStack } from './logging-stack.js';
import { NetworkStack } from './network-stack.js';
import { ProducerStack } from './producer-stack.js';
import { SecurityStack } from './security-stack.js';
import { StorageStack } from './storage-stack.js';
import { StreamingStack } from './streaming-stack.js';

const schema = loadOciProviderSchema();
const env = POC;
const ocid = (kind: string, name: string): string => `ocid1.${kind}.oc1.eu-frankfurt-1.${name}`;
const mysql = {
  fqdn: 'heatwave.db.lakepoc.oraclevcn.com',
  port: 3306,
  passwordSecretId: ocid('vaultsecret', 'app'),
};
const buckets = { raw: 'raw-b', silver: 'silver-b', dataflow: 'df-b', logs: 'logs-b' };

// Each stack alone, in its own app, with literal props: proves it synthesizes without the others.
const standalone: Record<string, (app: ReturnType<typeof Testing.app>) => TerraformStack> = {
  network: (app) => new NetworkStack(app, 'network', { env }),
  security: (app) => new SecurityStack(app, 'security', { env }),
  storage: (app) => new StorageStack(app, 'storage', { env, kmsKeyId: ocid('key', 'k') }),
  database: (app) =>
    new DatabaseStack(app, 'database', {
      env,
      availabilityDomain: 'Uocm:EU-FRANKFURT-1-AD-1',
      dbSubnetId: ocid('subnet', 'db'),
      dbSubnetDomainName: 'db.lakepoc.oraclevcn.com',
      dbNsgId: ocid('networksecuritygroup', 'db'),
      adminSecretId: ocid('vaultsecret', 'admin'),
    }),
  bootstrap: (app) =>
    new BootstrapStack(app, 'bootstrap', {
      env,
      availabilityDomain: 'AD-1',
      appSubnetId: ocid('subnet', 'app'),
      appNsgId: ocid('networksecuritygroup', 'app'),
      mysql,
      adminSecretId: ocid('vaultsecret', 'admin'),
    }),
  streaming: (app) =>
    new StreamingStack(app, 'streaming', {
      env,
      appSubnetId: ocid('subnet', 'app'),
      streamingNsgId: ocid('networksecuritygroup', 's'),
      kmsKeyId: ocid('key', 'k'),
    }),
  functions: (app) =>
    new FunctionsStack(app, 'functions', {
      env,
      appSubnetId: ocid('subnet', 'app'),
      appNsgId: ocid('networksecuritygroup', 'app'),
      mysql,
    }),
  connector: (app) =>
    new ConnectorStack(app, 'connector', {
      env,
      streamId: ocid('stream', 's'),
      functionId: ocid('fnfunc', 'f'),
    }),
  dataflow: (app) =>
    new DataflowStack(app, 'dataflow', {
      env,
      appSubnetId: ocid('subnet', 'app'),
      appNsgId: ocid('networksecuritygroup', 'app'),
      namespace: 'acme',
      bucketNames: buckets,
      mysql,
    }),
  producer: (app) =>
    new ProducerStack(app, 'producer', {
      env,
      availabilityDomain: 'AD-1',
      appSubnetId: ocid('subnet', 'app'),
      appNsgId: ocid('networksecuritygroup', 'app'),
      kafkaBootstrapServers: 'cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092',
      topicName: 'telemetry.readings.v1',
      streamPoolId: ocid('streampool', 'p'),
      vaultId: ocid('vault', 'v'),
      kmsKeyId: ocid('key', 'k'),
    }),
  api: (app) =>
    new ApiStack(app, 'api', {
      env,
      availabilityDomain: 'AD-1',
      publicSubnetId: ocid('subnet', 'public'),
      appSubnetId: ocid('subnet', 'app'),
      apiGatewayNsgId: ocid('networksecuritygroup', 'gw'),
      appNsgId: ocid('networksecuritygroup', 'app'),
      mysql,
    }),
  analytics: (app) =>
    new AnalyticsStack(app, 'analytics', {
      env,
      vcnId: ocid('vcn', 'v'),
      appSubnetId: ocid('subnet', 'app'),
      appNsgId: ocid('networksecuritygroup', 'app'),
      kmsKeyId: ocid('key', 'k'),
    }),
  catalog: (app) =>
    new CatalogStack(app, 'catalog', {
      env,
      namespace: 'acme',
      bucketNames: buckets,
      mysqlFqdn: mysql.fqdn,
      mysqlPort: 3306,
    }),
  logging: (app) =>
    new LoggingStack(app, 'logging', {
      env,
      functionsApplicationId: ocid('fnapp', 'a'),
      apiDeploymentId: ocid('apideployment', 'd'),
      rawBucketName: 'raw-b',
    }),
};

describe('each stack on its own', () => {
  for (const [name, build] of Object.entries(standalone)) {
    it(`synthesizes ${name} alone into schema-valid Terraform JSON`, () => {
      const json = JSON.parse(Testing.synth(build(Testing.app()))) as TerraformJson;
      expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0);
      expect(validateAgainstSchema(name, json, schema)).toEqual([]);
      expect(json.terraform?.['required_providers']).toEqual({
        oci: { source: 'oracle/oci', version: '8.28.0' },
      });
    });
  }
});

describe('stack properties', () => {
  const poc = synthEnvironment(POC).byName;
  const prod = synthEnvironment(PROD).byName;

  it('network: three subnets, only the public one allows public IPs, one NSG per tier', () => {
    const subnets = blocksOf(poc.network, 'oci_core_subnet');
    expect(
      Object.fromEntries(
        Object.entries(subnets).map(([k, s]) => [k, [s['cidr_block'], s['prohibit_public_ip_on_vnic']]]),
      ),
    ).toEqual({
      public_subnet: ['10.20.0.0/24', false],
      app_subnet: ['10.20.1.0/24', true],
      db_subnet: ['10.20.2.0/24', true],
    });
    expect(Object.keys(blocksOf(poc.network, 'oci_core_network_security_group')).sort()).toEqual([
      'api_gateway_nsg',
      'app_nsg',
      'db_nsg',
      'streaming_nsg',
    ]);
    expect(onlyBlockOf(poc.network, 'oci_core_vcn')).toMatchObject({
      cidr_blocks: ['10.20.0.0/16'],
      dns_label: 'lakepoc',
    });
  });

  it('security: vault key, generated secrets, four dynamic groups and one compartment policy that waits for them', () => {
    expect(onlyBlockOf(prod.security, 'oci_kms_key')).toMatchObject({
      protection_mode: 'HSM',
      key_shape: { algorithm: 'AES', length: 32 },
    });
    expect(onlyBlockOf(poc.security, 'oci_kms_key')).toMatchObject({ protection_mode: 'SOFTWARE' });
    for (const secret of Object.values(blocksOf(poc.security, 'oci_vault_secret'))) {
      expect(secret).toMatchObject({
        enable_auto_generation: true,
        secret_generation_context: { generation_type: 'PASSPHRASE' },
      });
    }
    expect(Object.keys(blocksOf(poc.security, 'oci_identity_dynamic_group'))).toHaveLength(4);
    const policy = onlyBlockOf(poc.security, 'oci_identity_policy');
    expect(policy['statements']).toContain(
      `Allow group lakehouse-operators to manage mysql-heatwave in compartment id ${POC.compartmentOcid}`,
    );
    expect(policy['depends_on']).toHaveLength(4);
  });

  it('storage: raw, silver, dataflow and logs buckets named per environment', () => {
    expect(
      Object.values(blocksOf(poc.storage, 'oci_objectstorage_bucket'))
        .map((b) => b['name'])
        .sort(),
    ).toEqual(['lakehouse-poc-dataflow', 'lakehouse-poc-logs', 'lakehouse-poc-raw', 'lakehouse-poc-silver']);
  });

  it('database: shape, version, HA and HeatWave node count come from config, Lakehouse on', () => {
    expect(onlyBlockOf(poc.database, 'oci_mysql_mysql_db_system')).toMatchObject({
      shape_name: 'MySQL.2',
      mysql_version: '8.4.4',
      is_highly_available: false,
      admin_password: '${var.mysql_admin_password}',
    });
    expect(onlyBlockOf(prod.database, 'oci_mysql_mysql_db_system')).toMatchObject({
      is_highly_available: true,
      deletion_policy: [{ is_delete_protected: true }],
    });
    expect(onlyBlockOf(poc.database, 'oci_mysql_heat_wave_cluster')).toMatchObject({
      cluster_size: 1,
      shape_name: 'HeatWave.32GB',
      is_lakehouse_enabled: true,
    });
    expect(onlyBlockOf(prod.database, 'oci_mysql_heat_wave_cluster')).toMatchObject({
      cluster_size: 2,
      shape_name: 'HeatWave.512GB',
    });
    expect(poc.database.variable?.['mysql_admin_password']).toMatchObject({ sensitive: true });
  });

  it('streaming: partitions and retention from config, auto-create off, dead-letter stream beside it', () => {
    expect(onlyBlockOf(prod.streaming, 'oci_streaming_stream_pool')).toMatchObject({
      kafka_settings: { auto_create_topics_enable: false },
    });
    expect(blocksOf(prod.streaming, 'oci_streaming_stream')['telemetry_stream']).toMatchObject({
      name: 'telemetry.readings.v1',
      partitions: 4,
      retention_in_hours: 168,
    });
    expect(blocksOf(prod.streaming, 'oci_streaming_stream')['dead_letter_stream']).toMatchObject({
      name: 'telemetry.readings-dlq.v1',
      partitions: 1,
    });
  });

  it('functions and connector: image, memory and batch settings from config, wired stream → function', () => {
    expect(onlyBlockOf(poc.functions, 'oci_functions_function')).toMatchObject({
      image: POC.functions.ingestImageUrl,
      memory_in_mbs: '256',
      timeout_in_seconds: 120,
    });
    expect(onlyBlockOf(poc.functions, 'oci_functions_application')['config']).toMatchObject({
      MYSQL_TLS_MODE: 'verify-identity',
      MYSQL_DATABASE: 'telemetry',
    });
    const connector = onlyBlockOf(poc.connector, 'oci_sch_service_connector');
    expect(connector).toMatchObject({
      source: { kind: 'streaming', cursor: { kind: 'TRIM_HORIZON' } },
      target: { kind: 'functions', batch_size_in_kbs: 1024, batch_time_in_sec: 5 },
    });
    expect(JSON.stringify(connector)).toMatch(/cross-stack-output-oci_functions_functioningest_functionid/);
  });

  it('dataflow: SQL application from the Data Flow bucket through the private endpoint that resolves MySQL', () => {
    const app = onlyBlockOf(poc.dataflow, 'oci_dataflow_application');
    expect(app).toMatchObject({ language: 'SQL', spark_version: '3.5.0', num_executors: 1 });
    expect(app['file_uri']).toMatch(/^oci:\/\/lakehouse-poc-dataflow@\$\{.*\}\/bulk-load\/bulk-load\.sql$/);
    expect(onlyBlockOf(poc.dataflow, 'oci_dataflow_private_endpoint')['dns_zones']).toEqual([
      expect.stringMatching(/^heatwave\.\$\{.*\}$/),
    ]);
  });

  it('api: private container at the configured IP behind a public gateway that forwards every path', () => {
    const container = onlyBlockOf(poc.api, 'oci_container_instances_container_instance');
    expect(container).toMatchObject({ vnics: [{ private_ip: '10.20.1.10', is_public_ip_assigned: false }] });
    expect(onlyBlockOf(poc.api, 'oci_apigateway_gateway')).toMatchObject({ endpoint_type: 'PUBLIC' });
    const deployment = onlyBlockOf(poc.api, 'oci_apigateway_deployment');
    expect(deployment).toMatchObject({
      specification: {
        routes: [
          {
            path: '/{path*}',
            backend: { type: 'HTTP_BACKEND', url: 'http://10.20.1.10:3000/$${request.path[path]}' },
          },
        ],
      },
    });
  });

  it('api: the container listens beyond loopback (its private subnet) and trusts only the gateway subnet as proxy', () => {
    const container = onlyBlockOf(poc.api, 'oci_container_instances_container_instance');
    const vars = (container as { containers: { environment_variables: Record<string, string> }[] })
      .containers[0]?.environment_variables;
    // The app's default is 127.0.0.1 (ADR 0049): the cloud must say 0.0.0.0 or the gateway cannot reach it.
    expect(vars?.API_HOST).toBe('0.0.0.0');
    expect(vars?.API_TRUST_PROXY).toBe(POC.network.publicSubnetCidr);
  });

  it('api: one alert-episode topic whose OCID the container gets, an email subscription per configured address', () => {
    const topic = onlyBlockOf(poc.api, 'oci_ons_notification_topic');
    expect(topic).toMatchObject({ name: 'lakehouse-poc-alert-episodes' });
    const container = onlyBlockOf(poc.api, 'oci_container_instances_container_instance');
    const vars = (container as { containers: { environment_variables: Record<string, string> }[] })
      .containers[0]?.environment_variables;
    expect(vars?.ALERT_NOTIFICATIONS_TOPIC_OCID).toBe('${oci_ons_notification_topic.alert_topic.id}');
    expect(blocksOf(poc.api, 'oci_ons_subscription')).toEqual({});

    const withEmails = synthEnvironment({
      ...POC,
      api: { ...POC.api, alertEmails: ['planner@example.com', 'shift-lead@example.com'] },
    }).byName;
    const subscriptions = Object.values(blocksOf(withEmails.api, 'oci_ons_subscription'));
    expect(subscriptions).toEqual([
      expect.objectContaining({
        protocol: 'EMAIL',
        endpoint: 'planner@example.com',
        topic_id: '${oci_ons_notification_topic.alert_topic.id}',
      }),
      expect.objectContaining({ protocol: 'EMAIL', endpoint: 'shift-lead@example.com' }),
    ]);
  });

  it('bootstrap: one-shot private container connecting as the admin, with both passwords only as Vault secrets', () => {
    const container = onlyBlockOf(poc.bootstrap, 'oci_container_instances_container_instance');
    expect(container).toMatchObject({
      container_restart_policy: 'NEVER',
      display_name: 'lakehouse-poc-db-bootstrap',
      freeform_tags: { workload: 'db-bootstrap' },
      vnics: [{ is_public_ip_assigned: false }],
      containers: [
        {
          image_url: POC.bootstrap.imageUrl,
          security_context: { is_non_root_user_check_enabled: true, is_root_file_system_readonly: true },
          environment_variables: {
            MYSQL_USER: POC.database.adminUsername,
            MYSQL_DATABASE: POC.database.appSchemaName,
            MYSQL_TLS_MODE: 'verify-identity',
            DB_BOOTSTRAP_APP_USER: POC.database.appUsername,
            DB_BOOTSTRAP_AUTOML_GRANTS: 'true',
            OCI_AUTH: 'resource_principal',
          },
        },
      ],
    });
    const variables = (container['containers'] as { environment_variables: Record<string, string> }[])[0]!
      .environment_variables;
    expect(variables['MYSQL_PASSWORD_SECRET_OCID']).toMatch(/oci_vault_secretmysql_admin_secretid\}$/);
    expect(variables['DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID']).toMatch(
      /oci_vault_secretmysql_app_secretid\}$/,
    );
    expect(variables).not.toHaveProperty('MYSQL_PASSWORD');
    expect(variables).not.toHaveProperty('MYSQL_TLS_CA_FILE');
    expect(Object.keys(poc.bootstrap.output ?? {}).sort()).toEqual([
      'db_bootstrap_container_id',
      'db_bootstrap_container_instance_id',
    ]);
  });

  it('producer, analytics, catalog and logging: private placement, sizes and retention from config', () => {
    expect(onlyBlockOf(prod.producer, 'oci_container_instances_container_instance')).toMatchObject({
      shape_config: { ocpus: 1, memory_in_gbs: 4 },
      containers: [
        {
          image_url: PROD.producer.imageUrl,
          // The name the producer reads (STREAM_NAME); the old KAFKA_TOPIC was ignored by it (#15).
          environment_variables: { STREAM_NAME: 'telemetry.readings.v1', KAFKA_PROFILE: 'oci' },
        },
      ],
    });
    expect(onlyBlockOf(prod.analytics, 'oci_analytics_analytics_instance')).toMatchObject({
      capacity: { capacity_type: 'OLPU_COUNT', capacity_value: 2 },
      network_endpoint_details: { network_endpoint_type: 'PRIVATE' },
    });
    expect(
      Object.values(blocksOf(poc.catalog, 'oci_datacatalog_data_asset')).map((a) => a['display_name']),
    ).toEqual(['lakehouse-poc-buckets', 'lakehouse-poc-mysql']);
    for (const log of Object.values(blocksOf(prod.logging, 'oci_logging_log')))
      expect(log['retention_duration']).toBe(90);
  });
});
