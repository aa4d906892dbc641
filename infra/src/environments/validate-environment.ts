import { IMAGE_MYSQL_CA_FILE } from '@lakehouse/contracts';
import { ConfigError } from '@lakehouse/runtime';
import { cidrContains, cidrsOverlap, isUsableHost, parseCidr, parseIpv4, type Ipv4Cidr } from './cidr.js';
import type { EnvironmentConfig } from './environment-config.js';
import { heatWaveVersionProblems } from './heatwave-requirements.js';

/** One broken rule of an environment config: the dotted path of the value and what is wrong with it. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

const OCID = (kind: string): RegExp => new RegExp(`^ocid1\\.${kind}\\.oc[0-9]+\\.[a-z0-9-]*\\.[a-z0-9]+$`);
const REGION = /^[a-z]{2,}-[a-z]+-\d+$/;
const DNS_LABEL = /^[a-z][a-z0-9]{0,14}$/;
const ENV_NAME = /^[a-z][a-z0-9]{1,11}$/;
const IMAGE_URL = /^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[a-f0-9]{64})$/;
const FUNCTION_MEMORY_MB = [128, 256, 512, 1024, 2048, 3072];
const LOG_RETENTION_DAYS = [30, 60, 90, 120, 150, 180];
const TOPIC = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.v\d+$/;
const MYSQL_VERSION = /^\d+\.\d+(\.\d+)?(-u\d+-cloud)?$/;

/**
 * Checks every value of an environment config and returns every broken rule (empty when valid). Structural typing
 * is left to the compiler; this checks what types cannot: formats, ranges, CIDR containment and overlaps, and
 * rules that tie fields together (HeatWave node limits, Lakehouse shapes, IPs inside subnets).
 */
export function validateEnvironment(config: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const fail = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const intIn = (path: string, value: number, min: number, max: number): void => {
    if (!Number.isInteger(value) || value < min || value > max) {
      fail(path, `must be an integer from ${min} to ${max} (got ${String(value)})`);
    }
  };
  const numberIn = (path: string, value: number, min: number, max: number): void => {
    if (!Number.isFinite(value) || value < min || value > max) {
      fail(path, `must be a number from ${min} to ${max} (got ${String(value)})`);
    }
  };
  const nonEmpty = (path: string, value: string): void => {
    if (value.trim() === '') fail(path, 'must not be empty');
  };
  const matches = (path: string, value: string, pattern: RegExp, what: string): void => {
    if (!pattern.test(value)) fail(path, `must be ${what} (got ${JSON.stringify(value)})`);
  };

  matches('name', config.name, ENV_NAME, '2–12 lowercase letters or digits, starting with a letter');
  matches('region', config.region, REGION, 'an OCI region identifier such as eu-frankfurt-1');
  matches('tenancyOcid', config.tenancyOcid, OCID('tenancy'), 'a tenancy OCID (ocid1.tenancy.oc1..…)');
  matches(
    'compartmentOcid',
    config.compartmentOcid,
    OCID('(compartment|tenancy)'),
    'a compartment OCID (ocid1.compartment.oc1..…)',
  );
  for (const [key, value] of Object.entries(config.tags)) {
    if (!/^[\w.-]{1,100}$/.test(key)) fail(`tags.${key}`, 'tag keys are 1–100 letters, digits, _ . or -');
    if (value.length > 256) fail(`tags.${key}`, 'tag values are at most 256 characters');
  }

  // Network: every subnet inside the VCN, no two subnets overlapping, the API IP inside the app subnet.
  const net = config.network;
  const cidr = (path: string, text: string): Ipv4Cidr | undefined => {
    const parsed = parseCidr(text);
    if (!parsed)
      fail(
        path,
        `must be an IPv4 CIDR block without host bits, e.g. 10.0.0.0/16 (got ${JSON.stringify(text)})`,
      );
    return parsed;
  };
  const vcn = cidr('network.vcnCidr', net.vcnCidr);
  if (vcn && (vcn.prefix < 16 || vcn.prefix > 30))
    fail('network.vcnCidr', 'OCI allows VCN prefixes from /16 to /30');
  const subnets = (
    [
      ['network.publicSubnetCidr', net.publicSubnetCidr],
      ['network.appSubnetCidr', net.appSubnetCidr],
      ['network.dbSubnetCidr', net.dbSubnetCidr],
    ] as const
  ).map(([path, text]) => ({ path, parsed: cidr(path, text) }));
  for (const [i, a] of subnets.entries()) {
    if (!a.parsed) continue;
    if (a.parsed.prefix > 30) fail(a.path, 'subnets need a prefix of /30 or shorter');
    if (vcn && !cidrContains(vcn, a.parsed)) fail(a.path, `must lie inside network.vcnCidr ${net.vcnCidr}`);
    for (const b of subnets.slice(i + 1)) {
      if (b.parsed && cidrsOverlap(a.parsed, b.parsed)) fail(b.path, `overlaps ${a.path}`);
    }
  }
  matches(
    'network.vcnDnsLabel',
    net.vcnDnsLabel,
    DNS_LABEL,
    'a DNS label (a letter, then up to 14 letters or digits)',
  );
  intIn('network.availabilityDomainIndex', net.availabilityDomainIndex, 0, 2);

  nonEmpty('security.operatorsGroupName', config.security.operatorsGroupName);
  nonEmpty('security.streamProducersGroupName', config.security.streamProducersGroupName);
  if (config.security.deployersGroupName !== undefined)
    nonEmpty('security.deployersGroupName', config.security.deployersGroupName);
  if (
    config.security.vaultType === 'DEFAULT' &&
    config.security.keyProtectionMode !== 'HSM' &&
    config.name === 'prod'
  ) {
    fail('security.keyProtectionMode', 'prod keeps its master key in the HSM');
  }

  // Database and HeatWave.
  const db = config.database;
  nonEmpty('database.shapeName', db.shapeName);
  matches('database.mysqlVersion', db.mysqlVersion, MYSQL_VERSION, 'a MySQL version such as 8.4.4');
  intIn('database.dataStorageSizeGb', db.dataStorageSizeGb, 50, 131072);
  intIn('database.backupRetentionDays', db.backupRetentionDays, 1, 35);
  matches(
    'database.adminUsername',
    db.adminUsername,
    /^[A-Za-z][A-Za-z0-9_]{0,31}$/,
    'a MySQL user name (at most 32)',
  );
  if (['root', 'mysql', 'administrator', 'admin'].includes(db.adminUsername.toLowerCase())) {
    fail('database.adminUsername', 'is reserved by the MySQL service; choose another');
  }
  matches('database.appSchemaName', db.appSchemaName, /^[a-z][a-z0-9_]{0,63}$/, 'a lowercase schema name');
  matches('database.appUsername', db.appUsername, /^[a-z][a-z0-9_]{0,31}$/, 'a lowercase MySQL user name');
  if (db.appUsername === db.adminUsername)
    fail('database.appUsername', 'must differ from database.adminUsername');
  matches(
    'database.hostnameLabel',
    db.hostnameLabel,
    DNS_LABEL,
    'a DNS label (a letter, then up to 14 letters or digits)',
  );
  if (db.tlsCaFile !== undefined && db.tlsCaFile !== IMAGE_MYSQL_CA_FILE) {
    fail(
      'database.tlsCaFile',
      `must be ${IMAGE_MYSQL_CA_FILE}, where the images hold certs/mysql-ca.pem (got ${JSON.stringify(db.tlsCaFile)})`,
    );
  }
  if (db.configurationType === 'CUSTOM' && !db.configurationDisplayName) {
    fail('database.configurationDisplayName', 'is required when database.configurationType is CUSTOM');
  }
  const hw = db.heatWave;
  matches(
    'database.heatWave.shapeName',
    hw.shapeName,
    /^(HeatWave\.\d+GB|MySQL\.HeatWave\.VM\.Standard(\.E\d)?)$/,
    'a HeatWave node shape such as HeatWave.32GB',
  );
  const maxNodes = hw.isLakehouseEnabled ? 512 : 64;
  intIn('database.heatWave.nodeCount', hw.nodeCount, 1, maxNodes);
  if (hw.isLakehouseEnabled && hw.shapeName === 'MySQL.HeatWave.VM.Standard.E3') {
    fail('database.heatWave.shapeName', 'Lakehouse needs HeatWave.512GB (or HeatWave.32GB from MySQL 8.4)');
  }
  if (config.name === 'prod' && !db.isDeleteProtected)
    fail('database.isDeleteProtected', 'must be true in prod');
  // The pinned version must accept every HeatWave form the code sends there (@lakehouse/contracts version table).
  if (MYSQL_VERSION.test(db.mysqlVersion)) {
    for (const message of heatWaveVersionProblems(config)) fail('database.mysqlVersion', message);
  }

  // Streaming.
  const st = config.streaming;
  matches('streaming.topicName', st.topicName, TOPIC, 'a topic name like telemetry.readings.v1');
  matches(
    'streaming.deadLetterTopicName',
    st.deadLetterTopicName,
    TOPIC,
    'a topic name like telemetry.readings-dlq.v1',
  );
  if (st.topicName === st.deadLetterTopicName)
    fail('streaming.deadLetterTopicName', 'must differ from streaming.topicName');
  intIn('streaming.partitions', st.partitions, 1, 200);
  intIn('streaming.retentionHours', st.retentionHours, 24, 168);

  // Functions and connector.
  const fn = config.functions;
  matches('functions.ingestImageUrl', fn.ingestImageUrl, IMAGE_URL, 'an image reference host/path:tag');
  if (!FUNCTION_MEMORY_MB.includes(fn.memoryMb)) {
    fail(
      'functions.memoryMb',
      `must be one of ${FUNCTION_MEMORY_MB.join(', ')} (got ${String(fn.memoryMb)})`,
    );
  }
  intIn('functions.timeoutSeconds', fn.timeoutSeconds, 5, 300);
  intIn('connector.batchSizeKb', config.connector.batchSizeKb, 1, 4096);
  intIn('connector.batchTimeSeconds', config.connector.batchTimeSeconds, 1, 300);

  // Data Flow.
  const df = config.dataflow;
  matches('dataflow.sqlObjectPath', df.sqlObjectPath, /^[\w./-]+\.sql$/, 'an object path ending in .sql');
  matches(
    'dataflow.sparkVersion',
    df.sparkVersion,
    /^3\.(5\.0|2\.1|0\.2)$/,
    'a Data Flow Spark version (3.5.0, 3.2.1, 3.0.2)',
  );
  nonEmpty('dataflow.driverShape', df.driverShape);
  nonEmpty('dataflow.executorShape', df.executorShape);
  numberIn('dataflow.ocpusPerNode', df.ocpusPerNode, 1, 64);
  numberIn('dataflow.memoryGbPerNode', df.memoryGbPerNode, 1, 1024);
  intIn('dataflow.numExecutors', df.numExecutors, 1, 128);

  // Container services.
  for (const [path, svc] of [
    ['producer', config.producer],
    ['api', config.api],
  ] as const) {
    matches(`${path}.imageUrl`, svc.imageUrl, IMAGE_URL, 'an image reference host/path:tag');
    nonEmpty(`${path}.shape`, svc.shape);
    numberIn(`${path}.ocpus`, svc.ocpus, 1, 64);
    numberIn(`${path}.memoryGb`, svc.memoryGb, 1, 1024);
    if (svc.memoryGb > svc.ocpus * 64) fail(`${path}.memoryGb`, 'at most 64 GB per OCPU');
  }
  intIn('api.port', config.api.port, 1024, 65535);
  const apiIp = parseIpv4(config.api.privateIp);
  const appSubnet = subnets[1]?.parsed;
  if (apiIp === undefined)
    fail('api.privateIp', `must be an IPv4 address (got ${JSON.stringify(config.api.privateIp)})`);
  else if (appSubnet && !isUsableHost(appSubnet, apiIp)) {
    fail('api.privateIp', `must be a usable host address inside network.appSubnetCidr ${net.appSubnetCidr}`);
  }
  (config.api.alertEmails ?? []).forEach((email, i) => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      fail(`api.alertEmails[${i}]`, `must be an email address (got ${JSON.stringify(email)})`);
    }
  });

  intIn('analytics.ocpus', config.analytics.ocpus, 1, 52);
  if (config.analytics.identityDomainOcid !== undefined) {
    matches(
      'analytics.identityDomainOcid',
      config.analytics.identityDomainOcid,
      OCID('domain'),
      'an identity domain OCID',
    );
  }
  if (!LOG_RETENTION_DAYS.includes(config.logging.retentionDays)) {
    fail(
      'logging.retentionDays',
      `must be one of ${LOG_RETENTION_DAYS.join(', ')} (got ${String(config.logging.retentionDays)})`,
    );
  }
  return problems;
}

/** Throws one `CONFIG_INVALID` error naming every problem of the config; returns it unchanged when valid. */
export function assertValidEnvironment(config: EnvironmentConfig): EnvironmentConfig {
  const problems = validateEnvironment(config);
  if (problems.length > 0) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `environment "${config.name}" has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { context: { environment: config.name, problems } },
    );
  }
  return config;
}
