import { createOciAuthProvider, createOnsPublisher } from '@lakehouse/oci';
import type { Logger } from '@lakehouse/runtime';
import type { Pool } from 'mysql2/promise';
import type { NotificationSettings } from '../../config.js';
import type { NotificationChannel } from './episode-message.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { createOnsChannel } from './ons-channel.js';
import { createWebhookChannel } from './webhook-channel.js';

/**
 * The dispatcher of the notification outbox, on the configured channel; null without one (rows stay pending and
 * show in the summary). It runs in the API process (ADR 0041): the outbox's leases make several instances safe.
 */
export async function createNotificationDispatcher(
  pool: Pool,
  settings: NotificationSettings,
  logger: Logger,
): Promise<NotificationDispatcher | null> {
  const { channel } = settings;
  if (channel === null) {
    logger.info('no alert notification channel configured; notifications stay pending in the outbox');
    return null;
  }
  const sender: NotificationChannel =
    channel.kind === 'webhook'
      ? createWebhookChannel({ url: channel.url, timeoutMs: settings.timeoutMs })
      : createOnsChannel({
          topicId: channel.topicOcid,
          publish: createOnsPublisher(await createOciAuthProvider(channel.auth, channel.env)),
        });
  logger.info({ channel: sender.name }, 'alert notifications enabled');
  return new NotificationDispatcher(pool, logger, {
    channel: sender,
    sendTimeoutMs: settings.timeoutMs,
    retry: settings.retry,
    batchSize: Math.max(1, Math.floor((settings.maxPerMinute * settings.pollMs) / 60_000)),
  });
}
