import { refreshAggregates } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { readFileSync } from 'node:fs';
import {
  AlertSummarySchema,
  checkOutput,
  ifShaped,
  ModelListSchema,
  ProducerStatusSchema,
  RunnerStatusSchema,
} from './child-output.js';
import type { LiveState } from './demo-context.js';
import type { Say } from './demo-runner.js';
import type { StatusSample } from './status-screen.js';

/** A status file's JSON, or null while it is missing or half written. */
function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

async function apiJson(url: string, key: string): Promise<unknown> {
  const res = await fetch(url, { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(2_000) });
  if (!res.ok) throw new Error(`${url} answered ${String(res.status)}`);
  return res.json();
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/** One sample of the status screen: the status files every second, the API every other (`withApi`). */
export async function sampleStatus(
  live: LiveState,
  withApi: boolean,
  last?: StatusSample,
): Promise<StatusSample> {
  const producer = ifShaped(ProducerStatusSchema, readJson(live.producerStatus));
  const runner = ifShaped(RunnerStatusSchema, readJson(live.runnerStatus));
  let alerts = last?.alerts ?? null;
  let model = last?.model ?? null;
  let apiNote: string | undefined = live.api === undefined ? 'API skipped' : last?.apiNote;
  if (live.api !== undefined && withApi) {
    const { base, key } = live.api;
    try {
      const summary = checkOutput(
        AlertSummarySchema,
        await apiJson(`${base}/api/v1/alert-episodes/summary`, key),
        'GET /api/v1/alert-episodes/summary',
      );
      alerts = {
        open: summary.open,
        openHigh: summary.openHigh,
        openedLastMinute: summary.openedLastMinute,
        resolvedLastMinute: summary.resolvedLastMinute,
        pendingNotifications: summary.pendingNotifications,
        delivered: live.webhook?.received() ?? 0,
      };
      const models = checkOutput(
        ModelListSchema,
        await apiJson(`${base}/api/v1/models`, key),
        'GET /api/v1/models',
      );
      const active = models.items.find((m) => m.modelId === models.activeModelId);
      model =
        active === undefined ? null : { modelId: active.modelId, name: active.name, version: active.version };
      apiNote = undefined;
    } catch (err: unknown) {
      apiNote = `API not answering (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  return {
    atMs: Date.now(),
    produced: finite(producer?.readings),
    isProducerDone: producer?.done === true,
    stored: finite(runner?.stored),
    deadLettered: finite(runner?.deadLettered),
    lag: finite(runner?.lag),
    alerts,
    model,
    ...(apiNote === undefined ? {} : { apiNote }),
  };
}

/** The live hours (the current and the previous one) and the days they fall in: what streaming changes. */
export async function refreshLiveAggregates(pool: Pool): Promise<void> {
  const now = Date.now();
  await refreshAggregates(pool, [now - 3_600_000, now]);
}

/** What the database holds at the end of a run. */
export async function printTotals(pool: Pool, say: Say): Promise<void> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM readings) AS readings,
            (SELECT COUNT(*) FROM readings WHERE source = 'stream') AS streamed,
            (SELECT COUNT(*) FROM dead_letters) AS dead,
            (SELECT COUNT(*) FROM hourly_aggregates) AS hours,
            (SELECT COUNT(*) FROM daily_rollups) AS days,
            (SELECT COUNT(*) FROM assets) AS assets,
            (SELECT COUNT(*) FROM alert_episodes) AS episodes,
            (SELECT COUNT(*) FROM alert_episodes WHERE state = 'open') AS open_episodes,
            (SELECT COUNT(*) FROM alert_notifications WHERE delivered_at IS NOT NULL) AS delivered,
            (SELECT COUNT(*) FROM work_orders WHERE state IN ('open', 'planned')) AS active_work_orders,
            (SELECT COUNT(*) FROM alert_episodes e WHERE e.state = 'open' AND NOT EXISTS (
               SELECT 1 FROM work_orders w
               WHERE w.episode_id = e.episode_id AND w.state IN ('open', 'planned', 'done'))) AS without_work`,
  );
  const t: Record<string, unknown> = rows[0] ?? {};
  const n = (key: string): string => Number(t[key] ?? 0).toLocaleString('en-US');
  say(
    `\nThe database holds ${n('readings')} readings (${n('streamed')} from the stream), ${n('dead')} dead letters, ${n('hours')} hourly aggregates, ${n('days')} daily rollups, ${n('assets')} assets, ${n('episodes')} alert episodes (${n('open_episodes')} open; ${n('delivered')} notifications delivered).`,
  );
  say(
    workOrderCheckLine({
      assets: Number(t['assets'] ?? 0),
      openEpisodes: Number(t['open_episodes'] ?? 0),
      withoutWork: Number(t['without_work'] ?? 0),
      activeWorkOrders: Number(t['active_work_orders'] ?? 0),
    }),
  );
}

/**
 * The end-of-run check of issue #17: every open alert episode has a work order (active, or done) linked to it, and
 * there are no more open episodes than assets. A failed check is said, not thrown: the run's data stays for a look.
 */
export function workOrderCheckLine(counts: {
  readonly assets: number;
  readonly openEpisodes: number;
  readonly withoutWork: number;
  readonly activeWorkOrders: number;
}): string {
  const isOk = counts.withoutWork === 0 && counts.openEpisodes <= counts.assets;
  return `Work orders: ${String(counts.activeWorkOrders)} active; open episodes ${String(counts.openEpisodes)} <= assets ${String(counts.assets)}, open episodes without a work order: ${String(counts.withoutWork)} (${isOk ? 'check passed' : 'CHECK FAILED'}).`;
}
