import {
  episodeWorkOrders,
  mergeWorkOrders,
  toolLifeWorkOrder,
  type PlannedWorkOrder,
} from '@lakehouse/domain';
import { withRetry, type Logger } from '@lakehouse/runtime';
import {
  listOpenEpisodesWithoutWorkOrder,
  readCriticalities,
  translateWriteError,
  upsertWorkOrders,
} from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { readCurrentToolWear } from '../../read-model/tool-wear.js';

/** Settings of {@link ToolLifePlanner}. */
export interface ToolLifePlannerOptions {
  /** A tool due within this much from now gets a work order (WORK_ORDER_TOOL_HORIZON_MS). */
  readonly horizonMs: number;
  /** Tool wear at which a tool is replaced, min (API_TOOL_REPLACEMENT_WEAR_MIN). */
  readonly replacementWearMin: number;
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/** What one planning round did. */
export interface ToolLifePlanRound {
  /** Reporting assets looked at. */
  readonly assets: number;
  /** Assets whose tool is due within the horizon. */
  readonly due: number;
  /** Work orders added (the others attached to an active replace_tool work order). */
  readonly created: number;
  /** Open episodes that no work order named and that got theirs in this round. */
  readonly episodesBackfilled: number;
}

/**
 * Plans tool replacements (ADR 0045): each round reads every reporting asset's remaining tool life (counting
 * replacements done on work orders) and upserts a `replace_tool` work order for each one due within the horizon.
 * It is also the backstop of the fold's work orders: an open episode that no work order names (opened before
 * migration 6, or whose work order a later episode took over) gets the work orders its opening asks for.
 * Runs in the API process like the notification dispatcher; several instances may run it at once, because the
 * unique active key lets only one active replace_tool work order per asset exist and a second write attaches to it.
 */
export class ToolLifePlanner {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<ToolLifePlanRound> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly options: ToolLifePlannerOptions,
  ) {}

  /** Runs a round every `intervalMs` until {@link stop}. */
  start(intervalMs: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.logger.warn({ err }, 'tool-life planning round failed'));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One round; a round still in progress is awaited instead of starting a second. */
  runOnce(): Promise<ToolLifePlanRound> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #round(): Promise<ToolLifePlanRound> {
    const nowMs = (this.options.now ?? Date.now)();
    const wear = await readCurrentToolWear(this.pool, {
      replacementWearMin: this.options.replacementWearMin,
    });
    const orphans = await listOpenEpisodesWithoutWorkOrder(this.pool);
    const criticalities = await readCriticalities(this.pool, [...new Set(orphans.map((o) => o.assetId))]);
    const episodeOrders = orphans.flatMap((o) =>
      episodeWorkOrders(
        {
          episodeId: o.episodeId,
          assetId: o.assetId,
          kind: 'open',
          band: o.band,
          modes: o.modes,
          at: o.openedAt,
        },
        criticalities.get(o.assetId.toLowerCase()) ?? null,
        { nowMs },
      ),
    );
    const toolOrders = wear.flatMap(
      (w) =>
        toolLifeWorkOrder(
          { assetId: w.assetId, dueAt: w.toolLife.dueAt, criticality: w.criticality },
          { nowMs, horizonMs: this.options.horizonMs },
        ) ?? [],
    );
    // One order of rows for every instance, so concurrent rounds lock the keys in the same order.
    const orders: PlannedWorkOrder[] = mergeWorkOrders([...episodeOrders, ...toolOrders]).sort((a, b) =>
      a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : a.action < b.action ? -1 : 1,
    );
    const { inserted } = await withRetry(
      async () => {
        try {
          return await upsertWorkOrders(this.pool, orders, nowMs);
        } catch (err: unknown) {
          throw translateWriteError(err, { table: 'work_orders', rows: orders.length });
        }
      },
      { maxAttempts: 3, initialDelayMs: 50 },
    );
    if (inserted > 0) {
      this.logger.info(
        { created: inserted, due: toolOrders.length, episodesBackfilled: orphans.length },
        'work orders planned',
      );
    }
    return {
      assets: wear.length,
      due: toolOrders.length,
      created: inserted,
      episodesBackfilled: orphans.length,
    };
  }
}
