/** The dashboard's pages, addressed by the URL fragment (`#/assets/M-001`), so a static server is enough. */
export type Route =
  | { readonly name: 'fleet' }
  | { readonly name: 'asset'; readonly assetId: string }
  | { readonly name: 'aggregates'; readonly assetId: string | undefined; readonly siteId: string | undefined }
  | { readonly name: 'alerts'; readonly status: 'open' | 'resolved' | 'all' }
  | { readonly name: 'assetDashboard' }
  | { readonly name: 'probability' }
  | { readonly name: 'maintenance' }
  | { readonly name: 'spareParts' };

/** Parses a fragment; anything unknown is the fleet overview. */
export function parseRoute(hash: string): Route {
  const [path = '', queryText = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(queryText);
  const parts = path.split('/').filter((p) => p !== '');
  const optional = (name: string) => {
    const value = query.get(name);
    return value === null || value === '' ? undefined : value;
  };
  if (parts[0] === 'assets' && parts[1] !== undefined) {
    return { name: 'asset', assetId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'aggregates') {
    return { name: 'aggregates', assetId: optional('assetId'), siteId: optional('siteId') };
  }
  if (parts[0] === 'alerts') {
    const status = query.get('status');
    return { name: 'alerts', status: status === 'resolved' || status === 'all' ? status : 'open' };
  }
  if (parts[0] === 'asset-dashboard') return { name: 'assetDashboard' };
  if (parts[0] === 'probability') return { name: 'probability' };
  if (parts[0] === 'maintenance') return { name: 'maintenance' };
  if (parts[0] === 'spare-parts') return { name: 'spareParts' };
  return { name: 'fleet' };
}

/** The fragment of a route (inverse of {@link parseRoute}). */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'fleet':
      return '#/fleet';
    case 'asset':
      return `#/assets/${encodeURIComponent(route.assetId)}`;
    case 'aggregates': {
      const query = new URLSearchParams();
      if (route.assetId !== undefined) query.set('assetId', route.assetId);
      if (route.siteId !== undefined) query.set('siteId', route.siteId);
      const text = query.toString();
      return text === '' ? '#/aggregates' : `#/aggregates?${text}`;
    }
    case 'alerts':
      return route.status === 'open' ? '#/alerts' : `#/alerts?status=${route.status}`;
    case 'assetDashboard':
      return '#/asset-dashboard';
    case 'probability':
      return '#/probability';
    case 'maintenance':
      return '#/maintenance';
    case 'spareParts':
      return '#/spare-parts';
  }
}
