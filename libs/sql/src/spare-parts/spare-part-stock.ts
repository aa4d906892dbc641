import type { AssetType, SparePartStock, StockSource } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';
import { withTransaction } from '../with-transaction.js';

/** One stock row to store, with where it came from. */
export interface SparePartStockToStore {
  readonly stock: SparePartStock;
  readonly source: StockSource;
  /** Stock file it was read from (imports). */
  readonly sourceFile?: string;
  /** 1-based line of that file, header = 1 (imports). */
  readonly sourceLine?: number;
}

/** A stored stock row. */
export interface StoredSparePartStock extends SparePartStock {
  readonly source: StockSource;
  readonly sourceFile: string | null;
  readonly sourceLine: number | null;
  /** When a value last changed, epoch ms UTC. */
  readonly updatedAt: number;
}

/** What {@link upsertSparePartStock} did. */
export interface UpsertSparePartStockResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

const ROWS_PER_STATEMENT = 1_000;
const VALUE_COLUMNS = `s.site_id, s.part_id, s.description, s.asset_type, s.on_hand, s.on_order, s.reorder_point,
  s.reorder_quantity, s.lead_time_days`;

function stockOf(row: RowDataPacket): SparePartStock {
  return {
    siteId: String(row['site_id']),
    partId: String(row['part_id']),
    description: String(row['description']),
    assetType: String(row['asset_type']) as AssetType,
    onHand: Number(row['on_hand']),
    onOrder: Number(row['on_order']),
    reorderPoint: Number(row['reorder_point']),
    reorderQuantity: Number(row['reorder_quantity']),
    leadTimeDays: Number(row['lead_time_days']),
  };
}

const VALUE_KEYS = [
  'description',
  'assetType',
  'onHand',
  'onOrder',
  'reorderPoint',
  'reorderQuantity',
  'leadTimeDays',
] as const satisfies readonly (keyof SparePartStock)[];
const isSame = (a: SparePartStock, b: SparePartStock): boolean => VALUE_KEYS.every((k) => a[k] === b[k]);

/** The key columns compare case-insensitively (the schema's default collation); the checks here do the same. */
const keyOf = (s: { readonly siteId: string; readonly partId: string }): string =>
  `${s.siteId.toLowerCase()}\u0000${s.partId.toLowerCase()}`;

function readFailed(table: string, err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read ${table}: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table },
  });
}

/**
 * Upserts stock rows by (site, part) in one transaction: new keys inserted, rows whose values differ overwritten
 * (with the new provenance and `updated_at`), identical rows left alone, so a second import of the same file
 * changes nothing. Rows must be validated (libs/domain `validateSparePartStock`) and have distinct keys.
 */
export async function upsertSparePartStock(
  db: Pool | PoolConnection,
  rows: readonly SparePartStockToStore[],
): Promise<UpsertSparePartStockResult> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  if (new Set(rows.map((r) => keyOf(r.stock))).size !== rows.length)
    throw new Error('upsertSparePartStock needs distinct (site, part) keys');
  try {
    return await withTransaction(db, async (conn) => {
      let inserted = 0;
      let updated = 0;
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const slice = rows.slice(start, start + ROWS_PER_STATEMENT);
        // Locks the stored rows, so a concurrent import cannot change them between the comparison and the write.
        const [found] = await conn.query<RowDataPacket[]>(
          `SELECT ${VALUE_COLUMNS} FROM spare_part_stock s WHERE (s.site_id, s.part_id) IN (?) FOR UPDATE`,
          [slice.map((r) => [r.stock.siteId, r.stock.partId])],
        );
        const stored = new Map(found.map((r) => [keyOf(stockOf(r)), stockOf(r)]));
        const changed = slice.filter((r) => {
          const s = stored.get(keyOf(r.stock));
          return s === undefined || !isSame(s, r.stock);
        });
        const fresh = changed.filter((r) => !stored.has(keyOf(r.stock))).length;
        inserted += fresh;
        updated += changed.length - fresh;
        if (changed.length === 0) continue;
        const values = changed.flatMap((r) => {
          const s = r.stock;
          return [
            s.siteId,
            s.partId,
            s.description,
            s.assetType,
            s.onHand,
            s.onOrder,
            s.reorderPoint,
            s.reorderQuantity,
            s.leadTimeDays,
            r.source,
            r.sourceFile ?? null,
            r.sourceLine ?? null,
          ];
        });
        await conn.query(
          `INSERT INTO spare_part_stock (site_id, part_id, description, asset_type, on_hand, on_order, reorder_point,
             reorder_quantity, lead_time_days, source, source_file, source_line)
           VALUES ${changed.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE description = VALUES(description), asset_type = VALUES(asset_type),
             on_hand = VALUES(on_hand), on_order = VALUES(on_order), reorder_point = VALUES(reorder_point),
             reorder_quantity = VALUES(reorder_quantity), lead_time_days = VALUES(lead_time_days),
             source = VALUES(source), source_file = VALUES(source_file), source_line = VALUES(source_line),
             updated_at = CURRENT_TIMESTAMP(3)`,
          values,
        );
      }
      return { inserted, updated, unchanged: rows.length - inserted - updated };
    });
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'spare_part_stock', rows: rows.length });
  }
}

/** Stock rows by site and part, of one site when given: a scan of the (small) table or of one site's key range. */
export async function listSparePartStock(
  db: Pool | PoolConnection,
  filter: { readonly siteId?: string } = {},
): Promise<StoredSparePartStock[]> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT ${VALUE_COLUMNS}, s.source, s.source_file, s.source_line, s.updated_at FROM spare_part_stock s
       ${filter.siteId === undefined ? '' : 'WHERE s.site_id = ?'} ORDER BY s.site_id, s.part_id`,
      filter.siteId === undefined ? [] : [filter.siteId],
    );
    return rows.map((row) => {
      const updatedAt = row['updated_at'] as Date | string;
      return {
        ...stockOf(row),
        source: row['source'] as StockSource,
        sourceFile: (row['source_file'] as string | null) ?? null,
        sourceLine: row['source_line'] === null ? null : Number(row['source_line']),
        updatedAt: updatedAt instanceof Date ? updatedAt.getTime() : Date.parse(`${updatedAt}Z`),
      };
    });
  } catch (err: unknown) {
    throw readFailed('spare_part_stock', err);
  }
}
