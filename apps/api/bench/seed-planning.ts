/**
 * What the API bench seeds beside the readings, so that the planning routes of issue #17 are timed on tables of a
 * realistic size rather than empty ones: the asset register, alert episodes (a year of resolved ones and an open one
 * for a fifth of the fleet), the hourly aggregates and daily rollups of the seeded readings (built by the same code
 * as the demo's), and a year of earlier rollup days copied from the built ones so a year-long trend reads a year.
 */
import { refreshAggregates } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';

const DAY_MS = 86_400_000;
const MANUFACTURERS = ['Alder Machine Works', 'Quillon Precision Lathes', 'Marrowgate Tooling'] as const;

/** Inserts `rows` in statements of `chunk` rows. */
async function insertChunks(pool: Pool, sql: string, rows: unknown[][], chunk = 1_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await pool.query(sql, [rows.slice(i, i + chunk)]);
}

/** One register row per asset: makers, install dates and criticalities spread deterministically. */
export async function seedRegister(pool: Pool, assetIds: readonly string[], nowMs: number): Promise<void> {
  const rows = assetIds.map((id, i) => {
    const installed = new Date(nowMs - ((i * 97) % 5_000) * DAY_MS - 30 * DAY_MS);
    return [
      id,
      MANUFACTURERS[i % MANUFACTURERS.length],
      `model-${String(i % 7)}`,
      installed.toISOString().slice(0, 10),
      120 + (i % 10) * 12,
      (['A', 'B', 'B', 'C'] as const)[i % 4],
      'generator',
    ];
  });
  await insertChunks(
    pool,
    `INSERT INTO asset_master_data (asset_id, manufacturer, model, installed_on, service_life_months, criticality,
      source) VALUES ?`,
    rows,
  );
}

/**
 * `perAsset` resolved episodes per asset spread over the year before `nowMs`, and an open one for every fifth
 * asset. Returns the number of episodes written.
 */
export async function seedEpisodes(
  pool: Pool,
  assetIds: readonly string[],
  nowMs: number,
  perAsset: number,
): Promise<number> {
  const rows: unknown[][] = [];
  const spacingMs = Math.floor((365 * DAY_MS) / (perAsset + 1));
  const episode = (id: string, openedMs: number, resolved: boolean, i: number): unknown[] => {
    const peak = 0.6 + ((i * 37) % 40) / 100;
    return [
      `${id}~${String(openedMs)}`,
      id,
      resolved ? 'resolved' : 'open',
      peak >= 0.9 ? 'high' : 'elevated',
      new Date(openedMs),
      new Date(openedMs - 10_000),
      new Date(openedMs + 60_000),
      peak,
      new Date(openedMs + 30_000),
      'TWF',
      resolved ? new Date(openedMs + 600_000) : null,
    ];
  };
  assetIds.forEach((id, a) => {
    for (let k = 1; k <= perAsset; k++) {
      rows.push(episode(id, nowMs - 366 * DAY_MS + k * spacingMs + a * 1_000, true, a + k));
    }
    if (a % 5 === 0) rows.push(episode(id, nowMs - 3_600_000 + a * 1_000, false, a));
  });
  await insertChunks(
    pool,
    `INSERT INTO alert_episodes (episode_id, asset_id, state, band, opened_at, first_high_at, last_high_at,
      peak_probability, peak_at, peak_modes, resolved_at) VALUES ?`,
    rows,
  );
  return rows.length;
}

/** Copies the first day of `table` to each of the `days` before it (every column but the day and build time). */
async function copyDaysBack(pool: Pool, table: string, days: number): Promise<void> {
  const [columns] = await pool.query<RowDataPacket[]>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = DATABASE() AND table_name = ? AND column_name NOT IN ('day_start', 'built_at')
     ORDER BY ordinal_position`,
    [table],
  );
  const list = columns.map((c) => `\`${String(c['name'])}\``).join(', ');
  const [[first]] = await pool.query<RowDataPacket[]>(`SELECT MIN(day_start) AS d FROM ${table}`);
  const firstDay = first?.['d'] as Date;
  for (let back = 1; back <= days; back++) {
    await pool.query(
      `INSERT INTO ${table} (day_start, ${list})
       SELECT DATE_SUB(?, INTERVAL ? DAY), ${list} FROM ${table} WHERE day_start = ?`,
      [firstDay, back, firstDay],
    );
  }
}

/**
 * Builds the hourly aggregates and daily rollups of the seeded readings with the demo's `refreshAggregates`, then
 * copies the built days of both rollup tables back over the `historyDays` before them, so the trend routes read a
 * year of rollups. Returns the rows in `daily_rollups`.
 */
export async function seedAggregates(
  pool: Pool,
  readingsFromMs: number,
  readingsToMs: number,
  historyDays: number,
  onProgress: (line: string) => void,
): Promise<number> {
  const instants: number[] = [];
  for (let t = readingsFromMs; t <= readingsToMs; t += 3_600_000) instants.push(t);
  instants.push(readingsToMs);
  await refreshAggregates(pool, instants, {
    onDay: ({ done, days }) => onProgress(`aggregates: day ${String(done)}/${String(days)}`),
  });
  for (const table of ['daily_rollups', 'daily_manufacturer_rollups']) {
    await copyDaysBack(pool, table, historyDays);
    onProgress(`rollup history: ${table}, ${String(historyDays)} days`);
  }
  const [[count]] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM daily_rollups');
  return Number(count?.['n']);
}
