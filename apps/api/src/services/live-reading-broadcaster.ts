import { riskBandOf } from '@lakehouse/domain';
import type { Logger } from '@lakehouse/runtime';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { epochMs, storedReadingColumns, toStoredReading } from '../read-model/stored-reading.js';
import type { LiveReadingEvent } from '../schemas/live.js';

/** An event for SSE clients. */
export type LiveEvent = { readonly event: 'reading'; readonly data: LiveReadingEvent };

/** Receives events; returns nothing, must not throw. */
export type LiveListener = (event: LiveEvent) => void;

const CHANGED_SQL = `SELECT a.asset_id, a.asset_type, a.site_id, a.line_id, a.last_seen_at, ${storedReadingColumns('r')}
FROM assets a JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at
WHERE a.last_seen_at >= ?
ORDER BY a.last_seen_at`;

/**
 * One poller for every SSE client: while at least one client listens, it asks the small `assets` table every
 * `pollMs` which assets have a newer `last_seen_at` (maintained by ingest, so nothing is added to the write path),
 * reads those assets' latest readings by primary key, and fans them out as `reading` events. Alerts are episodes
 * (ADR 0041), read from their own table. Cost per poll: a scan of the fleet table, independent of clients.
 */
export class LiveReadingBroadcaster {
  readonly #listeners = new Set<LiveListener>();
  #watermark: Date | null = null;
  /** Assets already pushed at exactly the watermark instant: a later commit with the same instant is not lost. */
  #atWatermark = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #polling = false;
  #primed: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly options: { readonly pollMs: number },
  ) {}

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /**
   * Adds a listener; resolves once the feed knows where "now" is, so every reading stored after that resolves is
   * delivered. Returns the function that removes the listener.
   */
  async subscribe(listener: LiveListener): Promise<() => void> {
    this.#listeners.add(listener);
    if (this.#timer === undefined) {
      this.#primed ??= this.#prime();
      this.#timer = setInterval(() => void this.poll(), this.options.pollMs);
      this.#timer.unref();
    }
    await this.#primed;
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
    };
  }

  async #prime(): Promise<void> {
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>('SELECT MAX(last_seen_at) AS m FROM assets');
      const m: unknown = rows[0]?.['m'];
      this.#watermark = m === null || m === undefined ? new Date(0) : new Date(epochMs(m));
      // Everything at the starting instant is history: mark it as pushed.
      const [current] = await this.pool.query<RowDataPacket[]>(
        'SELECT asset_id FROM assets WHERE last_seen_at = ?',
        [this.#watermark],
      );
      this.#atWatermark = new Set(current.map((r) => String(r['asset_id'])));
    } catch (err: unknown) {
      this.logger.warn({ err }, 'live feed cannot read assets; retrying on the next poll');
    }
  }

  /** One poll (also called by the timer); concurrent calls are skipped. */
  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      if (this.#watermark === null) {
        await this.#prime();
        return;
      }
      const [rows] = await this.pool.query<RowDataPacket[]>(CHANGED_SQL, [this.#watermark]);
      // stop() may have run while the query was out: the rows belong to a feed nobody listens to any more.
      if (this.#watermark === null) return;
      for (const row of rows) {
        const reading = toStoredReading(row);
        if (reading === null) continue;
        const seen = epochMs(row['last_seen_at']);
        const id = String(row['asset_id']);
        if (seen === this.#watermark.getTime()) {
          if (this.#atWatermark.has(id)) continue;
          this.#atWatermark.add(id);
        } else if (seen > this.#watermark.getTime()) {
          this.#watermark = new Date(seen);
          this.#atWatermark = new Set([id]);
        }
        const asset = {
          assetId: id,
          assetType: String(row['asset_type']),
          siteId: (row['site_id'] as string | null) ?? null,
          lineId: (row['line_id'] as string | null) ?? null,
        };
        this.#emit({
          event: 'reading',
          data: { ...asset, riskBand: riskBandOf(reading.failureProbability), reading },
        });
      }
    } catch (err: unknown) {
      this.logger.warn({ err }, 'live feed poll failed');
    } finally {
      this.#polling = false;
    }
  }

  #emit(event: LiveEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Stops polling (the next subscriber starts it again). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#primed = null;
    this.#watermark = null;
  }
}
