import { UpstreamError } from '@lakehouse/runtime';
import type { EpisodeMessage, NotificationChannel } from './episode-message.js';

/** Options of {@link createWebhookChannel}. */
export interface WebhookChannelOptions {
  readonly url: string;
  readonly timeoutMs: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/**
 * POSTs each message as JSON to a URL (a local receiver in the demo, a chat or ticketing webhook elsewhere). The
 * dedup key travels in the body and in an `Idempotency-Key` header; any answer but 2xx, a timeout or a network
 * error is a failed attempt whose message names the status and the start of the answer.
 */
export function createWebhookChannel(options: WebhookChannelOptions): NotificationChannel {
  const send = options.fetch ?? fetch;
  return {
    name: 'webhook',
    async send(message: EpisodeMessage): Promise<void> {
      let response: Response;
      try {
        response = await send(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': message.dedupKey,
            'user-agent': 'lakehouse-alert-notifier/1',
          },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (err: unknown) {
        throw new UpstreamError(
          'ALERT_DELIVERY_FAILED',
          `webhook not reached: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err, retryable: true, context: { dedupKey: message.dedupKey } },
        );
      }
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const text = (await response.text().catch(() => '')).slice(0, 200);
      throw new UpstreamError(
        'ALERT_DELIVERY_FAILED',
        `webhook answered ${String(response.status)}${text === '' ? '' : `: ${text}`}`,
        { retryable: true, context: { dedupKey: message.dedupKey, status: response.status } },
      );
    },
  };
}
