import { DEFAULT_EPISODE_SETTINGS, type PlannedWorkOrder, type Reading } from '@lakehouse/domain';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeReading } from '../alert-episodes/fold-episode-batch.js';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { storeAndFold as storeAndFoldBatch } from '../testing/store-and-fold.js';
import { transitionWorkOrder } from './transition-work-order.js';
import { upsertWorkOrders } from './upsert-work-orders.js';

const T0 = Date.UTC(2026, 5, 1, 8);
const SECOND = 1_000;

/** A tool-life work order as the planner would write it. */
const planned: PlannedWorkOrder = {
  workOrderId: 'WO-B~tool~1',
  assetId: 'WO-B',
  action: 'replace_tool',
  source: 'tool_life',
  episodeId: null,
  priority: 4,
  dueAt: T0 + 3_600_000,
  reason: 'tool due',
};

function scored(assetId: string, startS: number, probabilities: readonly number[]): EpisodeReading[] {
  return probabilities.map((p, i) => ({
    reading: {
      assetId,
      assetType: 'L',
      siteId: 'WS1',
      lineId: 'WS1-L1',
      recordedAt: T0 + (startS + i) * SECOND,
      airTemperatureK: 298,
      processTemperatureK: 308,
      rotationalSpeedRpm: 1500,
      torqueNm: 40,
      toolWearMin: 150 + startS + i,
    } satisfies Reading,
    failureProbability: p,
    modelId: 3,
  }));
}

describe('work orders in MariaDB', () => {
  let db: TestDatabase;
  const known = new Set<string>();
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Stores and folds one batch as the ingest function does; `inside` runs before the commit (or rollback). */
  function storeAndFold(
    batch: EpisodeReading[],
    options: { modes?: string[]; inside?: (c: PoolConnection) => Promise<void>; rollback?: boolean } = {},
  ) {
    return storeAndFoldBatch(db.pool, batch, {
      known,
      settings: DEFAULT_EPISODE_SETTINGS,
      nowMs: T0 + 60 * SECOND,
      explain: () => ({ modes: options.modes ?? ['TWF'], detail: {} }),
      inside: options.inside,
      rollback: options.rollback,
    });
  }

  async function workOrders(assetId: string): Promise<RowDataPacket[]> {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT * FROM work_orders WHERE asset_id = ? ORDER BY created_at, work_order_id',
      [assetId],
    );
    return rows;
  }

  it('writes the work order of an opening episode in the fold transaction, and nothing when it rolls back', async () => {
    let inside: RowDataPacket[] = [];
    await storeAndFold(scored('WO-R', 0, [0.7, 0.7, 0.7]), {
      rollback: true,
      inside: async (c) => {
        [inside] = await c.query<RowDataPacket[]>('SELECT action FROM work_orders WHERE asset_id = ?', [
          'WO-R',
        ]);
      },
    });
    expect(inside.map((r) => r['action'])).toEqual(['replace_tool']);
    expect(await workOrders('WO-R')).toEqual([]);
  });

  it('opens one work order per action, attaches an escalation to it, and spends 2 statements on a quiet batch', async () => {
    const opened = await storeAndFold(scored('WO-A', 0, [0.7, 0.7, 0.7]), { modes: ['TWF', 'HDF'] });
    expect(opened).toMatchObject({ workOrdersCreated: 2 });
    const episodeId = `WO-A~${String(T0 + 2 * SECOND)}`;
    expect((await workOrders('WO-A')).map((w) => [w['work_order_id'], w['priority'], w['state']])).toEqual([
      [`${episodeId}~inspect_cooling`, 2, 'open'],
      [`${episodeId}~replace_tool`, 2, 'open'],
    ]);
    // A batch that opens or escalates nothing stays at the state read and write (ADR 0041).
    await storeAndFold(scored('WO-Q', 0, [0.1]));
    const quiet = await storeAndFold(scored('WO-Q', 1, [0.2]));
    expect(quiet).toMatchObject({ statements: 2, workOrdersCreated: 0 });
    expect(await workOrders('WO-Q')).toEqual([]);
    const escalated = await storeAndFold(scored('WO-A', 3, [0.95, 0.95, 0.95]));
    expect(escalated.events.map((e) => e.kind)).toEqual(['escalate']);
    expect(escalated.workOrdersCreated).toBe(0);
    const rows = await workOrders('WO-A');
    expect(rows.map((w) => [w['action'], w['priority'], w['episode_id']])).toEqual([
      ['inspect_cooling', 2, episodeId],
      ['replace_tool', 1, episodeId],
    ]);
  });

  it('attaches an episode to an active tool-life work order and counts the register criticality', async () => {
    await db.pool.query(
      `INSERT INTO asset_master_data (asset_id, manufacturer, model, installed_on, service_life_months, criticality,
         source) VALUES ('WO-B', 'Maker', 'M1', '2020-01-01', 120, 'C', 'generator')`,
    );
    const created = await upsertWorkOrders(db.pool, [planned], T0);
    expect(created.inserted).toBe(1);
    await storeAndFold(scored('WO-B', 0, [0.7, 0.7, 0.7]));
    const rows = await workOrders('WO-B');
    // Elevated on a C machine, due now: priority 2; the tool-life order keeps its id and source.
    expect(rows.map((w) => [w['work_order_id'], w['source'], w['priority'], w['episode_id']])).toEqual([
      ['WO-B~tool~1', 'tool_life', 2, `WO-B~${String(T0 + 2 * SECOND)}`],
    ]);
    expect(new Date(rows[0]?.['due_at'] as Date).getTime()).toBe(T0 + 2 * SECOND);
  });

  it('moves open → planned → done, clears the active key, takes a spare part, and refuses more', async () => {
    await db.pool.query(
      `INSERT INTO spare_part_stock (site_id, part_id, description, asset_type, on_hand, reorder_point,
         reorder_quantity, lead_time_days, source)
       VALUES ('WS1', 'TOOL-L1', 'L tool', 'L', 0, 1, 5, 7, 'generator'),
              ('WS1', 'TOOL-L2', 'L tool', 'L', 3, 1, 5, 7, 'generator')`,
    );
    const id = 'WO-B~tool~1';
    expect(
      await transitionWorkOrder(
        db.pool,
        id,
        { kind: 'plan', plannedFor: T0, assignedTo: 'ana', note: null },
        T0,
      ),
    ).toEqual({ kind: 'done', state: 'planned', stock: null });
    expect(
      await transitionWorkOrder(db.pool, id, { kind: 'done', doneAt: T0, by: 'key-1', note: 'new tool' }, T0),
    ).toEqual({
      kind: 'done',
      state: 'done',
      stock: { siteId: 'WS1', partId: 'TOOL-L2', onHand: 2, isTaken: true },
    });
    const [row] = await workOrders('WO-B');
    expect(row).toMatchObject({ state: 'done', active_key: null, assigned_to: 'ana', done_by: 'key-1' });
    expect(await transitionWorkOrder(db.pool, id, { kind: 'cancel', by: 'k', note: null }, T0)).toEqual({
      kind: 'illegal',
      state: 'done',
      transition: 'cancel',
    });
    expect(await transitionWorkOrder(db.pool, 'nope', { kind: 'cancel', by: 'k', note: null }, T0)).toEqual({
      kind: 'not-found',
    });
    // Cancelling leaves done_at NULL: the tool-wear read takes only done replacements by it (ADR 0045).
    await upsertWorkOrders(db.pool, [{ ...planned, workOrderId: 'WO-B~tool~2', dueAt: null }], T0);
    expect(
      await transitionWorkOrder(
        db.pool,
        'WO-B~tool~2',
        { kind: 'cancel', by: 'k', note: 'spare capacity' },
        T0,
      ),
    ).toMatchObject({ kind: 'done', state: 'cancelled', stock: null });
    expect((await workOrders('WO-B'))[1]).toMatchObject({ state: 'cancelled', done_at: null, done_by: 'k' });
    const [stock] = await db.pool.query<RowDataPacket[]>(
      "SELECT part_id, on_hand FROM spare_part_stock WHERE site_id = 'WS1' ORDER BY part_id",
    );
    expect(stock.map((s) => [s['part_id'], s['on_hand']])).toEqual([
      ['TOOL-L1', 0],
      ['TOOL-L2', 2],
    ]);
  });
});
