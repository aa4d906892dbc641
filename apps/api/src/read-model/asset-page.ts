import type { Pool, RowDataPacket } from 'mysql2/promise';
import { decodeCursor, encodeCursor } from './cursor.js';
import { readFailed } from './stored-reading.js';

/** One page of a list keyset-paginated by asset id. */
export interface AssetPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * Runs `select` (a query over `assets a`) for one page ordered by asset id: the conditions ANDed with the cursor's
 * `a.asset_id > ?`, one row more than the limit to know whether a next page exists, each row mapped by `toItem`.
 */
export async function queryAssetPage<T extends { readonly assetId: string }>(
  pool: Pool,
  select: string,
  conditions: { readonly where: readonly string[]; readonly params: readonly unknown[] },
  query: { readonly cursor?: string | undefined; readonly limit: number },
  toItem: (row: RowDataPacket) => T,
): Promise<AssetPage<T>> {
  const where = [...conditions.where];
  const params = [...conditions.params];
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor, ['string'] as const);
    where.push('a.asset_id > ?');
    params.push(after);
  }
  params.push(query.limit + 1);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(
      `${select}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.asset_id LIMIT ?`,
      params,
    );
  } catch (err: unknown) {
    throw readFailed('assets', err);
  }
  const items = rows.slice(0, query.limit).map(toItem);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.assetId]) : null,
  };
}
