import { backoffDelayMs, type BackoffPolicy, type Logger } from '@lakehouse/runtime';
import {
  claimDueNotifications,
  markNotificationDelivered,
  markNotificationFailed,
  type ClaimedNotification,
} from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { episodeMessage, type NotificationChannel } from './episode-message.js';

/** Settings of {@link NotificationDispatcher}. */
export interface DispatcherOptions {
  readonly channel: NotificationChannel;
  /** Longest a send may take; the claim's lease is this plus a margin. */
  readonly sendTimeoutMs: number;
  /** Delay after failed attempt n: backoffDelayMs(n, retry). */
  readonly retry: BackoffPolicy;
  /** Rows claimed per round. @default 20 */
  readonly batchSize?: number;
  /** From this many failed attempts on, every further failure is logged as an error (a human must act). @default 10 */
  readonly alarmAttempts?: number;
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number;
  /** Jitter source. @default Math.random */
  readonly random?: () => number;
}

/** What one round did. */
export interface DispatchRound {
  readonly claimed: number;
  readonly delivered: number;
  readonly failed: number;
}

/**
 * Delivers the notification outbox (alert_notifications) at least once: each round claims due rows (a lease, so
 * several API instances never send the same row at the same time, and a crashed one's rows come back), sends each
 * through the channel with its dedup key, and records the delivery, or the error and the next attempt after an
 * exponential backoff. Nothing is dropped: a row is retried until the channel accepts it, and its attempts and last
 * error are visible on the episode (GET /api/v1/alert-episodes/{id}) and in the summary.
 */
export class NotificationDispatcher {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<DispatchRound> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  /** Runs a round every `pollMs` until {@link stop}. */
  start(pollMs: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.logger.warn({ err }, 'notification round failed'));
    }, pollMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One round; a round still in progress is awaited instead of starting a second. */
  runOnce(): Promise<DispatchRound> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #round(): Promise<DispatchRound> {
    const now = this.options.now ?? Date.now;
    const claimed = await claimDueNotifications(this.pool, {
      nowMs: now(),
      leaseMs: this.options.sendTimeoutMs + 30_000,
      limit: this.options.batchSize ?? 20,
    });
    let delivered = 0;
    for (const notification of claimed) {
      if (await this.#deliver(notification, now)) delivered += 1;
    }
    return { claimed: claimed.length, delivered, failed: claimed.length - delivered };
  }

  async #deliver(notification: ClaimedNotification, now: () => number): Promise<boolean> {
    const { channel } = this.options;
    const facts = {
      dedupKey: notification.dedupKey,
      episodeId: notification.episodeId,
      event: notification.event,
      attempt: notification.attempt,
      channel: channel.name,
    };
    try {
      await channel.send(episodeMessage(notification));
    } catch (err: unknown) {
      const delayMs = backoffDelayMs(notification.attempt, this.options.retry, this.options.random);
      const reason = err instanceof Error ? err.message : String(err);
      await markNotificationFailed(
        this.pool,
        notification.notificationId,
        `attempt ${String(notification.attempt)}: ${reason}`,
        now() + delayMs,
      );
      const alarm = notification.attempt >= (this.options.alarmAttempts ?? 10);
      this.logger[alarm ? 'error' : 'warn'](
        { ...facts, err, retryInMs: delayMs },
        alarm ? 'alert notification still not delivered' : 'alert notification failed; will retry',
      );
      return false;
    }
    await markNotificationDelivered(this.pool, notification.notificationId, channel.name, now());
    this.logger.info(facts, 'alert notification delivered');
    return true;
  }
}
