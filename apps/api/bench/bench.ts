/**
 * Benchmark of the API over N readings (default 10,000,000) in a throwaway schema of the local MariaDB:
 *   1. seeds N readings of 500 assets (one every 5 s per asset, ending now) with LOAD DATA LOCAL INFILE, and the
 *      assets table as ingest maintains it; registers and activates the stump test model; creates an API key;
 *   2. starts the API (src/main.ts) and a bare Fastify route (bench/trivial-server.ts) as child processes;
 *   3. autocannon: the bare route (the ceiling: GET, and a JSON POST of the same body), POST /api/v1/predict (one
 *      reading), GET /api/v1/kpis;
 *   4. p95 of the dashboard routes (KPIs, assets, alert episodes, an asset's readings) from sequential requests;
 *   5. p95 of the planning routes of issue #17 (episodes, remaining life, end of life, trends, work orders, spare-part
 *      forecast and reorders) over a seeded asset register, a year of alert episodes and of done tool replacements,
 *      the readings' hourly aggregates, a year of daily rollups and the fleet's spare-part stock
 *      (bench/seed-planning.ts, bench/seed-work-orders.ts); `planningMaxP95Ms` is the slowest of them (the issue's
 *      goal: at most 100 ms).
 * Flags: --rows N, --assets A (default 500), --duration S (default 10), --connections C (default 16).
 * Progress goes to stderr; the last line of stdout is one JSON object.
 */
import { activateModel, registerModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import { createSqlPool, formatReadingLoadDataLine, loadReadingLines, migrate } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir } from '@lakehouse/testing';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { defineCommand, parseOrExit } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import { createApiKey } from '../src/auth/api-keys.js';
import { seedAggregates, seedEpisodes, seedRegister, seedStock } from './seed-planning.js';
import { seedWorkOrders } from './seed-work-orders.js';

const {
  rows: ROWS,
  assets: ASSETS,
  duration: DURATION_S,
  connections: CONNECTIONS,
} = parseOrExit(
  defineCommand({
    name: 'bench',
    invocation: 'npx nx run api:bench --',
    summary: 'Loads a large readings table and measures the API under autocannon.',
    flags: {
      rows: Type.Integer({ minimum: 1, default: 10_000_000, description: 'readings loaded' }),
      assets: Type.Integer({ minimum: 1, default: 500, description: 'machines' }),
      duration: Type.Integer({
        minimum: 1,
        default: 10,
        placeholder: 'SEC',
        description: 'seconds per scenario',
      }),
      connections: Type.Integer({ minimum: 1, default: 16, description: 'concurrent connections' }),
    },
    build: ({ flags }) => flags,
  }),
  process.argv.slice(2),
);
const INTERVAL_MS = 5_000;
const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

const assetId = (i: number) => `M-${String(i).padStart(5, '0')}`;
const assetType = (i: number) => (['L', 'M', 'H'] as const)[i % 3] ?? 'L';
const siteId = (i: number) => `site-${String(i % 4)}`;
const lineId = (i: number) => `line-${String(i % 4)}-${String(i % 5)}`;

/** Rows of asset range [from, to) in primary-key order, as LOAD DATA lines; cheap deterministic values. */
function* lines(fromAsset: number, toAsset: number, perAsset: number, endMs: number): Generator<string> {
  let batch = '';
  for (let a = fromAsset; a < toAsset; a++) {
    const id = assetId(a);
    for (let k = perAsset - 1; k >= 0; k--) {
      const t = endMs - k * INTERVAL_MS;
      const x = ((a * 7919 + k * 104_729) % 10_007) / 10_007;
      batch += formatReadingLoadDataLine({
        reading: {
          recordedAt: t,
          assetId: id,
          assetType: assetType(a),
          airTemperatureK: 298 + x * 4,
          processTemperatureK: 308 + x * 4,
          rotationalSpeedRpm: 1_300 + x * 1_200,
          torqueNm: 20 + x * 40,
          toolWearMin: (perAsset - k) % 250,
        },
        source: 'bulk',
        failureProbability: x * x,
        modelId: 1,
      });
      if (batch.length > 256 * 1024) {
        yield batch;
        batch = '';
      }
    }
  }
  if (batch !== '') yield batch;
}

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
}

/** Starts a bundled server (apps/api/bundle and dist/bench, built by `build` and `build-bench`) with plain node, as deployed. */
function start(script: string, env: Record<string, string>): Promise<Child> {
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${String(code)} before listening`)));
    child.on('message', (m: { event?: string; port?: number }) => {
      if (m.event === 'listening' && typeof m.port === 'number') resolve({ process: child, port: m.port });
    });
  });
}

async function cannon(
  title: string,
  options: autocannon.Options,
): Promise<{ reqPerSec: number; p99Ms: number; non2xx: number; errors: number }> {
  say(`${title}: warm-up`);
  await autocannon({ ...options, duration: 2 });
  say(`${title}: ${String(DURATION_S)} s, ${String(options.connections)} connections`);
  const r = await autocannon({ ...options, duration: DURATION_S });
  const out = {
    reqPerSec: Math.round(r.requests.average),
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
  say(`${title}: ${JSON.stringify(out)}`);
  return out;
}

/** p95 of `count` sequential GETs: the latency one dashboard user sees. */
async function sequentialP95(url: string, key: string, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count + 10; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { 'x-api-key': key } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${String(res.status)}`);
    if (i >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.ceil(times.length * 0.95) - 1] ?? 0) * 100) / 100;
}

async function main(): Promise<void> {
  const settings = readStackSettings(stackDir(process.env));
  const schema = await createThrowawaySchema(settings, 'bench');
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 3, connectTimeoutMs: 5_000 });
  const children: ChildProcess[] = [];
  try {
    await migrate(pool);
    const perAsset = Math.ceil(ROWS / ASSETS);
    const endMs = Date.now();
    say(
      `seeding ${(perAsset * ASSETS).toLocaleString('en-US')} readings of ${String(ASSETS)} assets (LOAD DATA)`,
    );
    const seedStarted = performance.now();
    // The secondary index is built once after the load (a sorted build) instead of row by row.
    await pool.query('ALTER TABLE readings DROP INDEX readings_recorded_at');
    const parts = 2;
    let loaded = 0;
    const heartbeat = setInterval(
      () => say(`seeding: ${String(Math.round((performance.now() - seedStarted) / 1000))} s`),
      15_000,
    );
    await Promise.all(
      Array.from({ length: parts }, async (_, p) => {
        const from = Math.floor((ASSETS * p) / parts);
        const to = Math.floor((ASSETS * (p + 1)) / parts);
        const conn = await pool.getConnection();
        try {
          await conn.query('SET SESSION unique_checks = 0');
          const result = await loadReadingLines(conn, {
            stream: Readable.from(lines(from, to, perAsset, endMs)),
            onDuplicate: 'ignore',
          });
          loaded += result.affectedRows;
        } finally {
          conn.release();
        }
      }),
    );
    say(`readings loaded (${loaded.toLocaleString('en-US')}); building readings_recorded_at`);
    await pool.query('ALTER TABLE readings ADD INDEX readings_recorded_at (recorded_at)');
    clearInterval(heartbeat);
    const assetRows = Array.from({ length: ASSETS }, (_, a) => [
      assetId(a),
      assetType(a),
      siteId(a),
      lineId(a),
      new Date(endMs - (perAsset - 1) * INTERVAL_MS),
      new Date(endMs),
    ]);
    await pool.query(
      'INSERT INTO assets (asset_id, asset_type, site_id, line_id, first_seen_at, last_seen_at) VALUES ?',
      [assetRows],
    );
    say('seeding the asset register, alert episodes, hourly aggregates and a year of daily rollups');
    const ids = Array.from({ length: ASSETS }, (_, a) => assetId(a));
    await seedRegister(pool, ids, endMs);
    const episodes = await seedEpisodes(pool, ids, endMs, 40);
    await seedStock(pool, [...new Set(ids.map((_, a) => siteId(a)))]);
    await seedWorkOrders(pool, ids, endMs, 40);
    const rollupRows = await seedAggregates(pool, endMs - (perAsset - 1) * INTERVAL_MS, endMs, 365, say);
    say(`${episodes.toLocaleString('en-US')} episodes, ${rollupRows.toLocaleString('en-US')} rollup rows`);
    await pool.query(
      'ANALYZE TABLE readings, assets, asset_master_data, alert_episodes, work_orders, hourly_aggregates, daily_rollups, daily_manufacturer_rollups, spare_part_stock',
    );
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    say(`seeded in ${seedSeconds.toFixed(1)} s`);

    const { modelId } = await registerModel(pool, {
      name: 'bench-stump',
      algorithm: 'gbdt-logistic',
      parameters: {},
      features: stumpArtifact().features,
      trainingFingerprint: '0'.repeat(64),
      metrics: {},
      decisionThreshold: 0.5,
      artifact: serializeArtifact(stumpArtifact()),
    });
    await activateModel(pool, modelId);
    const { key } = await createApiKey(pool, { name: 'bench', scopes: ['read'] });

    const api = await start(new URL('../bundle/main.js', import.meta.url).pathname, {
      MYSQL_HOST: schema.host,
      MYSQL_PORT: String(schema.port),
      MYSQL_USER: schema.user,
      MYSQL_PASSWORD: schema.password,
      MYSQL_DATABASE: schema.database,
      MYSQL_TLS_MODE: 'disabled',
      MYSQL_POOL_SIZE: '8',
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT_MAX: '1000000000',
    });
    children.push(api.process);
    const trivial = await start(new URL('../dist/bench/trivial-server.js', import.meta.url).pathname, {});
    children.push(trivial.process);
    const base = `http://127.0.0.1:${String(api.port)}`;
    say(`API on ${base}, bare route on port ${String(trivial.port)}`);

    const reading = {
      recordedAt: endMs,
      assetId: 'M-00001',
      assetType: 'M',
      airTemperatureK: 300.1,
      processTemperatureK: 310.2,
      rotationalSpeedRpm: 1_450,
      torqueNm: 42.5,
      toolWearMin: 120,
    };
    const check = await fetch(`${base}/api/v1/predict`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [reading] }),
    });
    if (check.status !== 200)
      throw new Error(`predict answered ${String(check.status)}: ${await check.text()}`);

    const baseline = await cannon('bare Fastify route', {
      url: `http://127.0.0.1:${String(trivial.port)}/`,
      connections: CONNECTIONS,
    });
    const baselinePost = await cannon('bare Fastify JSON POST', {
      url: `http://127.0.0.1:${String(trivial.port)}/`,
      method: 'POST',
      connections: CONNECTIONS,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [reading] }),
    });
    const predict = await cannon('POST /api/v1/predict', {
      url: `${base}/api/v1/predict`,
      method: 'POST',
      connections: CONNECTIONS,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [reading] }),
    });
    const kpiLoad = await cannon('GET /api/v1/kpis', {
      url: `${base}/api/v1/kpis`,
      connections: 4,
      headers: { 'x-api-key': key },
    });
    say('dashboard routes, sequential requests');
    const kpiP95Ms = await sequentialP95(`${base}/api/v1/kpis`, key, 200);
    const kpiSiteP95Ms = await sequentialP95(`${base}/api/v1/kpis?siteId=site-1`, key, 100);
    const assetsP95Ms = await sequentialP95(`${base}/api/v1/assets?limit=200`, key, 100);
    // Alert episodes (ADR 0041): the open list by its (state, opened_at) index; the figure keeps its old name.
    const alertsP95Ms = await sequentialP95(`${base}/api/v1/alert-episodes`, key, 100);
    const readingsP95Ms = await sequentialP95(
      `${base}/api/v1/assets/M-00001/readings?from=${String(endMs - 86_400_000)}&to=${String(endMs + 1)}&maxPoints=500`,
      key,
      100,
    );
    say(JSON.stringify({ kpiP95Ms, kpiSiteP95Ms, assetsP95Ms, alertsP95Ms, readingsP95Ms }));
    say('planning routes, sequential requests');
    const yearAgo = endMs - 365 * 86_400_000;
    const planningRoutes: Record<string, string> = {
      episodesResolvedP95Ms: '/api/v1/alert-episodes?state=resolved&limit=100',
      episodesAssetP95Ms: '/api/v1/alert-episodes?state=all&assetId=M-00005',
      episodeSummaryP95Ms: '/api/v1/alert-episodes/summary',
      assetLifeP95Ms: '/api/v1/assets/M-00001/life',
      endOfLifeP95Ms: '/api/v1/fleet/end-of-life',
      trendsYearWeeklyP95Ms: `/api/v1/trends?bucket=week&groupBy=site&from=${String(yearAgo)}`,
      trendsYearWeeklyByManufacturerP95Ms: `/api/v1/trends?bucket=week&groupBy=manufacturer&from=${String(yearAgo)}`,
      endOfLifeAssetsP95Ms: '/api/v1/fleet/end-of-life/assets?limit=500',
      workOrdersP95Ms: '/api/v1/work-orders?limit=100',
      assetWorkOrdersP95Ms: '/api/v1/work-orders?state=all&assetId=M-00005',
      toolChangesP95Ms: '/api/v1/tool-changes',
      trendsQuarterDailyByLineP95Ms: `/api/v1/trends?bucket=day&groupBy=line&from=${String(endMs - 90 * 86_400_000)}`,
      // Spare parts (ADR 0046): the latest reading of every asset by primary key, the stock, the active work orders.
      sparePartsForecastP95Ms: '/api/v1/spare-parts/forecast',
      sparePartsReordersP95Ms: '/api/v1/spare-parts/reorders',
    };
    const planning: Record<string, number> = {};
    for (const [name, path] of Object.entries(planningRoutes)) {
      planning[name] = await sequentialP95(`${base}${path}`, key, 100);
    }
    const planningMaxP95Ms = Math.max(...Object.values(planning));
    say(JSON.stringify(planning));
    process.stdout.write(
      `${JSON.stringify({
        rows: loaded,
        assets: ASSETS,
        seedSeconds: Math.round(seedSeconds * 10) / 10,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        predictReqPerSec: predict.reqPerSec,
        predictP99Ms: predict.p99Ms,
        predictNon2xx: predict.non2xx + predict.errors,
        kpiReqPerSec: kpiLoad.reqPerSec,
        kpiP99Ms: kpiLoad.p99Ms,
        kpiSiteP95Ms,
        assetsP95Ms,
        alertsP95Ms,
        readingsP95Ms,
        episodes,
        rollupRows,
        ...planning,
        planningMaxP95Ms,
        baselineP99Ms: baseline.p99Ms,
        baselinePostReqPerSec: baselinePost.reqPerSec,
        baselinePostP99Ms: baselinePost.p99Ms,
        kpiP95Ms,
        baselineReqPerSec: baseline.reqPerSec,
      })}\n`,
    );
  } finally {
    for (const child of children) child.disconnect();
    await pool.end();
    await schema.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
