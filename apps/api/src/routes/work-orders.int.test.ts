import { createLogger } from '@lakehouse/runtime';
import type { LightMyRequestResponse } from 'fastify';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../schemas/work-orders.js';
import { ToolLifePlanner } from '../services/work-orders/tool-life-planner.js';
import { fixtureReading } from '../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

const NOW = Date.UTC(2026, 2, 2, 10);
const SECOND = 1_000;
const MINUTE = 60_000;

// Work-order effects (ADR 0045) through the API over a real database: created by episodes and the tool-life
// planner, planned, done (resetting tool wear, taking a spare part) and cancelled.
describe('work order routes over a real database', () => {
  let api: TestApi;
  const get = (url: string, key = api.readApiKey): Promise<LightMyRequestResponse> =>
    api.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
  const post = (url: string, payload: unknown, key = api.apiKey): Promise<LightMyRequestResponse> =>
    api.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}` },
      payload: payload as object,
    });
  const list = async (query: string) =>
    (await get(`/api/v1/work-orders${query}`)).json().items as WorkOrder[];
  const planner = (horizonMs: number) =>
    new ToolLifePlanner(api.pool, createLogger({ name: 'planner-test', level: 'silent' }), {
      horizonMs,
      replacementWearMin: 200,
      now: () => NOW,
    });

  beforeAll(async () => {
    api = await startTestApi({ listen: false, now: () => NOW });
    // T1 (L, site-t): wear 150 forty minutes ago, 190 a minute ago: due in 5 operating minutes. T2: a fresh tool.
    await api.seed([
      {
        reading: fixtureReading('T1', NOW - 40 * MINUTE, {
          assetType: 'L',
          siteId: 'site-t',
          toolWearMin: 150,
        }),
        failureProbability: 0.1,
      },
      {
        reading: fixtureReading('T1', NOW - MINUTE, { assetType: 'L', siteId: 'site-t', toolWearMin: 190 }),
        failureProbability: 0.1,
      },
      {
        reading: fixtureReading('T2', NOW - MINUTE, { assetType: 'L', siteId: 'site-t', toolWearMin: 0 }),
        failureProbability: 0.1,
      },
    ]);
    await api.pool.query(
      `INSERT INTO spare_part_stock (site_id, part_id, description, asset_type, on_hand, reorder_point,
         reorder_quantity, lead_time_days, source) VALUES ('site-t', 'TOOL-L', 'L tool', 'L', 2, 1, 5, 7, 'generator')`,
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  it('gives an opening episode a work order and attaches its escalation to it with a higher priority', async () => {
    const series = (startAgoS: number, probabilities: readonly number[]) =>
      probabilities.map((p, i) => ({
        reading: fixtureReading('E9', NOW - (startAgoS - i) * SECOND, { siteId: 'site-e', toolWearMin: 0 }),
        failureProbability: p,
      }));
    await api.seed(series(60, [0.7, 0.7, 0.7]));
    const opened = await list('?assetId=E9');
    const episodeId = `E9~${String(NOW - 58 * SECOND)}`;
    // No explanation in the test seed: no failure mode, so an inspection; elevated, criticality unknown (B): 2.
    expect(opened.map((w) => [w.workOrderId, w.action, w.source, w.priority, w.episodeId, w.siteId])).toEqual(
      [[`${episodeId}~inspect_machine`, 'inspect_machine', 'episode', 2, episodeId, 'site-e']],
    );
    await api.seed(series(50, [0.95, 0.95, 0.95]));
    const escalated = await list('?assetId=E9&state=all');
    expect(escalated.map((w) => [w.workOrderId, w.priority, w.state])).toEqual([
      [`${episodeId}~inspect_machine`, 1, 'open'],
    ]);
  });

  it("shows the episode's score kind and expected failure time on its work orders (issue #18)", async () => {
    const episodeId = `E9~${String(NOW - 58 * SECOND)}`;
    const [before] = await list('?assetId=E9');
    expect(before).toMatchObject({ episodeId, scoreKind: 'reading', expectedFailureAt: null });
    // As the horizon fold writes an episode (ADR 0050); the work order reads it through its episode id.
    await api.pool.query(
      "UPDATE alert_episodes SET score_kind = 'horizon', expected_failure_at = ? WHERE episode_id = ?",
      [new Date(NOW + 20 * MINUTE), episodeId],
    );
    const id = String(before?.workOrderId);
    expect((await get(`/api/v1/work-orders/${id}`)).json()).toMatchObject({
      scoreKind: 'horizon',
      expectedFailureAt: NOW + 20 * MINUTE,
    });
  });

  it('plans tool changes due within the horizon once, even when planners run twice and at the same time', async () => {
    const rounds = await Promise.all([planner(60 * MINUTE).runOnce(), planner(60 * MINUTE).runOnce()]);
    expect(rounds.map((r) => r.due)).toEqual([1, 1]);
    await planner(60 * MINUTE).runOnce();
    const tools = await list('?action=replace_tool');
    expect(tools.map((w) => [w.assetId, w.source, w.state])).toEqual([['T1', 'tool_life', 'open']]);
    expect(tools[0]?.dueAt).toBe(NOW - MINUTE + 5 * MINUTE);
    const changes = (await get('/api/v1/tool-changes?withinMs=3600000')).json();
    expect(
      changes.items.map((c: { assetId: string; workOrderId: string | null }) => [c.assetId, c.workOrderId]),
    ).toEqual([['T1', tools[0]?.workOrderId]]);
  });

  it('resets the tool wear and takes a spare part when a tool replacement is done', async () => {
    const [order] = await list('?action=replace_tool&assetId=T1');
    const id = String(order?.workOrderId);
    expect((await post(`/api/v1/work-orders/${id}/done`, {}, api.readApiKey)).statusCode).toBe(403);
    const planned = await post(`/api/v1/work-orders/${id}/plan`, { plannedFor: NOW, assignedTo: 'ana' });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json().workOrder).toMatchObject({ state: 'planned', plannedFor: NOW, assignedTo: 'ana' });
    // Replaced thirty minutes ago, when the counter read 150: the latest reading's 190 is 40 min of new wear.
    const done = await post(`/api/v1/work-orders/${id}/done`, {
      doneAt: NOW - 30 * MINUTE,
      note: 'new insert',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      workOrder: { state: 'done', doneAt: NOW - 30 * MINUTE, note: 'new insert' },
      spareParts: { siteId: 'site-t', partId: 'TOOL-L', onHand: 1, isTaken: true },
    });
    const life = (await get('/api/v1/assets/T1/life')).json();
    expect(life.toolLife).toMatchObject({
      toolWearMin: 40,
      toolReplacedAt: NOW - 30 * MINUTE,
      remainingWearMin: 160,
    });
    const [stock] = await api.pool.query<RowDataPacket[]>(
      "SELECT on_hand FROM spare_part_stock WHERE part_id = 'TOOL-L'",
    );
    expect(stock[0]?.['on_hand']).toBe(1);
    // The planner sees the new tool: nothing due within the hour any more.
    expect((await planner(60 * MINUTE).runOnce()).due).toBe(0);
  });

  it('creates by hand, refuses a second active one, and says when a replacement found no stock', async () => {
    const created = await post('/api/v1/work-orders', {
      assetId: 'T2',
      action: 'replace_tool',
      reason: 'chipped',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ source: 'manual', state: 'open', priority: 4, assetId: 'T2' });
    const again = await post('/api/v1/work-orders', {
      assetId: 'T2',
      action: 'replace_tool',
      reason: 'again',
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().detail).toContain(created.json().workOrderId);
    expect(
      (await post('/api/v1/work-orders', { assetId: 'NOPE', action: 'inspect_machine', reason: 'x' }))
        .statusCode,
    ).toBe(404);
    await api.pool.query("UPDATE spare_part_stock SET on_hand = 0 WHERE part_id = 'TOOL-L'");
    const done = await post(`/api/v1/work-orders/${String(created.json().workOrderId)}/done`, null);
    expect(done.json().spareParts).toEqual({ siteId: 'site-t', partId: 'TOOL-L', onHand: 0, isTaken: false });
    expect((await get('/api/v1/assets/T2/life')).json().toolLife).toMatchObject({
      toolWearMin: 0,
      toolReplacedAt: NOW,
    });
  });

  it('answers illegal transitions with a 409 problem and unknown ids with a 404', async () => {
    const [episodeOrder] = await list('?assetId=E9');
    const id = String(episodeOrder?.workOrderId);
    const cancelled = await post(`/api/v1/work-orders/${id}/cancel`, { note: 'false alarm' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ workOrder: { state: 'cancelled' }, spareParts: null });
    for (const action of ['plan', 'done', 'cancel']) {
      const res = await post(`/api/v1/work-orders/${id}/${action}`, {});
      expect(res.statusCode, action).toBe(409);
      expect(res.json()).toMatchObject({ status: 409, code: 'API_CONFLICT' });
    }
    expect((await get('/api/v1/work-orders/T9~manual~1')).statusCode).toBe(404);
    expect((await post('/api/v1/work-orders/T9~manual~1/done', {})).statusCode).toBe(404);
  });

  it('lists by state, orders by priority then due time, and pages with a cursor', async () => {
    const all = await list('?state=all');
    const sorted = [...all].sort(
      (a, b) => a.priority - b.priority || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity),
    );
    expect(all.map((w) => w.workOrderId)).toEqual(sorted.map((w) => w.workOrderId));
    expect(all).toHaveLength(3);
    expect(await list('')).toEqual([]);
    expect((await list('?state=done')).map((w) => w.assetId).sort()).toEqual(['T1', 'T2']);
    const first = (await get('/api/v1/work-orders?state=all&limit=2')).json();
    const rest = (
      await get(`/api/v1/work-orders?state=all&limit=2&cursor=${String(first.nextCursor)}`)
    ).json();
    expect([...first.items, ...rest.items].map((w: WorkOrder) => w.workOrderId)).toEqual(
      all.map((w) => w.workOrderId),
    );
    expect(rest.nextCursor).toBeNull();
    expect((await get('/api/v1/work-orders?state=bogus')).statusCode).toBe(400);
  });

  it('gives an open episode that no work order names its work orders in the next planner round', async () => {
    // As an episode opened before migration 6 was: written without the fold, so no work order names it.
    const episodeId = `B7~${String(NOW - 10 * MINUTE)}`;
    await api.pool.query(
      `INSERT INTO alert_episodes (episode_id, asset_id, state, band, opened_at, first_high_at, last_high_at,
         peak_probability, peak_at, peak_modes)
       VALUES (?, 'B7', 'open', 'high', ?, ?, ?, 0.93, ?, 'HDF,TWF')`,
      [episodeId, ...Array.from({ length: 4 }, () => new Date(NOW - 10 * MINUTE))],
    );
    const round = await planner(60 * MINUTE).runOnce();
    expect(round.episodesBackfilled).toBe(1);
    const orders = await list('?assetId=B7');
    expect(orders.map((w) => [w.workOrderId, w.action, w.source, w.episodeId]).sort()).toEqual([
      [`${episodeId}~inspect_cooling`, 'inspect_cooling', 'episode', episodeId],
      [`${episodeId}~replace_tool`, 'replace_tool', 'episode', episodeId],
    ]);
    // Named now: the next round finds nothing to backfill.
    expect((await planner(60 * MINUTE).runOnce()).episodesBackfilled).toBe(0);
  });

  it('pages through work orders without a due time one at a time, losing none', async () => {
    // Manual work orders have no due time and priority 4 unless given: with T2's done one, a run of three sorts under
    // one key. (Their ids hold the clock's ms, fixed here, so one per asset.)
    for (const [assetId, action] of [
      ['T1', 'inspect_machine'],
      ['E9', 'inspect_cooling'],
    ]) {
      const res = await post('/api/v1/work-orders', { assetId, action, reason: 'walk-round' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const all = await list('?state=all&limit=1000');
    expect(all.filter((w) => w.dueAt === null && w.priority === 4).length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i <= all.length; i += 1) {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: { items: WorkOrder[]; nextCursor: string | null } = (
        await get(`/api/v1/work-orders?state=all&limit=1${query}`)
      ).json();
      paged.push(...page.items.map((w) => w.workOrderId));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(paged).toEqual(all.map((w) => w.workOrderId));
  });
});
