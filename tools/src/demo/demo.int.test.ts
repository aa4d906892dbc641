import {
  createThrowawaySchema,
  readStackSettings,
  stackDir,
  uniqueName,
  WORKSPACE_ROOT,
  type ThrowawaySchema,
} from '@lakehouse/testing';
import { createSqlPool } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The smoke test of `npm run demo` (issue #8): a small fleet, a short scripted run, in a throwaway schema with its
// own stream and state folder, against the stack the test suite started (--skip stack) and the bundles Nx built
// before this target (--skip build). The default path: the Data Flow Spark job loads the history.
// 6 machines in time for 14 days of history (27 failures to train the horizon model on); with seed 18 the live
// stream that continues it has heat dissipation failures about 300 and 450 readings into each machine's live part
// (the generator is deterministic), so the run can check that a warning came first.
const FLEET = ['--assets', '6', '--sites', '2', '--lines', '2', '--rows', '120000', '--seed', '18'];

interface DemoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the test saw through the API while the demo was live. */
  readonly whileLive: Record<string, unknown>;
}

async function apiGet(base: string, key: string, path: string): Promise<unknown> {
  const res = await fetch(`${base}${path}`, { headers: { 'x-api-key': key } });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return res.json();
}

/**
 * Runs the demo CLI to its end. Once it prints the dashboard URL and key, `whileLive` is called (the API only runs
 * as long as the demo does).
 */
function runDemo(
  args: readonly string[],
  whileLive?: (base: string, key: string) => Promise<Record<string, unknown>>,
): Promise<DemoRun> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@lakehouse/source',
      join(WORKSPACE_ROOT, 'tools/src/demo/cli.ts'),
      ...args,
    ],
    { cwd: WORKSPACE_ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let live: Promise<Record<string, unknown>> = Promise.resolve({});
  let started = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const url = /Dashboard {2}(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
    const key = /API key {4}(lk_\S+)/.exec(stdout);
    if (!started && whileLive !== undefined && url?.[1] !== undefined && key?.[1] !== undefined) {
      started = true;
      live = whileLive(url[1], key[1]);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      live.then((whileLiveResult) => resolve({ code, stdout, stderr, whileLive: whileLiveResult }), reject);
    });
  });
}

describe('npm run demo (smoke test, small fleet, scripted duration)', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  let stateDir: string;
  const stream = uniqueName('demo-smoke');

  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)), 'demo');
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
    stateDir = mkdtempSync(join(tmpdir(), 'demo-smoke-'));
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
  });

  const common = () => [
    ...FLEET,
    '--skip',
    'stack,build',
    '--port',
    '0',
    '--database',
    schema.database,
    '--stream',
    stream,
    '--state-dir',
    stateDir,
  ];

  it('loads the history with Spark, trains, streams, serves the dashboard, and stops cleanly', async () => {
    const run = await runDemo([...common(), '--rate', '300', '--duration', '20'], async (base, key) => {
      // Wait for live readings to be stored and scored, then look at what the dashboard reads.
      const deadline = Date.now() + 30_000;
      let kpis: { readingsPerSecond: number; assets: number } = { readingsPerSecond: 0, assets: 0 };
      while (Date.now() < deadline) {
        kpis = (await apiGet(base, key, '/api/v1/kpis')) as typeof kpis;
        if (kpis.readingsPerSecond > 0) break;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      const page = await fetch(`${base}/`);
      const html = await page.text();
      const assets = (await apiGet(base, key, '/api/v1/assets')) as { items: { assetId: string }[] };
      const first = assets.items[0]?.assetId ?? '';
      const readings = (await apiGet(
        base,
        key,
        `/api/v1/assets/${first}/readings?from=${String(Date.now() - 3_600_000)}&to=${String(Date.now() + 1)}`,
      )) as { total: number };
      const hourly = (await apiGet(base, key, '/api/v1/aggregates/hourly?limit=5')) as { items: unknown[] };
      // The history is scored: the asset's chart over its whole history, and the trend over the last days.
      const asset = (await apiGet(base, key, `/api/v1/assets/${first}`)) as { firstSeenAt: number };
      const wholeHistory = (await apiGet(
        base,
        key,
        `/api/v1/assets/${first}/readings?from=${String(asset.firstSeenAt)}&to=${String(Date.now() + 1)}&maxPoints=50`,
      )) as { buckets: { maxFailureProbability: number | null }[] };
      const trends = (await apiGet(base, key, '/api/v1/trends?groupBy=line')) as {
        series: { points: { readingCount: number; meanFailureProbability: number | null }[] }[];
      };
      const predict = await fetch(`${base}/api/v1/predict`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({
          readings: [
            {
              recordedAt: Date.now(),
              assetId: first,
              assetType: 'M',
              airTemperatureK: 300,
              processTemperatureK: 310,
              rotationalSpeedRpm: 1_400,
              torqueNm: 60,
              toolWearMin: 210,
            },
          ],
        }),
      });
      return {
        kpis,
        pageStatus: page.status,
        isDashboard: html.includes('<main id="app"') && html.includes('Predictive maintenance'),
        assets: assets.items.length,
        recentReadings: readings.total,
        hourly: hourly.items.length,
        historyBuckets: wholeHistory.buckets.length,
        unscoredHistoryBuckets: wholeHistory.buckets.filter((b) => b.maxFailureProbability === null).length,
        trendPoints: trends.series.flatMap((t) => t.points),
        predictStatus: predict.status,
        predict: await predict.json(),
      };
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    // What the user is told: every step with its time, the dashboard, the key, the status screen.
    for (const text of [
      '✔ migrate schema',
      '✔ generate 120,000 labelled readings',
      '✔ spark job',
      '✔ train the failure model',
      '✔ score the history with the active model',
      'Live after',
      'Step times:',
    ]) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).toMatch(/produced \d[\d,]*\/s \(\d[\d,]*\) · stored/);

    // While live: the dashboard page and every kind of data it shows.
    const seen = run.whileLive as {
      kpis: { readingsPerSecond: number; assets: number };
      pageStatus: number;
      isDashboard: boolean;
      assets: number;
      recentReadings: number;
      hourly: number;
      historyBuckets: number;
      unscoredHistoryBuckets: number;
      trendPoints: { readingCount: number; meanFailureProbability: number | null }[];
      predictStatus: number;
      predict: { predictions: { failureProbability: number }[] };
    };
    expect(seen.pageStatus).toBe(200);
    expect(seen.isDashboard).toBe(true);
    expect(seen.kpis.readingsPerSecond).toBeGreaterThan(0);
    expect(seen.kpis.assets).toBe(6);
    expect(seen.assets).toBe(6);
    expect(seen.recentReadings).toBeGreaterThan(0);
    expect(seen.hourly).toBeGreaterThan(0);
    expect(seen.historyBuckets).toBeGreaterThan(10);
    expect(seen.unscoredHistoryBuckets).toBe(0);
    expect(seen.trendPoints.length).toBeGreaterThan(0);
    expect(seen.trendPoints.every((p) => p.readingCount > 0 && p.meanFailureProbability !== null)).toBe(true);
    expect(seen.predictStatus).toBe(200);
    expect(seen.predict.predictions[0]?.failureProbability).toBeGreaterThanOrEqual(0);

    // At the end: every produced reading stored once, scored by the model the demo trained and activated.
    const produced = JSON.parse(
      readFileSync(join(stateDir, 'status', `producer-${schema.database}.json`), 'utf8'),
    ) as { readings: number; done: boolean };
    expect(produced.done).toBe(true);
    const [[counts]] = (await pool.query<RowDataPacket[]>(
      `SELECT
         (SELECT COUNT(*) FROM readings WHERE source = 'stream') AS streamed,
         (SELECT COUNT(*) FROM readings WHERE source = 'stream' AND failure_probability IS NOT NULL
            AND model_id = (SELECT model_id FROM models WHERE is_active = 1)) AS scored,
         (SELECT COUNT(*) FROM readings WHERE source <> 'stream') AS history,
         (SELECT COUNT(*) FROM hourly_aggregates) AS hours,
         (SELECT COUNT(*) FROM assets WHERE site_id IS NOT NULL AND line_id IS NOT NULL) AS assets,
         (SELECT COUNT(*) FROM failure_events) AS failures,
         (SELECT COUNT(*) FROM dead_letters) AS dead,
         (SELECT COUNT(*) FROM asset_master_data WHERE source = 'generator') AS register,
         (SELECT COUNT(*) FROM spare_part_stock WHERE source = 'generator') AS stock,
         (SELECT COUNT(*) FROM alert_episodes WHERE state = 'open') AS openEpisodes,
         (SELECT COUNT(DISTINCT asset_id) FROM alert_episodes WHERE state = 'open') AS assetsWithOpenEpisodes,
         (SELECT COUNT(*) FROM alert_episodes e WHERE e.state = 'open' AND NOT EXISTS (SELECT 1 FROM work_orders w
            WHERE w.episode_id = e.episode_id AND w.state IN ('open', 'planned', 'done'))) AS openWithoutWork,
         (SELECT COUNT(*) FROM readings WHERE source <> 'stream'
            AND model_id = (SELECT model_id FROM models WHERE is_active = 1)) AS historyScored,
         (SELECT COUNT(*) FROM hourly_aggregates WHERE mean_failure_probability IS NULL) AS unscoredHours,
         (SELECT SUM(reading_count) FROM hourly_aggregates) AS hourlyReadings,
         (SELECT SUM(reading_count) FROM daily_rollups) AS dailyReadings`,
    )) as unknown as [[Record<string, number>]];
    expect(counts.history).toBe(120_000);
    expect(counts.streamed).toBe(produced.readings);
    expect(produced.readings).toBeGreaterThan(3_000);
    expect(counts.scored).toBe(counts.streamed);
    expect(counts.hours).toBeGreaterThan(0);
    expect(counts.assets).toBe(6);
    expect(counts.failures).toBeGreaterThan(0);
    expect(counts.dead).toBe(0);
    expect(counts.register).toBe(6);
    expect(run.stdout).toContain(
      'asset register (maker, model, install date, service life, criticality): 6 new',
    );
    // The fleet's spare-insert stock, and the end-of-run check: at least one reorder (issue #17).
    expect(Number(counts.stock)).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/✔ \d+ reorders? recommended \(\d+ late\)/);
    // Alerts are episodes: at most one open per asset, however many readings were high.
    expect(Number(counts.openEpisodes)).toBeLessThanOrEqual(6);
    expect(Number(counts.openEpisodes)).toBe(Number(counts.assetsWithOpenEpisodes));
    // Every open episode has a work order, written in its fold transaction (ADR 0045), and the run says so.
    expect(Number(counts.openWithoutWork)).toBe(0);
    expect(run.stdout).toContain('open episodes without a work order: 0 (check passed)');
    // The history scored by the same model, every hour with its probability statistics, the days rolled up.
    expect(counts.historyScored).toBe(120_000);
    expect(counts.unscoredHours).toBe(0);
    expect(Number(counts.dailyReadings)).toBe(Number(counts.hourlyReadings));

    // Predicting ahead (issue #18): the model has a horizon part, live readings got horizon risks, and a failure in
    // the live stream had a horizon episode open before it. Live readings carry no labels: a failure shows as the
    // machine stopping for its repair (30 to 120 machine minutes without readings; a planned tool change stops it
    // for 3), so a gap of more than 15 reading intervals after a reading marks that reading as a failure.
    const intervalMs = (1_000 * 6) / 300;
    const [stops] = await pool.query<RowDataPacket[]>(
      `SELECT asset_id, recorded_at FROM (
         SELECT asset_id, recorded_at,
           LEAD(recorded_at) OVER (PARTITION BY asset_id ORDER BY recorded_at) AS next_at
         FROM readings WHERE source = 'stream') r
       WHERE TIMESTAMPDIFF(MICROSECOND, recorded_at, next_at) > ? * 1000`,
      [15 * intervalMs],
    );
    const [[risks]] = (await pool.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM horizon_risks h JOIN readings r
         ON r.asset_id = h.asset_id AND r.recorded_at = h.recorded_at WHERE r.source = 'stream'`,
    )) as unknown as [[{ n: number }]];
    expect(Number(risks.n)).toBe(Number(counts.streamed));
    expect(stops.length).toBeGreaterThan(0);
    let warned = 0;
    for (const stop of stops) {
      const [episodes] = await pool.query<RowDataPacket[]>(
        `SELECT episode_id FROM alert_episodes WHERE asset_id = ? AND score_kind = 'horizon'
           AND opened_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)`,
        [stop['asset_id'], stop['recorded_at'], stop['recorded_at']],
      );
      if (episodes.length > 0) warned += 1;
    }
    expect(
      warned,
      `failures in the live stream: ${String(stops.length)}, warned: ${String(warned)}`,
    ).toBeGreaterThan(0);
  }, 300_000);

  it('reuses the loaded history and the active model on a second run', async () => {
    const [[before]] = (await pool.query<RowDataPacket[]>(
      'SELECT (SELECT COUNT(*) FROM models) AS models, (SELECT COUNT(*) FROM readings) AS readings',
    )) as unknown as [[Record<string, number>]];
    const run = await runDemo([...common(), '--rate', '100', '--duration', '3', '--skip', 'api']);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('✔ history already loaded: 120,000 readings');
    expect(run.stdout).toMatch(/✔ model in use: machine-failure v\d+/);
    expect(run.stdout).not.toContain('spark job');
    expect(run.stdout).toContain('0 new, 0 updated, 6 unchanged');
    expect(run.stdout).toContain("every reading already carries the active model's probability");
    const [[after]] = (await pool.query<RowDataPacket[]>(
      'SELECT (SELECT COUNT(*) FROM models) AS models, (SELECT COUNT(*) FROM readings) AS readings',
    )) as unknown as [[Record<string, number>]];
    expect(after.models).toBe(before.models);
    expect(after.readings).toBeGreaterThan(before.readings ?? 0);
  }, 120_000);

  it('refuses bad flags with exit code 2 and says which', async () => {
    const run = await runDemo(['--assets', 'many', '--loader', 'hadoop']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--assets must be an integer');
    expect(run.stderr).toContain('--loader must be spark or fast');
  });
});
