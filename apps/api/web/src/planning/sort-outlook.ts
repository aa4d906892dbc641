import type { AssetOutlook } from '../../../src/schemas/route-schemas.js';

/** Orders of the probability page's asset table. */
export const OUTLOOK_ORDERS = ['probability', 'endOfLife'] as const;
export type OutlookOrder = (typeof OUTLOOK_ORDERS)[number];

const byId = (a: AssetOutlook, b: AssetOutlook) =>
  a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0;

/**
 * Highest current failure probability first, or earliest end of life first; assets without the value (not
 * scored, not in the register) last, ties by asset id so the order is stable between refreshes.
 */
export function sortOutlook(items: readonly AssetOutlook[], order: OutlookOrder): AssetOutlook[] {
  const value = (a: AssetOutlook): number | null =>
    order === 'probability' ? a.failureProbability : (a.endOfLife?.endOfLifeAt ?? null);
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byId(a, b) : va === null ? 1 : -1;
    const diff = order === 'probability' ? vb - va : va - vb;
    return diff !== 0 ? diff : byId(a, b);
  });
}
