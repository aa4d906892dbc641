/** The asset filters the list and KPI routes share. */
export interface AssetFilterQuery {
  readonly siteId?: string | undefined;
  readonly lineId?: string | undefined;
  readonly assetType?: string | undefined;
}

/** WHERE conditions on `assets a` for the filters that are set, with their parameters (ANDed by the caller). */
export function assetFilterConditions(query: AssetFilterQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.siteId !== undefined) {
    where.push('a.site_id = ?');
    params.push(query.siteId);
  }
  if (query.lineId !== undefined) {
    where.push('a.line_id = ?');
    params.push(query.lineId);
  }
  if (query.assetType !== undefined) {
    where.push('a.asset_type = ?');
    params.push(query.assetType);
  }
  return { where, params };
}
