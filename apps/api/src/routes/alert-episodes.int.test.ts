import { describe, expect, it } from 'vitest';
import type { Episode } from '../schemas/alert-episodes.js';
import { FIXTURE_NOW, fixtureReading } from '../testing/fleet-fixture.js';
import { useFleetApi } from '../testing/fleet-api.js';

const HOUR = 3_600_000;

// The alert episodes (ADR 0041) folded from seeded readings, and the actions on them.
describe('alert episode routes over a real database', () => {
  const fleet = useFleetApi();
  const { get, post } = fleet;

  describe('alert episodes', () => {
    const SECOND = 1_000;
    const series = (assetId: string, startAgoS: number, probabilities: readonly number[]) =>
      probabilities.map((p, i) => ({
        reading: {
          ...fixtureReading(assetId, FIXTURE_NOW - (startAgoS - i) * SECOND),
          siteId: `site-${assetId}`,
        },
        failureProbability: p,
      }));
    const list = async (query = '') =>
      (await get(`/api/v1/alert-episodes${query}`)).json().items as Episode[];

    it('lists one open episode per asset whose risk held, none for a single spike, filtered by band, asset and site', async () => {
      await fleet.api.seed([
        ...series('E1', 50, [0.7, 0.7, 0.7, 0.95]),
        ...series('E2', 20, [0.92, 0.95, 0.97]),
      ]);
      const res = await get('/api/v1/alert-episodes');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Episode[];
      // A1's latest reading (0.95) is a single spike: no episode.
      expect(items.map((e) => [e.assetId, e.band, e.state, e.peakProbability])).toEqual([
        ['E2', 'high', 'open', 0.97],
        ['E1', 'elevated', 'open', 0.95],
      ]);
      expect(items[1]).toMatchObject({
        episodeId: `E1~${String(FIXTURE_NOW - 48 * SECOND)}`,
        firstHighAt: FIXTURE_NOW - 50 * SECOND,
        lastHighAt: FIXTURE_NOW - 47 * SECOND,
        siteId: 'site-E1',
        notifications: [{ event: 'open', attempts: 0, deliveredAt: null, lastError: null }],
      });
      expect((await list('?band=high')).map((e) => e.assetId)).toEqual(['E2']);
      expect((await list('?siteId=site-E1')).map((e) => e.assetId)).toEqual(['E1']);
      expect(await list('?assetId=A1')).toEqual([]);
      expect(await list('?state=resolved')).toEqual([]);
      const page = (await get('/api/v1/alert-episodes?limit=1')).json();
      expect(page.items.map((e: Episode) => e.assetId)).toEqual(['E2']);
      const next = (await get(`/api/v1/alert-episodes?limit=1&cursor=${String(page.nextCursor)}`)).json();
      expect(next.items.map((e: Episode) => e.assetId)).toEqual(['E1']);
      expect((await get('/api/v1/alert-episodes/summary')).json()).toEqual({
        asOf: FIXTURE_NOW,
        open: 2,
        openHigh: 1,
        needsAttention: 2,
        openedLastMinute: 2,
        resolvedLastMinute: 0,
        pendingNotifications: 2,
        failingNotifications: 0,
      });
    });

    it('acknowledges, assigns and snoozes with the admin scope only; the first acknowledgement is kept', async () => {
      const id = `E1~${String(FIXTURE_NOW - 48 * SECOND)}`;
      expect((await post(`/api/v1/alert-episodes/${id}/ack`, {}, fleet.api.readApiKey)).statusCode).toBe(403);
      const ack = await post(`/api/v1/alert-episodes/${id}/ack`, { note: 'spindle checked' });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json()).toMatchObject({ acknowledgedAt: FIXTURE_NOW, note: 'spindle checked' });
      const by = ack.json<Episode>().acknowledgedBy;
      expect(by).toEqual(expect.any(String));
      expect((await post(`/api/v1/alert-episodes/${id}/ack`, null)).json()).toMatchObject({
        acknowledgedBy: by,
        note: 'spindle checked',
      });
      expect(
        (await post(`/api/v1/alert-episodes/${id}/assign`, { assignedTo: 'team-lathe' })).json(),
      ).toMatchObject({ assignedTo: 'team-lathe' });
      const e2 = `E2~${String(FIXTURE_NOW - 18 * SECOND)}`;
      const snoozed = await post(`/api/v1/alert-episodes/${e2}/snooze`, { until: FIXTURE_NOW + HOUR });
      expect(snoozed.json()).toMatchObject({ isSnoozed: true, snoozedUntil: FIXTURE_NOW + HOUR });
      expect(await list('?needsAttention=true')).toEqual([]);
      const past = await post(`/api/v1/alert-episodes/${e2}/snooze`, { until: FIXTURE_NOW - 1 });
      expect(past.statusCode).toBe(400);
      expect(past.json().errors[0].path).toBe('/body/until');
    });

    it('resolves an episode by hand once; a new hold of high readings opens a new episode', async () => {
      const id = `E1~${String(FIXTURE_NOW - 48 * SECOND)}`;
      const resolved = await post(`/api/v1/alert-episodes/${id}/resolve`, { note: 'tool replaced' });
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json()).toMatchObject({
        state: 'resolved',
        resolvedAt: FIXTURE_NOW,
        note: 'tool replaced',
      });
      expect((await post(`/api/v1/alert-episodes/${id}/resolve`, {})).json()).toMatchObject({
        state: 'resolved',
        resolvedAt: FIXTURE_NOW,
      });
      expect((await list('?state=resolved')).map((e) => e.episodeId)).toEqual([id]);
      await fleet.api.seed(series('E1', 10, [0.8, 0.8, 0.8]));
      const open = await list('?assetId=E1');
      expect(open).toMatchObject([{ state: 'open', episodeId: `E1~${String(FIXTURE_NOW - 8 * SECOND)}` }]);
      expect((await get(`/api/v1/alert-episodes/${id}`)).json()).toMatchObject({
        episodeId: id,
        state: 'resolved',
      });
    });

    it('answers 404 for an unknown episode and 400 for a malformed id', async () => {
      expect((await get(`/api/v1/alert-episodes/A1~${String(FIXTURE_NOW)}`)).statusCode).toBe(404);
      expect((await post(`/api/v1/alert-episodes/A1~${String(FIXTURE_NOW)}/ack`, {})).statusCode).toBe(404);
      expect((await post('/api/v1/alert-episodes/not-an-id/resolve', {})).statusCode).toBe(400);
    });
  });
});
