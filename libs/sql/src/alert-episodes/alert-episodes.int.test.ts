import { DEFAULT_EPISODE_SETTINGS, type Reading } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { storeAndFold as storeAndFoldBatch } from '../testing/store-and-fold.js';
import { ensureAlertAssetStates, foldEpisodeBatch, type EpisodeReading } from './fold-episode-batch.js';
import {
  claimDueNotifications,
  markNotificationDelivered,
  markNotificationFailed,
} from './notification-outbox.js';
import { resolveEpisodeByHand } from './resolve-episode-by-hand.js';

const T0 = Date.UTC(2026, 5, 1, 8);
const SECOND = 1_000;

function scored(assetId: string, startS: number, probabilities: readonly number[]): EpisodeReading[] {
  return probabilities.map((p, i) => ({
    reading: {
      assetId,
      assetType: 'M',
      siteId: 'S1',
      lineId: 'S1-L1',
      recordedAt: T0 + (startS + i) * SECOND,
      airTemperatureK: 298,
      processTemperatureK: 308,
      rotationalSpeedRpm: 1500,
      torqueNm: 40,
      toolWearMin: Math.round(p * 100),
    } satisfies Reading,
    failureProbability: p,
    modelId: 3,
  }));
}

describe('alert episodes in MariaDB', () => {
  let db: TestDatabase;
  const known = new Set<string>();
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Stores and folds one batch the way the ingest function does. */
  function storeAndFold(batch: EpisodeReading[]) {
    return storeAndFoldBatch(db.pool, batch, {
      known,
      settings: { ...DEFAULT_EPISODE_SETTINGS, resolveAfterMs: 2 * SECOND },
      nowMs: T0,
      explain: (r) => ({ modes: ['OSF'], detail: { toolWearMin: r.toolWearMin } }),
    });
  }

  async function episode(assetId: string): Promise<RowDataPacket | undefined> {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT * FROM alert_episodes WHERE asset_id = ? ORDER BY opened_at DESC LIMIT 1',
      [assetId],
    );
    return rows[0];
  }

  it('does nothing, in no statement, for a batch without scores', async () => {
    const connection = await db.pool.getConnection();
    try {
      const result = await foldEpisodeBatch(
        connection,
        scored('SQ-NONE', 0, [0.9]).map((r) => ({ ...r, failureProbability: null })),
        { settings: DEFAULT_EPISODE_SETTINGS, nowMs: T0 },
      );
      expect(result).toMatchObject({ assets: 0, ignored: 1, statements: 0 });
    } finally {
      connection.release();
    }
  });

  it('folds with few statements and explains a peak read back from an earlier batch', async () => {
    await storeAndFold(scored('SQ-A', 0, [0.2, 0.8]));
    const opened = await storeAndFold([...scored('SQ-A', 2, [0.7, 0.65]), ...scored('SQ-B', 0, [0.1])]);
    // state read, peak read-back, episodes, states, outbox, criticality, work orders
    expect(opened).toMatchObject({
      assets: 2,
      folded: 3,
      statements: 7,
      notificationsQueued: 1,
      workOrdersCreated: 1,
    });
    expect(await episode('SQ-A')).toMatchObject({
      state: 'open',
      peak_probability: 0.8,
      peak_modes: 'OSF',
      peak_model_id: 3,
    });
    expect(await ensureAlertAssetStates(db.pool, ['SQ-A', 'SQ-B'], known)).toBe(0);
  });

  it('keeps operator fields and the peak explanation when the fold updates an episode', async () => {
    const before = await episode('SQ-A');
    await db.pool.query("UPDATE alert_episodes SET assigned_to = 'team-a', note = 'n' WHERE episode_id = ?", [
      before?.['episode_id'],
    ]);
    await storeAndFold(scored('SQ-A', 4, [0.75]));
    expect(await episode('SQ-A')).toMatchObject({
      assigned_to: 'team-a',
      note: 'n',
      peak_modes: 'OSF',
      peak_probability: 0.8,
    });
  });

  it('resolves by hand: the episode is closed and a new one needs a full hold', async () => {
    const open = await episode('SQ-A');
    const id = String(open?.['episode_id']);
    expect(await resolveEpisodeByHand(db.pool, id, 'key-1', 'replaced the tool', T0 + 10 * SECOND)).toBe(
      'resolved',
    );
    expect(await resolveEpisodeByHand(db.pool, id, 'key-1', null, T0 + 11 * SECOND)).toBe('already-resolved');
    expect(await resolveEpisodeByHand(db.pool, 'SQ-A~1', 'key-1', null, T0)).toBe('not-found');
    expect(await episode('SQ-A')).toMatchObject({
      state: 'resolved',
      resolved_by: 'key-1',
      note: 'replaced the tool',
    });
    await storeAndFold(scored('SQ-A', 5, [0.9, 0.9]));
    expect((await episode('SQ-A'))?.['episode_id']).toBe(id);
    await storeAndFold(scored('SQ-A', 7, [0.9]));
    expect(await episode('SQ-A')).toMatchObject({ state: 'open' });
    expect((await episode('SQ-A'))?.['episode_id']).not.toBe(id);
  });

  it('claims each due notification once, retries a failure later, and records the delivery', async () => {
    const now = T0 + 60 * SECOND;
    const [first, second] = await Promise.all([
      claimDueNotifications(db.pool, { nowMs: now, leaseMs: 30_000, limit: 10 }),
      claimDueNotifications(db.pool, { nowMs: now, leaseMs: 30_000, limit: 10 }),
    ]);
    const claimed = [...(first ?? []), ...(second ?? [])];
    expect(claimed.map((c) => c.event).sort()).toEqual(['open', 'open']);
    expect(new Set(claimed.map((c) => c.notificationId)).size).toBe(2);
    expect(claimed[0]).toMatchObject({
      attempt: 1,
      episode: { assetId: 'SQ-A', siteId: 'S1', peakModes: ['OSF'] },
    });
    // Leased: nothing is due until the lease ends.
    expect(await claimDueNotifications(db.pool, { nowMs: now + 1, leaseMs: 30_000, limit: 10 })).toEqual([]);

    const [a, b] = claimed as [(typeof claimed)[0], (typeof claimed)[0]];
    await markNotificationFailed(db.pool, a.notificationId, 'HTTP 503', now + 5_000);
    await markNotificationDelivered(db.pool, b.notificationId, 'webhook', now);
    const retry = await claimDueNotifications(db.pool, { nowMs: now + 5_000, leaseMs: 30_000, limit: 10 });
    expect(retry.map((r) => [r.notificationId, r.attempt])).toEqual([[a.notificationId, 2]]);
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT notification_id, attempts, last_error, delivered_via FROM alert_notifications ORDER BY notification_id',
    );
    expect(rows.find((r) => r['notification_id'] === a.notificationId)).toMatchObject({
      attempts: 2,
      last_error: 'HTTP 503',
      delivered_via: null,
    });
    expect(rows.find((r) => r['notification_id'] === b.notificationId)).toMatchObject({
      attempts: 1,
      delivered_via: 'webhook',
    });
  });

  it('holds back the notifications of a snoozed episode until the snooze ends', async () => {
    const now = T0 + 120 * SECOND;
    await storeAndFold(scored('SQ-C', 0, [0.7, 0.7, 0.7]));
    await db.pool.query("UPDATE alert_episodes SET snoozed_until = ? WHERE asset_id = 'SQ-C'", [
      new Date(now + 60_000),
    ]);
    const due = (at: number) => claimDueNotifications(db.pool, { nowMs: at, leaseMs: 1_000, limit: 10 });
    expect((await due(now)).filter((n) => n.episode.assetId === 'SQ-C')).toEqual([]);
    expect((await due(now + 60_000)).map((n) => n.episode.assetId)).toContain('SQ-C');
  });

  it('folds on the horizon risk when readings carry one: score kind horizon and the expected failure time', async () => {
    /** Low probabilities, the given horizon risks; failure expected `lead` seconds after each reading. */
    const ahead = (startS: number, risks: readonly number[], leadS: number | null): EpisodeReading[] =>
      scored(
        'SQ-H',
        startS,
        risks.map(() => 0.05),
      ).map((r, i) => ({
        ...r,
        horizonRisk: risks[i] ?? null,
        expectedFailureAt: leadS === null ? null : r.reading.recordedAt + leadS * SECOND,
      }));
    const opened = await storeAndFold(ahead(0, [0.7, 0.8, 0.75], 300));
    expect(opened).toMatchObject({ folded: 3, events: [{ kind: 'open' }] });
    let row = await episode('SQ-H');
    expect(row).toMatchObject({ state: 'open', score_kind: 'horizon', peak_probability: 0.8 });
    expect((row?.['expected_failure_at'] as Date).getTime()).toBe(T0 + 2 * SECOND + 300 * SECOND);
    // A later batch starts from the stored state: the kind stays, the expected time follows the last high reading.
    await storeAndFold(ahead(3, [0.65, 0.55], 100));
    row = await episode('SQ-H');
    expect(row).toMatchObject({ score_kind: 'horizon' });
    expect((row?.['expected_failure_at'] as Date).getTime()).toBe(T0 + 3 * SECOND + 100 * SECOND);
    await storeAndFold(ahead(5, [0.9], null));
    expect((await episode('SQ-H'))?.['expected_failure_at']).toBeNull();
    // The per-reading probability is stored as before and did not drive the episode.
    const [readings] = await db.pool.query<RowDataPacket[]>(
      "SELECT DISTINCT failure_probability FROM readings WHERE asset_id = 'SQ-H'",
    );
    expect(readings.map((r) => r['failure_probability'])).toEqual([0.05]);
  });

  it('records score kind reading and no expected failure time without a horizon risk', async () => {
    await storeAndFold(scored('SQ-R', 0, [0.7, 0.7, 0.7]));
    expect(await episode('SQ-R')).toMatchObject({ score_kind: 'reading', expected_failure_at: null });
  });
});
