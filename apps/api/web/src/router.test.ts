import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './router.js';

describe('parseRoute', () => {
  it('reads every page from the fragment', () => {
    expect(parseRoute('#/fleet')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/assets/M-L-001')).toEqual({ name: 'asset', assetId: 'M-L-001' });
    expect(parseRoute('#/aggregates?siteId=plant-a')).toEqual({
      name: 'aggregates',
      assetId: undefined,
      siteId: 'plant-a',
    });
    expect(parseRoute('#/alerts?status=all')).toEqual({ name: 'alerts', status: 'all' });
    expect(parseRoute('#/asset-dashboard')).toEqual({ name: 'assetDashboard' });
    expect(parseRoute('#/probability')).toEqual({ name: 'probability' });
    expect(parseRoute('#/maintenance')).toEqual({ name: 'maintenance' });
    expect(parseRoute('#/spare-parts')).toEqual({ name: 'spareParts' });
  });

  it('falls back to the fleet overview and to open alerts for anything unknown', () => {
    expect(parseRoute('')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/assets/')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/alerts?status=bogus')).toEqual({ name: 'alerts', status: 'open' });
  });

  it('round-trips every route through its fragment, escaping asset ids', () => {
    const routes: Route[] = [
      { name: 'fleet' },
      { name: 'asset', assetId: 'M 1/2' },
      { name: 'aggregates', assetId: 'M-1', siteId: 'plant-a' },
      { name: 'aggregates', assetId: undefined, siteId: undefined },
      { name: 'alerts', status: 'open' },
      { name: 'alerts', status: 'resolved' },
      { name: 'assetDashboard' },
      { name: 'probability' },
      { name: 'maintenance' },
      { name: 'spareParts' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
