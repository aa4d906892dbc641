import { mergeWorkOrders, toolLifeWorkOrder, type PlannedWorkOrder } from '@lakehouse/domain';
import { withRetry, type Logger } from '@lakehouse/runtime';
import { translateWriteError, upsertWorkOrders } from '@lakehouse/sql';
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
}

/**
 * Plans tool replacements (ADR 0045): each round reads every reporting asset's remaining tool life (counting
 * replacements done on work orders) and upserts a `replace_tool` work order for each one due within the horizon.
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
    const orders: PlannedWorkOrder[] = mergeWorkOrders(
      wear.flatMap(
        (w) =>
          toolLifeWorkOrder(
            { assetId: w.assetId, dueAt: w.toolLife.dueAt, criticality: w.criticality },
            { nowMs, horizonMs: this.options.horizonMs },
          ) ?? [],
      ),
      // One order of rows for every instance, so concurrent rounds lock the keys in the same order.
    ).sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
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
    if (inserted > 0) this.logger.info({ created: inserted, due: orders.length }, 'tool changes planned');
    return { assets: wear.length, due: orders.length, created: inserted };
  }
}
