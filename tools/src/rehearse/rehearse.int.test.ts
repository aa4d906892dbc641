import { createSqlPool } from '@lakehouse/sql';
import { createKafkaClient, deleteTopics } from '@lakehouse/streaming';
import { createLogger } from '@lakehouse/runtime';
import { readStackSettings, stackDir } from '@lakehouse/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localSecretOcid } from './local-equivalents.js';
import { rehearseDeploy, type RehearsalResult } from './rehearse.js';

// The short form of `npx nx run infra:rehearse` (issue #15): the poc environment's workloads, started with the
// settings its synthesized Terraform gives them, on the stack the suite started, with a suffix on schema, user and
// stream so that the run shares nothing; readings must flow from the producer to the API.
describe('the local rehearsal of a poc deploy', () => {
  const settings = readStackSettings(stackDir(process.env));
  const suffix = `_r${randomBytes(3).toString('hex')}`;
  const workDir = mkdtempSync(join(tmpdir(), 'rehearsal-'));
  const progress: string[] = [];
  let result: RehearsalResult | undefined;
  const rootPool = (): ReturnType<typeof createSqlPool> => {
    const m = settings.mariadb;
    return createSqlPool({
      host: m.host,
      port: m.port,
      user: m.rootUser,
      password: m.rootPassword,
      database: 'mysql',
      tlsMode: 'disabled',
      poolSize: 1,
      connectTimeoutMs: 10_000,
    });
  };

  afterAll(async () => {
    const root = await rootPool();
    try {
      await root.query(`DROP DATABASE IF EXISTS \`telemetry${suffix}\``);
      await root.query(`DROP USER IF EXISTS ?@'%'`, [`lakehouse_app${suffix}`]);
    } finally {
      await root.end();
    }
    const kafka = createKafkaClient(
      { kind: 'local', brokers: settings.kafka.brokers, clientId: 'rehearsal-test' },
      createLogger({ name: 'rehearsal-test', level: 'warn' }),
    );
    await deleteTopics(kafka, [`telemetry.readings.v1${suffix}`]);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('runs every deployed workload with its Terraform settings and readings reach the API', async () => {
    result = await rehearseDeploy({
      environment: 'poc',
      settings,
      workDir,
      suffix,
      assets: 3,
      readings: 150,
      historyRows: 600,
      flowTimeoutMs: 90_000,
      progress: (line) => progress.push(line),
    });
    expect(result).toMatchObject({
      environment: 'poc',
      schema: `telemetry${suffix}`,
      produced: 150,
      bulkRows: 600,
      servedByApi: 150,
    });
    expect([...result.workloads].sort()).toEqual([
      'api',
      'db-bootstrap',
      'heatwave-operations',
      'ingest-fn',
      'producer',
    ]);
  }, 180_000);

  it('let the DB bootstrap create the app user with DML grants only, so the flow above ran without DDL rights', async () => {
    const root = await rootPool();
    try {
      const [rows] = await root.query('SHOW GRANTS FOR ?@?', [`lakehouse_app${suffix}`, '%']);
      const grants = (rows as Record<string, string>[]).map((r) => Object.values(r)[0] ?? '');
      expect(grants).toContainEqual(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON \`telemetry${suffix}\`.* TO \`lakehouse_app${suffix}\`@\`%\``,
      );
      expect(grants.filter((g) => !g.startsWith('GRANT USAGE ON *.*'))).toHaveLength(1);
    } finally {
      await root.end();
    }
    expect(readFileSync(join(workDir, 'logs', 'db-bootstrap.log'), 'utf8')).toContain('bootstrap finished');
  });

  it('gave the function exactly its Terraform config, its password only as a Vault secret OCID', () => {
    const config = JSON.parse(readFileSync(join(workDir, 'function-config.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(config).not.toHaveProperty('MYSQL_PASSWORD');
    expect(config).toMatchObject({
      MYSQL_PASSWORD_SECRET_OCID: localSecretOcid('mysql_app_secret'),
      OCI_AUTH: 'resource_principal',
      MYSQL_USER: `lakehouse_app${suffix}`,
      LOG_LEVEL: 'info',
    });
    const vault = JSON.parse(readFileSync(join(workDir, 'vault-stand-in.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(vault)).toContain(localSecretOcid('mysql_app_secret'));
  });
});
