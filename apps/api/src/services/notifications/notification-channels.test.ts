import type { ClaimedNotification } from '@lakehouse/sql';
import { describe, expect, it } from 'vitest';
import { episodeMessage, episodeTitle } from './episode-message.js';
import { createOnsChannel } from './ons-channel.js';
import { createWebhookChannel } from './webhook-channel.js';

const AT = Date.UTC(2026, 3, 1, 10);
const claimed: ClaimedNotification = {
  notificationId: 7,
  episodeId: `M-01~${String(AT)}`,
  event: 'escalate',
  eventAt: AT + 5_000,
  dedupKey: `alert-episode/M-01~${String(AT)}/escalate`,
  attempt: 2,
  episode: {
    assetId: 'M-01',
    assetType: 'L',
    siteId: 'plant-a',
    lineId: 'line-1',
    state: 'open',
    band: 'high',
    openedAt: AT,
    firstHighAt: AT - 2_000,
    lastHighAt: AT + 5_000,
    peakProbability: 0.934,
    peakAt: AT + 4_000,
    peakModes: ['TWF', 'OSF'],
  },
};

describe('episode messages', () => {
  it('carry the dedup key, the event and the episode with ISO instants', () => {
    const message = episodeMessage(claimed);
    expect(message).toMatchObject({
      schema: 'lakehouse.alert-episode.v1',
      dedupKey: claimed.dedupKey,
      event: 'escalate',
      attempt: 2,
      eventAt: '2026-04-01T10:00:05.000Z',
      episode: {
        assetId: 'M-01',
        band: 'high',
        openedAt: '2026-04-01T10:00:00.000Z',
        peakModes: ['TWF', 'OSF'],
      },
    });
    expect(episodeTitle(message)).toBe(
      'failure risk escalated to HIGH: M-01 (plant-a / line-1), peak 93 %, TWF+OSF',
    );
    expect(
      episodeTitle(
        episodeMessage({
          ...claimed,
          event: 'open',
          episode: { ...claimed.episode, siteId: null, lineId: null, peakModes: [] },
        }),
      ),
    ).toBe('failure risk alert: M-01, peak 93 %');
  });
});

describe('webhook channel', () => {
  it('POSTs the JSON with the dedup key as Idempotency-Key and accepts any 2xx', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const channel = createWebhookChannel({
      url: 'http://hooks.example/alerts',
      timeoutMs: 1_000,
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response(null, { status: 202 });
      },
    });
    await channel.send(episodeMessage(claimed));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init.method).toBe('POST');
    expect((calls[0]?.init.headers as Record<string, string>)['idempotency-key']).toBe(claimed.dedupKey);
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({ dedupKey: claimed.dedupKey });
  });

  it('fails with the status and the start of the answer, or the network error, as retryable', async () => {
    const refusing = createWebhookChannel({
      url: 'http://hooks.example/alerts',
      timeoutMs: 1_000,
      fetch: async () => new Response('x'.repeat(500), { status: 500 }),
    });
    await expect(refusing.send(episodeMessage(claimed))).rejects.toMatchObject({
      code: 'ALERT_DELIVERY_FAILED',
      retryable: true,
      message: `webhook answered 500: ${'x'.repeat(200)}`,
    });
    const unreachable = createWebhookChannel({
      url: 'http://hooks.example/alerts',
      timeoutMs: 1_000,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(unreachable.send(episodeMessage(claimed))).rejects.toThrow(
      /webhook not reached: fetch failed/,
    );
  });
});

describe('ONS channel', () => {
  it('publishes the title and the JSON message as raw text to the topic', async () => {
    const requests: unknown[] = [];
    const topicId = 'ocid1.onstopic.oc1.eu-frankfurt-1.aaaa';
    const channel = createOnsChannel({
      topicId,
      publish: async (request) => {
        requests.push(request);
      },
    });
    const message = episodeMessage(claimed);
    await channel.send(message);
    expect(requests).toEqual([
      {
        topicId,
        messageType: 'RAW_TEXT',
        messageDetails: { title: episodeTitle(message), body: JSON.stringify(message) },
      },
    ]);
  });
});
