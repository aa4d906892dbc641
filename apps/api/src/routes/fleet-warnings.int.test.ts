import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../auth/jwt.js';
import type { Episode } from '../schemas/alert-episodes.js';
import type { FleetWarning, HorizonRiskPage } from '../schemas/fleet-warnings.js';
import { FIXTURE_NOW } from '../testing/fleet-fixture.js';
import { FLEET_JWT_SECRET, useFleetApi } from '../testing/fleet-api.js';

const SECOND = 1_000;
const MINUTE = 60_000;
const at = (ms: number) => new Date(ms);

/*
 * GET /fleet/warnings and GET /assets/{id}/horizon-risk (issue #18) over rows written as the ingest function's
 * horizon fold writes them (ADR 0050): episodes with a score kind and an expected failure time, horizon risks per
 * scored reading, work orders attached to episodes. The fleet fixture's readings open no episode by themselves.
 */
describe('fleet warnings over a real database', () => {
  const fleet = useFleetApi();
  const { get } = fleet;

  /** Open and resolved episodes; A2 fails soonest, A1 next, A3 and A5 have no estimate, A4's episode is over. */
  const EPISODES = [
    {
      asset: 'A1',
      band: 'high',
      kind: 'horizon',
      lastHighAgo: 10 * SECOND,
      failsIn: 30 * MINUTE,
      open: true,
    },
    { asset: 'A2', band: 'elevated', kind: 'horizon', lastHighAgo: MINUTE, failsIn: 5 * MINUTE, open: true },
    { asset: 'A3', band: 'elevated', kind: 'horizon', lastHighAgo: MINUTE, failsIn: null, open: true },
    { asset: 'A5', band: 'high', kind: 'reading', lastHighAgo: 60 * MINUTE, failsIn: null, open: true },
    { asset: 'A4', band: 'high', kind: 'horizon', lastHighAgo: 5 * MINUTE, failsIn: MINUTE, open: false },
  ] as const;
  const openedAt = (lastHighAgo: number) => FIXTURE_NOW - lastHighAgo - 2 * MINUTE;
  const idOf = (asset: string) => {
    const e = EPISODES.find((x) => x.asset === asset);
    if (e === undefined) throw new Error(`no episode for ${asset}`);
    return `${asset}~${String(openedAt(e.lastHighAgo))}`;
  };

  beforeAll(async () => {
    const { pool } = fleet.api;
    for (const e of EPISODES) {
      const lastHighAt = FIXTURE_NOW - e.lastHighAgo;
      await pool.query(
        `INSERT INTO alert_episodes (episode_id, asset_id, state, band, opened_at, first_high_at, last_high_at,
           peak_probability, peak_at, resolved_at, score_kind, expected_failure_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          idOf(e.asset),
          e.asset,
          e.open ? 'open' : 'resolved',
          e.band,
          at(openedAt(e.lastHighAgo)),
          at(openedAt(e.lastHighAgo) - MINUTE),
          at(lastHighAt),
          e.band === 'high' ? 0.93 : 0.7,
          at(lastHighAt),
          e.open ? null : at(FIXTURE_NOW - MINUTE),
          e.kind,
          e.failsIn === null ? null : at(lastHighAt + e.failsIn),
        ],
      );
    }
    // A1's newest risk is lower than an older one: the latest row wins, not the highest. A4 (no open episode) has the
    // newest row of all, which must not leak into another asset's warning.
    const risks: [string, number, number, number | null][] = [
      ['A1', 5 * MINUTE, 0.97, 12],
      ['A1', 3 * MINUTE, 0.81, 30],
      ['A1', 4 * MINUTE, 0.9, 20],
      ['A2', MINUTE, 0.66, null],
      ['A4', SECOND, 0.99, 1],
    ];
    for (const [asset, ago, risk, minutes] of risks) {
      await pool.query(
        `INSERT INTO horizon_risks (asset_id, recorded_at, model_id, horizon_minutes, risk, expected_minutes_to_failure)
         VALUES (?, ?, 7, 60, ?, ?)`,
        [asset, at(FIXTURE_NOW - ago), risk, minutes],
      );
    }
    const orders: [string, string, string, string, number, number | null][] = [
      [`${idOf('A1')}~inspect_machine`, 'A1', 'inspect_machine', 'open', 2, FIXTURE_NOW + 10 * MINUTE],
      [`${idOf('A1')}~replace_tool~escalate`, 'A1', 'replace_tool', 'planned', 1, null],
      [`${idOf('A3')}~inspect_cooling`, 'A3', 'inspect_cooling', 'done', 3, FIXTURE_NOW],
    ];
    for (const [id, asset, action, state, priority, due] of orders) {
      await pool.query(
        `INSERT INTO work_orders (work_order_id, asset_id, action, source, episode_id, state, active_key, priority,
           due_at, reason, done_at)
         VALUES (?, ?, ?, 'episode', ?, ?, ?, ?, ?, 'risk held', ?)`,
        [
          id,
          asset,
          action,
          id.split('~').slice(0, 2).join('~'),
          state,
          state === 'done' ? null : `${asset}|${action}`,
          priority,
          due === null ? null : at(due),
          state === 'done' ? at(FIXTURE_NOW - MINUTE) : null,
        ],
      );
    }
  });

  const warnings = async (query = '') => {
    const res = await get(`/api/v1/fleet/warnings${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ asOf: number; items: FleetWarning[]; nextCursor: string | null }>();
  };

  it('lists the open episodes soonest expected failure first, those without an estimate last', async () => {
    const body = await warnings();
    expect(body.asOf).toBe(FIXTURE_NOW);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((w) => [w.assetId, w.expectedFailureAt, w.scoreKind])).toEqual([
      ['A2', FIXTURE_NOW - MINUTE + 5 * MINUTE, 'horizon'],
      ['A1', FIXTURE_NOW - 10 * SECOND + 30 * MINUTE, 'horizon'],
      ['A3', null, 'horizon'],
      ['A5', null, 'reading'],
    ]);
    expect(body.items[1]).toMatchObject({
      episodeId: idOf('A1'),
      assetType: 'M',
      siteId: 'site-a',
      lineId: 'line-1',
      band: 'high',
      peakProbability: 0.93,
      lastHighAt: FIXTURE_NOW - 10 * SECOND,
      minutesToFailure: 30,
    });
    expect(body.items[2]?.minutesToFailure).toBeNull();
  });

  it("attaches each asset's newest horizon risk, not its highest, and none to an asset without one", async () => {
    const byAsset = new Map((await warnings()).items.map((w) => [w.assetId, w.horizonRisk]));
    expect(byAsset.get('A1')).toEqual({
      recordedAt: FIXTURE_NOW - 3 * MINUTE,
      modelId: 7,
      horizonMinutes: 60,
      risk: 0.81,
      expectedMinutesToFailure: 30,
    });
    expect(byAsset.get('A2')).toMatchObject({ risk: 0.66, expectedMinutesToFailure: null });
    expect(byAsset.get('A3')).toBeNull();
    expect(byAsset.get('A5')).toBeNull();
  });

  it('attaches the work orders of each episode, most urgent first, done ones included', async () => {
    const byAsset = new Map((await warnings()).items.map((w) => [w.assetId, w.workOrders]));
    expect(byAsset.get('A1')).toEqual([
      {
        workOrderId: `${idOf('A1')}~replace_tool~escalate`,
        action: 'replace_tool',
        state: 'planned',
        priority: 1,
        dueAt: null,
      },
      {
        workOrderId: `${idOf('A1')}~inspect_machine`,
        action: 'inspect_machine',
        state: 'open',
        priority: 2,
        dueAt: FIXTURE_NOW + 10 * MINUTE,
      },
    ]);
    expect(byAsset.get('A3')).toMatchObject([{ action: 'inspect_cooling', state: 'done' }]);
    expect(byAsset.get('A2')).toEqual([]);
  });

  it('filters by site, line and band', async () => {
    const assets = async (query: string) => (await warnings(query)).items.map((w) => w.assetId);
    expect(await assets('?siteId=site-a')).toEqual(['A2', 'A1']);
    expect(await assets('?lineId=line-3')).toEqual(['A3']);
    expect(await assets('?band=high')).toEqual(['A1', 'A5']);
    expect(await assets('?siteId=site-b&band=high')).toEqual([]);
  });

  it('pages by cursor across the dated warnings into those without an estimate', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const body = await warnings(`?limit=1${cursor === null ? '' : `&cursor=${cursor}`}`);
      seen.push(...body.items.map((w) => w.assetId));
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(['A2', 'A1', 'A3', 'A5']);
    const two = await warnings('?limit=2');
    expect(two.items.map((w) => w.assetId)).toEqual(['A2', 'A1']);
    expect((await warnings(`?limit=2&cursor=${String(two.nextCursor)}`)).items.map((w) => w.assetId)).toEqual(
      ['A3', 'A5'],
    );
  });

  // Every key and token that authenticates carries read (admin implies it; a token with no known scope is a 401).
  it('needs a key or token with the read scope', async () => {
    const none = await fleet.api.app.inject({ method: 'GET', url: '/api/v1/fleet/warnings' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const scopeless = await signJwt(
      { sub: 'nobody', scope: 'write', exp, iss: 'test-idp' },
      FLEET_JWT_SECRET,
    );
    const refused = await fleet.api.app.inject({
      method: 'GET',
      url: '/api/v1/fleet/warnings',
      headers: { authorization: `Bearer ${scopeless}` },
    });
    expect(refused.statusCode).toBe(401);
    const reader = await signJwt({ sub: 'planner', scope: 'read', exp, iss: 'test-idp' }, FLEET_JWT_SECRET);
    const allowed = await fleet.api.app.inject({
      method: 'GET',
      url: '/api/v1/fleet/warnings',
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect((await get('/api/v1/assets/A1/horizon-risk?from=0&to=1', 'not-a-key')).statusCode).toBe(401);
  });

  it('answers a bad query with a problem+json 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['?limit=0', '/querystring/limit'],
      ['?limit=1001', '/querystring/limit'],
      ['?band=low', '/querystring/band'],
      ['?siteId=%20x', '/querystring/siteId'],
      ['?cursor=bm90LWEtY3Vyc29y', '/query/cursor'],
      ['?cursor=not%20base64', '/querystring/cursor'],
    ];
    for (const [query, path] of cases) {
      const res = await get(`/api/v1/fleet/warnings${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path),
        query,
      ).toContain(path);
    }
    const extra = await get('/api/v1/fleet/warnings?state=open');
    expect(extra.statusCode).toBe(400);
    expect(extra.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('shows the score kind, the expected failure time and the minutes to it on the episodes', async () => {
    const list = (await get('/api/v1/alert-episodes?state=all')).json<{ items: Episode[] }>().items;
    expect(
      new Map(list.map((e) => [e.assetId, [e.scoreKind, e.expectedFailureAt, e.minutesToFailure]])),
    ).toEqual(
      new Map([
        ['A1', ['horizon', FIXTURE_NOW - 10 * SECOND + 30 * MINUTE, 30]],
        ['A2', ['horizon', FIXTURE_NOW + 4 * MINUTE, 5]],
        ['A3', ['horizon', null, null]],
        ['A5', ['reading', null, null]],
        ['A4', ['horizon', FIXTURE_NOW - 4 * MINUTE, 1]],
      ]),
    );
    const one = (await get(`/api/v1/alert-episodes/${idOf('A2')}`)).json<Episode>();
    expect(one).toMatchObject({ scoreKind: 'horizon', expectedFailureAt: FIXTURE_NOW + 4 * MINUTE });
  });

  it("returns an asset's horizon risks of [from, to) oldest first, paginated, and 400 for a reversed range", async () => {
    const url = (query: string) => `/api/v1/assets/A1/horizon-risk?${query}`;
    const range = `from=${String(FIXTURE_NOW - 5 * MINUTE)}&to=${String(FIXTURE_NOW - 3 * MINUTE)}`;
    const res = await get(url(range));
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<HorizonRiskPage>();
    // `to` is exclusive: the row at 3 minutes ago is left out.
    expect(page.points.map((p) => [p.recordedAt, p.risk])).toEqual([
      [FIXTURE_NOW - 5 * MINUTE, 0.97],
      [FIXTURE_NOW - 4 * MINUTE, 0.9],
    ]);
    expect(page.nextCursor).toBeNull();
    const wide = `from=${String(FIXTURE_NOW - 10 * MINUTE)}&to=${String(FIXTURE_NOW)}`;
    const first = (await get(url(`${wide}&limit=2`))).json<HorizonRiskPage>();
    expect(first.points).toHaveLength(2);
    const rest = (
      await get(url(`${wide}&limit=2&cursor=${String(first.nextCursor)}`))
    ).json<HorizonRiskPage>();
    expect(rest.points.map((p) => [p.recordedAt, p.expectedMinutesToFailure])).toEqual([
      [FIXTURE_NOW - 3 * MINUTE, 30],
    ]);
    expect(rest.nextCursor).toBeNull();
    expect((await get(`/api/v1/assets/A3/horizon-risk?${wide}`)).json<HorizonRiskPage>().points).toEqual([]);

    const reversed = await get(url(`from=${String(FIXTURE_NOW)}&to=${String(FIXTURE_NOW - MINUTE)}`));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reversed.json()).toMatchObject({ status: 400, errors: [{ path: '/query/to' }] });
    const missing = await get(url(`to=${String(FIXTURE_NOW)}`));
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(
      '/querystring/from',
    );
  });
});
