import {
  TerraformModel,
  firstOf,
  listOf,
  substituteReferences,
  readSynthesized,
  resolveEnvironment,
  resolvedEnvironment,
  stackId,
  STACK_NAMES,
  synthesizePlatform,
  synthesizedWorkloads,
  type EnvironmentName,
  type SynthesizedWorkload,
} from '@lakehouse/infra/rehearsal';
import { createKafkaClient, ensureTopic } from '@lakehouse/streaming';
import { WORKSPACE_ROOT, type StackSettings } from '@lakehouse/local-stack';
import { createLogger } from '@lakehouse/runtime';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { listeningPort, runToEnd, startService, type DemoService } from '../demo/demo-processes.js';
import {
  localLeafValue,
  localSecretOcid,
  toLocalDataflowParameters,
  toLocalEnvironment,
  type LocalTarget,
} from './local-equivalents.js';

/** What one rehearsal runs. */
export interface RehearsalOptions {
  readonly environment: EnvironmentName;
  readonly settings: StackSettings;
  /** Folder of this run: synthesized Terraform, Vault stand-in, buckets, logs. */
  readonly workDir: string;
  /** Suffix for schema, user and stream (tests: unique; a manual run: empty, the names as deployed). */
  readonly suffix: string;
  /** Fleet size and readings the producer publishes before the flow is checked. */
  readonly assets: number;
  readonly readings: number;
  /** Rows of the generated history the Data Flow script loads. */
  readonly historyRows: number;
  /** How long readings may take from producer to API. */
  readonly flowTimeoutMs: number;
  readonly progress: (line: string) => void;
}

/** What a rehearsal found. */
export interface RehearsalResult {
  readonly environment: string;
  readonly workloads: readonly string[];
  readonly schema: string;
  readonly produced: number;
  /** Rows the Data Flow SQL script stored from the generated history. */
  readonly bulkRows: number;
  readonly servedByApi: number;
  readonly secondsToFlow: number;
}

const TSX = ['--import', 'tsx', '--conditions=@lakehouse/source'];
const bundle = (app: string): string => join(WORKSPACE_ROOT, 'apps', app, 'bundle', 'main.js');

function only(workloads: readonly SynthesizedWorkload[], name: string): SynthesizedWorkload {
  const found = workloads.filter((w) => w.workload === name);
  if (found.length !== 1)
    throw new Error(`the synthesized Terraform has ${String(found.length)} ${name} workloads`);
  return found[0] as SynthesizedWorkload;
}

/**
 * Synthesizes `environment` and starts its workloads on the local stack with the settings Terraform gives them
 * (mapped by LOCAL_EQUIVALENTS only): the DB bootstrap (schema, app user, grants, migrations) to its end, then the
 * ingest function behind the Connector Hub runner with the connector's batching, the API, the producer; then
 * checks that readings flow from the producer to the API.
 */
export async function rehearseDeploy(options: RehearsalOptions): Promise<RehearsalResult> {
  const { progress } = options;
  const terraformDir = join(options.workDir, 'terraform');
  const logDir = join(options.workDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const env = resolveEnvironment(options.environment);
  progress(`synthesizing ${env.name} into ${terraformDir}`);
  synthesizePlatform(env, terraformDir);
  const byName = readSynthesized(env, terraformDir);
  const model = new TerraformModel(Object.fromEntries(STACK_NAMES.map((n) => [stackId(env, n), byName[n]])));
  const workloads = synthesizedWorkloads(model);
  progress(`workloads with settings from Terraform: ${workloads.map((w) => w.workload).join(', ')}`);

  // The Vault stand-in: one generated value per secret infra creates (the admin one is the local root password).
  const vaultFile = join(options.workDir, 'vault-stand-in.json');
  const secrets: Record<string, string> = {};
  for (const block of model.resources('oci_vault_secret')) {
    secrets[localSecretOcid(block.name)] = block.name.includes('admin')
      ? options.settings.mariadb.rootPassword
      : randomBytes(18).toString('base64url');
  }
  writeFileSync(vaultFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  const target: LocalTarget = {
    mariadb: { host: options.settings.mariadb.host, port: options.settings.mariadb.port },
    admin: { oci: env.database.adminUsername, local: options.settings.mariadb.rootUser },
    brokers: options.settings.kafka.brokers,
    bucketsDir: join(options.workDir, 'buckets'),
    vaultFile,
    suffix: options.suffix,
  };
  const localEnv = (w: SynthesizedWorkload): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    ...toLocalEnvironment(resolvedEnvironment(model, w, localLeafValue), target),
  });
  const logFile = (name: string): string => join(logDir, `${name}.log`);
  const ingest = localEnv(only(workloads, 'ingest-fn'));
  const api = localEnv(only(workloads, 'api'));
  const producer = localEnv(only(workloads, 'producer'));
  const bootstrap = localEnv(only(workloads, 'db-bootstrap'));
  const schema = ingest['MYSQL_DATABASE'] ?? '';
  // The bootstrap must create exactly the schema and user the other workloads are given.
  for (const [workload, settings] of [
    ['ingest-fn', ingest],
    ['api', api],
  ] as const) {
    if (
      settings['MYSQL_DATABASE'] !== bootstrap['MYSQL_DATABASE'] ||
      settings['MYSQL_USER'] !== bootstrap['DB_BOOTSTRAP_APP_USER']
    ) {
      throw new Error(
        `the DB bootstrap creates ${bootstrap['DB_BOOTSTRAP_APP_USER'] ?? '?'} on ${bootstrap['MYSQL_DATABASE'] ?? '?'}, but ${workload} logs in as ${settings['MYSQL_USER'] ?? '?'} on ${settings['MYSQL_DATABASE'] ?? '?'}`,
      );
    }
  }

  progress(`DB bootstrap with its Terraform settings: schema ${schema}, app user, grants, migrations`);
  await runToEnd('db-bootstrap', process.execPath, [bundle('db-bootstrap')], {
    cwd: WORKSPACE_ROOT,
    env: bootstrap,
    logFile: logFile('db-bootstrap'),
  });
  const bulkRows = await rehearseDataflow(options, model, target, logFile);
  const services: DemoService[] = [];
  try {
    // Connector Hub: the connector's source stream and batching, as synthesized.
    const connector = model.resources('oci_sch_service_connector')[0];
    if (connector === undefined) throw new Error('the synthesized Terraform has no service connector');
    const source = firstOf(connector.body['source']);
    const targetBlock = firstOf(connector.body['target']);
    const stream = model.resolve(connector.stackId, source?.['stream_id']);
    const topic = `${String(stream?.body['name'] ?? '')}${options.suffix}`;
    if (topic !== producer['STREAM_NAME']) {
      throw new Error(
        `the connector reads ${topic} but the producer publishes to ${producer['STREAM_NAME'] ?? '?'}`,
      );
    }
    const logger = createLogger({ name: 'rehearsal', level: 'warn' });
    await ensureTopic(
      createKafkaClient({ kind: 'local', brokers: target.brokers, clientId: 'rehearsal' }, logger),
      { topic, partitions: Number(stream?.body['partitions'] ?? 1) },
    );
    const functionConfig = join(options.workDir, 'function-config.json');
    writeFileSync(functionConfig, JSON.stringify(ingest, null, 2), { mode: 0o600 });
    progress(
      `Connector Hub runner on ${topic} (batch ${String(targetBlock?.['batch_size_in_kbs'])} KB / ${String(targetBlock?.['batch_time_in_sec'])} s) with the ingest function`,
    );
    services.push(
      startService('connector-runner', process.execPath, [bundle('connector-runner')], {
        cwd: WORKSPACE_ROOT,
        logFile: logFile('connector-runner'),
        env: {
          PATH: ingest['PATH'] ?? '',
          HOME: ingest['HOME'] ?? '',
          KAFKA_BROKERS: target.brokers.join(','),
          STREAM_NAME: topic,
          CONSUMER_GROUP: `rehearsal.${schema}`,
          READ_POSITION: String(firstOf(source?.['cursor'])?.['kind'] ?? 'TRIM_HORIZON'),
          BATCH_SIZE_KBS: String(targetBlock?.['batch_size_in_kbs']),
          BATCH_TIME_SEC: String(targetBlock?.['batch_time_in_sec']),
          FUNCTION_CONFIG_FILE: functionConfig,
          STATE_DIR: join(options.workDir, 'connector-runner'),
          // The runner's own connection (dead letters of poison batches): the app user, like the function.
          MYSQL_HOST: target.mariadb.host,
          MYSQL_PORT: String(target.mariadb.port),
          MYSQL_USER: ingest['MYSQL_USER'] ?? '',
          MYSQL_PASSWORD: secrets[ingest['MYSQL_PASSWORD_SECRET_OCID'] ?? ''] ?? '',
          MYSQL_DATABASE: schema,
          MYSQL_TLS_MODE: 'disabled',
          LOG_LEVEL: 'info',
        },
      }),
    );

    progress('API container with its Terraform settings; a read key for the check');
    const created = await runToEnd(
      'create-key',
      process.execPath,
      [
        ...TSX,
        join(WORKSPACE_ROOT, 'apps/api/scripts/cli.ts'),
        'create-key',
        '--name',
        `rehearsal-${schema}`,
        '--scopes',
        'read',
      ],
      {
        cwd: WORKSPACE_ROOT,
        env: api,
        logFile: logFile('create-key'),
      },
    );
    const { key } = JSON.parse(created.trim().split('\n').at(-1) ?? '{}') as { key?: string };
    if (key === undefined) throw new Error(`create-key printed no key: ${created}`);
    const apiService = startService('api', process.execPath, [bundle('api')], {
      cwd: WORKSPACE_ROOT,
      logFile: logFile('api'),
      ipc: true,
      env: api,
    });
    services.push(apiService);
    const port = await listeningPort(apiService, 60_000);
    const base = `http://127.0.0.1:${String(port)}/api/v1`;

    progress(
      `producer container with its Terraform settings: ${String(options.readings)} readings of ${String(options.assets)} assets`,
    );
    // Only readings stamped after the producer starts count (the bulk-loaded history ends before it).
    const fromMs = Date.now() - 1_000;
    const startedAt = performance.now();
    const producerService = startService(
      'producer',
      process.execPath,
      [
        bundle('producer'),
        '--assets',
        String(options.assets),
        '--count',
        String(options.readings),
        '--rate',
        '500',
      ],
      { cwd: WORKSPACE_ROOT, logFile: logFile('producer'), env: producer },
    );
    services.unshift(producerService);

    let served = 0;
    while (performance.now() - startedAt < options.flowTimeoutMs) {
      served = await readingsServed(base, key, fromMs);
      progress(`readings served by the API: ${String(served)} of ${String(options.readings)}`);
      if (served >= options.readings) break;
      await sleep(2_000);
    }
    if (served < options.readings) {
      throw new Error(
        `only ${String(served)} of ${String(options.readings)} readings reached the API in ${String(options.flowTimeoutMs / 1000)} s; logs: ${logDir}`,
      );
    }
    return {
      environment: env.name,
      workloads: workloads.map((w) => w.workload),
      schema,
      produced: options.readings,
      bulkRows,
      servedByApi: served,
      secondsToFlow: Math.round((performance.now() - startedAt) / 100) / 10,
    };
  } finally {
    for (const service of services) await service.stop();
  }
}

/** Sum of the readings from `fromMs` on that the API serves for every asset it lists. */
async function readingsServed(base: string, key: string, fromMs: number): Promise<number> {
  const get = async (path: string): Promise<unknown> => {
    const res = await fetch(`${base}${path}`, { headers: { 'x-api-key': key } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${String(res.status)} ${await res.text()}`);
    return res.json();
  };
  const list = (await get('/assets?limit=1000')) as { items?: { assetId: string }[] };
  const now = Date.now();
  let total = 0;
  for (const asset of list.items ?? []) {
    const r = (await get(
      `/assets/${encodeURIComponent(asset.assetId)}/readings?from=${String(fromMs)}&to=${String(now + 3_600_000)}&limit=1`,
    )) as { total?: number };
    total += r.total ?? 0;
  }
  return total;
}

/**
 * The Data Flow application as synthesized: its SQL script on local Spark with exactly the application's
 * parameters (mapped by LOCAL_EQUIVALENTS), over a small generated history in the local raw bucket. Returns the
 * rows the job stored.
 */
async function rehearseDataflow(
  options: RehearsalOptions,
  model: TerraformModel,
  target: LocalTarget,
  logFile: (name: string) => string,
): Promise<number> {
  const application = model.resources('oci_dataflow_application')[0];
  if (application === undefined) throw new Error('the synthesized Terraform has no Data Flow application');
  const synthesized = Object.fromEntries(
    listOf(application.body['parameters']).map((p) => [
      String(p['name']),
      substituteReferences(model, application.stackId, String(p['value']), localLeafValue),
    ]),
  );
  const parameters = toLocalDataflowParameters(synthesized, target);
  const rawDir = parameters['raw_path'] ?? '';
  options.progress(`Data Flow application: a history of ${String(options.assets)} assets into ${rawDir}`);
  await runToEnd(
    'generate',
    process.execPath,
    [
      ...TSX,
      join(WORKSPACE_ROOT, 'apps/bulk-load/src/main.ts'),
      'generate',
      '--out',
      rawDir,
      '--rows',
      String(options.historyRows),
      '--assets',
      String(options.assets),
      '--seed',
      '7',
    ],
    {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      logFile: logFile('generate'),
    },
  );
  const parametersFile = join(options.workDir, 'dataflow-parameters.json');
  writeFileSync(parametersFile, JSON.stringify(parameters, null, 2), { mode: 0o600 });
  options.progress("Data Flow SQL script on local Spark with the application's parameters");
  const out = await runToEnd(
    'spark',
    process.execPath,
    [
      ...TSX,
      join(WORKSPACE_ROOT, 'apps/bulk-load/src/main.ts'),
      'spark',
      'run',
      '--parameters',
      parametersFile,
    ],
    {
      cwd: WORKSPACE_ROOT,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
        ),
        OCI_VAULT_STAND_IN_FILE: target.vaultFile,
      },
      logFile: logFile('spark'),
      onLine: (line) => {
        if (/\d+ %|stage|rows/i.test(line)) options.progress(`  spark: ${line.trim()}`);
      },
    },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { summary?: { validRows?: number } };
  const stored = result.summary?.validRows;
  if (stored === undefined || stored < 1)
    throw new Error(`the Data Flow script stored no rows: ${out.trim()}`);
  options.progress(`  ${String(stored)} readings stored by the Data Flow script`);
  return stored;
}
