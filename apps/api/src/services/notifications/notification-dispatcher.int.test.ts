import { createLogger } from '@lakehouse/runtime';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Episode } from '../../schemas/alert-episodes.js';
import { fixtureReading } from '../../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../../testing/start-test-api.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { createWebhookChannel } from './webhook-channel.js';

/*
 * Delivery of the notification outbox to a real HTTP receiver on this machine that fails a set number of times
 * before it accepts: the dispatcher retries with backoff (on an injected clock, so nothing waits), the receiver sees
 * the same dedup key every time, and the failures stay visible on the episode until the delivery succeeds.
 */

interface Received {
  readonly idempotencyKey: string | undefined;
  readonly body: { dedupKey: string; event: string; attempt: number; episode: { assetId: string } };
}

function receiver(failures: number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  let failed = 0;
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
      });
      if (failed < failures) {
        failed += 1;
        response.writeHead(503, { 'content-type': 'text/plain' }).end('receiver busy');
      } else {
        response.writeHead(204).end();
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${String(port)}/alerts`, received });
    });
  });
}

describe('notification dispatcher with a failing webhook receiver', () => {
  let api: TestApi;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const start = Date.UTC(2026, 2, 1, 9);
  let clock = start;

  beforeAll(async () => {
    hook = await receiver(2);
    api = await startTestApi({ listen: false, now: () => clock });
    await api.seed(
      [0.8, 0.85, 0.9, 0.93].map((p, i) => ({
        reading: fixtureReading('N1', start - 10_000 + i * 1_000),
        failureProbability: p,
      })),
    );
  });
  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => hook?.server.close(resolve));
  });

  const episode = async (): Promise<Episode> => {
    const list = await api.app.inject({
      url: '/api/v1/alert-episodes?assetId=N1',
      headers: { 'x-api-key': api.readApiKey },
    });
    return (list.json().items as Episode[])[0]!;
  };

  it('retries with backoff until the receiver accepts, delivers once with one dedup key, and shows the failures', async () => {
    const dispatcher = new NotificationDispatcher(
      api.pool,
      createLogger({ name: 'dispatcher-test', level: 'silent' }),
      {
        channel: createWebhookChannel({ url: hook.url, timeoutMs: 5_000 }),
        sendTimeoutMs: 5_000,
        retry: { initialDelayMs: 1_000, maxDelayMs: 4_000 },
        now: () => clock,
        random: () => 0.5,
      },
    );
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
    let seen = (await episode()).notifications[0]!;
    expect(seen).toMatchObject({ event: 'open', attempts: 1, deliveredAt: null });
    expect(seen.lastError).toMatch(/attempt 1: webhook answered 503: receiver busy/);
    const summary = await api.app.inject({
      url: '/api/v1/alert-episodes/summary',
      headers: { 'x-api-key': api.readApiKey },
    });
    expect(summary.json()).toMatchObject({ pendingNotifications: 1, failingNotifications: 1 });

    // Not due again before its backoff (750 ms after the first failure with this jitter).
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    clock += 1_000;
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
    clock += 2_000;
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    clock += 60_000;
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });

    expect(hook.received).toHaveLength(3);
    const keys = new Set(hook.received.flatMap((r) => [r.idempotencyKey, r.body.dedupKey]));
    expect(keys.size).toBe(1);
    expect(hook.received.map((r) => r.body.attempt)).toEqual([1, 2, 3]);
    expect(hook.received[0]?.body).toMatchObject({ event: 'open', episode: { assetId: 'N1' } });
    seen = (await episode()).notifications[0]!;
    expect(seen).toMatchObject({
      attempts: 3,
      deliveredVia: 'webhook',
      deliveredAt: start + 3_000,
      dedupKey: [...keys][0],
    });
    expect(seen.lastError).toMatch(/attempt 2: webhook answered 503/);
  });
});
