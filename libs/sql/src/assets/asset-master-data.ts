import type { AssetMasterData, Criticality } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';
import { withTransaction } from '../with-transaction.js';

/** Who wrote a register row: the CSV import of a customer's register, or the simulated fleet's generator. */
export type AssetMasterDataSource = 'import' | 'generator';

/** One register entry to store, with where it came from. */
export interface AssetMasterDataToStore {
  readonly data: AssetMasterData;
  readonly source: AssetMasterDataSource;
  /** Register file it was read from (imports). */
  readonly sourceFile?: string;
  /** 1-based line of that file, header = 1 (imports). */
  readonly sourceLine?: number;
}

/** A stored register row. */
export interface StoredAssetMasterData extends AssetMasterData {
  readonly source: AssetMasterDataSource;
  readonly sourceFile: string | null;
  readonly sourceLine: number | null;
  /** When a value last changed, epoch ms UTC. */
  readonly updatedAt: number;
  /**
   * Where the asset's readings place it (`assets.site_id`, `line_id`), or null when it has not reported yet; the
   * register's own `siteId` / `lineId` are what the register file said.
   */
  readonly reported: { readonly siteId: string | null; readonly lineId: string | null } | null;
}

/** What {@link upsertAssetMasterData} did: rows new, rows whose values changed, rows already as given. */
export interface UpsertAssetMasterDataResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Entries per statement; a register of a few thousand machines takes a handful of round trips. */
const ROWS_PER_STATEMENT = 1_000;

const VALUE_COLUMNS = `m.asset_id, m.manufacturer, m.model, DATE_FORMAT(m.installed_on, '%Y-%m-%d') AS installed_on,
  m.service_life_months, m.criticality, m.site_id, m.line_id`;

interface ValueRow {
  readonly assetId: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly installedOn: string;
  readonly serviceLifeMonths: number;
  readonly criticality: string;
  readonly siteId: string | null;
  readonly lineId: string | null;
}

function valueRow(row: RowDataPacket): ValueRow {
  return {
    assetId: String(row['asset_id']),
    manufacturer: String(row['manufacturer']),
    model: String(row['model']),
    installedOn: String(row['installed_on']),
    serviceLifeMonths: Number(row['service_life_months']),
    criticality: String(row['criticality']),
    siteId: (row['site_id'] as string | null) ?? null,
    lineId: (row['line_id'] as string | null) ?? null,
  };
}

const isSame = (stored: ValueRow, data: AssetMasterData): boolean =>
  stored.manufacturer === data.manufacturer &&
  stored.model === data.model &&
  stored.installedOn === data.installedOn &&
  stored.serviceLifeMonths === data.serviceLifeMonths &&
  stored.criticality === data.criticality &&
  stored.siteId === (data.siteId ?? null) &&
  stored.lineId === (data.lineId ?? null);

function readFailed(err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read asset_master_data: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table: 'asset_master_data' },
  });
}

/**
 * Upserts register entries by asset id, in one transaction: new ids are inserted, rows whose values differ are
 * overwritten (with the new provenance and `updated_at`), rows already holding the same values are left alone, so
 * importing the same register twice changes nothing. The entries must be validated (libs/domain
 * `validateAssetMasterData`) and have distinct asset ids.
 */
export async function upsertAssetMasterData(
  db: Pool | PoolConnection,
  entries: readonly AssetMasterDataToStore[],
): Promise<UpsertAssetMasterDataResult> {
  if (entries.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  // The key column compares case-insensitively (the schema's default collation), so `m1` updates the row of `M1`
  // (keeping its spelling); the checks here compare the same way.
  const key = (assetId: string): string => assetId.toLowerCase();
  const ids = new Set(entries.map((e) => key(e.data.assetId)));
  if (ids.size !== entries.length) throw new Error('upsertAssetMasterData needs distinct asset ids');
  try {
    return await withTransaction(db, async (conn) => {
      let inserted = 0;
      let updated = 0;
      for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
        const slice = entries.slice(start, start + ROWS_PER_STATEMENT);
        // Locks the existing rows, so a concurrent import cannot change them between the comparison and the write.
        const [rows] = await conn.query<RowDataPacket[]>(
          `SELECT ${VALUE_COLUMNS} FROM asset_master_data m WHERE m.asset_id IN (?) FOR UPDATE`,
          [slice.map((e) => e.data.assetId)],
        );
        const stored = new Map(rows.map((r) => [key(String(r['asset_id'])), valueRow(r)]));
        const changed = slice.filter((e) => {
          const row = stored.get(key(e.data.assetId));
          return row === undefined || !isSame(row, e.data);
        });
        inserted += changed.filter((e) => !stored.has(key(e.data.assetId))).length;
        updated += changed.filter((e) => stored.has(key(e.data.assetId))).length;
        if (changed.length === 0) continue;
        const values: unknown[] = [];
        for (const e of changed) {
          const d = e.data;
          values.push(
            d.assetId,
            d.manufacturer,
            d.model,
            d.installedOn,
            d.serviceLifeMonths,
            d.criticality,
            d.siteId ?? null,
            d.lineId ?? null,
            e.source,
            e.sourceFile ?? null,
            e.sourceLine ?? null,
          );
        }
        await conn.query(
          `INSERT INTO asset_master_data (asset_id, manufacturer, model, installed_on, service_life_months, criticality,
             site_id, line_id, source, source_file, source_line)
           VALUES ${changed.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE manufacturer = VALUES(manufacturer), model = VALUES(model),
             installed_on = VALUES(installed_on), service_life_months = VALUES(service_life_months),
             criticality = VALUES(criticality), site_id = VALUES(site_id), line_id = VALUES(line_id),
             source = VALUES(source), source_file = VALUES(source_file), source_line = VALUES(source_line),
             updated_at = CURRENT_TIMESTAMP(3)`,
          values,
        );
      }
      return { inserted, updated, unchanged: entries.length - inserted - updated };
    });
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'asset_master_data', rows: entries.length });
  }
}

const SELECT_STORED = `SELECT ${VALUE_COLUMNS}, m.source, m.source_file, m.source_line, m.updated_at,
  a.asset_id AS reported_asset_id, a.site_id AS reported_site_id, a.line_id AS reported_line_id
FROM asset_master_data m LEFT JOIN assets a ON a.asset_id = m.asset_id`;

function storedRow(row: RowDataPacket): StoredAssetMasterData {
  const v = valueRow(row);
  const updatedAt = row['updated_at'] as Date | string;
  return {
    assetId: v.assetId,
    manufacturer: v.manufacturer,
    model: v.model,
    installedOn: v.installedOn,
    serviceLifeMonths: v.serviceLifeMonths,
    criticality: v.criticality as Criticality,
    ...(v.siteId === null ? {} : { siteId: v.siteId }),
    ...(v.lineId === null ? {} : { lineId: v.lineId }),
    source: row['source'] as AssetMasterDataSource,
    sourceFile: (row['source_file'] as string | null) ?? null,
    sourceLine: row['source_line'] === null ? null : Number(row['source_line']),
    updatedAt: updatedAt instanceof Date ? updatedAt.getTime() : Date.parse(`${updatedAt}Z`),
    reported:
      row['reported_asset_id'] === null
        ? null
        : {
            siteId: (row['reported_site_id'] as string | null) ?? null,
            lineId: (row['reported_line_id'] as string | null) ?? null,
          },
  };
}

/** The register row of one asset (with where its readings place it), or null when the register lacks it. */
export async function getAssetMasterData(
  db: Pool | PoolConnection,
  assetId: string,
): Promise<StoredAssetMasterData | null> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(`${SELECT_STORED} WHERE m.asset_id = ?`, [assetId]);
    const row = rows[0];
    return row === undefined ? null : storedRow(row);
  } catch (err: unknown) {
    throw readFailed(err);
  }
}

/**
 * Every register row, by asset id, each with where its readings place it. One scan of the register and a
 * primary-key lookup in `assets` per row: the register has one row per machine (hundreds to thousands).
 */
export async function listAssetMasterData(db: Pool | PoolConnection): Promise<StoredAssetMasterData[]> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(`${SELECT_STORED} ORDER BY m.asset_id`);
    return rows.map(storedRow);
  } catch (err: unknown) {
    throw readFailed(err);
  }
}

/** Assets that report readings (rows of `assets`) but have no register row. */
export async function countAssetsWithoutMasterData(db: Pool | PoolConnection): Promise<number> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM assets a LEFT JOIN asset_master_data m ON m.asset_id = a.asset_id
       WHERE m.asset_id IS NULL`,
    );
    return Number(rows[0]?.['n'] ?? 0);
  } catch (err: unknown) {
    throw readFailed(err);
  }
}
