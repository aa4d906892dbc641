/**
 * `npm run demo`: the local end-to-end job. For now (issue #2) it brings up the local stack, migrates the schema,
 * generates a labelled fleet history, loads it and builds the hourly aggregates. Later issues extend it with the
 * streaming path, the model and the dashboard (issue #8).
 * Flags: --rows N (default 200000) --assets N (100) --sites N (3) --lines N per site (4) --seed N (42) --skip-stack
 */
import { createSqlPool, detectServer, migrate } from '@lakehouse/sql';
import { readStackSettings, stackDir, WORKSPACE_ROOT } from '@lakehouse/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stackSqlConfig } from '../db/stack-sql-config.js';
import { buildHourlyAggregates } from './build-hourly-aggregates.js';
import { loadSampleHistory } from './load-sample-history.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    assets: { type: 'string', default: '100' },
    sites: { type: 'string', default: '3' },
    lines: { type: 'string', default: '4' },
    seed: { type: 'string', default: '42' },
    'skip-stack': { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`demo: --${name} must be a positive integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

const rows = positiveInt('rows', values.rows);
const assets = positiveInt('assets', values.assets);
const sites = positiveInt('sites', values.sites);
const linesPerSite = positiveInt('lines', values.lines);
const seed = positiveInt('seed', values.seed);
const timings: [string, number][] = [];

async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  const result = await fn();
  process.stdout.write('\n');
  const ms = Math.round(performance.now() - started);
  timings.push([name, ms]);
  console.log(`✔ ${name} (${(ms / 1000).toFixed(1)} s)`);
  return result;
}

async function main(): Promise<void> {
  if (!values['skip-stack']) {
    await step('local stack up (MariaDB = MySQL HeatWave, Kafka = OCI Streaming)', () => {
      const up = spawnSync(
        process.execPath,
        [
          join(WORKSPACE_ROOT, 'node_modules/tsx/dist/cli.mjs'),
          '--conditions=@lakehouse/source',
          join(WORKSPACE_ROOT, 'tools/src/local-stack/cli.ts'),
          'up',
        ],
        {
          stdio: 'inherit',
        },
      );
      if (up.status !== 0) throw new Error(`stack up failed with exit code ${up.status}`);
    });
  }
  const settings = readStackSettings(stackDir(process.env));
  const pool = await createSqlPool(stackSqlConfig(settings));
  try {
    const server = await detectServer(pool);
    console.log(
      `  server: ${server.version} (${server.kind}; HeatWave RAPID ${server.hasRapid ? 'available' : 'not present: HeatWave steps are skipped'})`,
    );
    await step('migrate schema', async () => {
      const result = await migrate(pool);
      console.log(`  ${result.applied.length} migrations applied, ${result.alreadyApplied} already there`);
    });
    const loaded = await step(
      `generate and load ${rows.toLocaleString('en')} labelled readings for ${assets} assets`,
      () =>
        loadSampleHistory(pool, {
          seed,
          rows,
          assets,
          sites,
          linesPerSite,
          startMs: Date.UTC(2026, 0, 1),
          intervalMs: 60_000,
          onProgress: (n) =>
            process.stdout.write(
              `  ${n.toLocaleString('en')} / ${rows.toLocaleString('en')} rows (${Math.round((100 * n) / rows)} %)\r`,
            ),
        }),
    );
    console.log(`  ${loaded.rows} readings, ${loaded.assets} assets, ${loaded.failures} labelled failures`);
    const hours = await step('build hourly aggregates (silver layer)', () => buildHourlyAggregates(pool));
    console.log(`  ${hours} asset-hours written`);
    const [[counts]] = await pool.query<RowDataPacket[]>(
      `SELECT (SELECT COUNT(*) FROM readings) AS readings, (SELECT COUNT(*) FROM assets) AS assets,
              (SELECT COUNT(*) FROM hourly_aggregates) AS hours, (SELECT COUNT(*) FROM failure_events) AS failures`,
    );
    const { mariadb } = settings;
    console.log(
      `\nDone. Database ${mariadb.database} at ${mariadb.host}:${mariadb.port} (user ${mariadb.user}, password in ${join(stackDir(process.env), 'stack.json')}) holds:`,
    );
    console.log(
      `  readings ${counts?.['readings']}, assets ${counts?.['assets']}, hourly aggregates ${counts?.['hours']}, failure events ${counts?.['failures']}`,
    );
    console.log(
      `Step times: ${timings.map(([n, ms]) => `${n.split(' (')[0]} ${(ms / 1000).toFixed(1)} s`).join('; ')}`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
