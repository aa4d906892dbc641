import { createLogger } from '@lakehouse/runtime';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveReadingBroadcaster } from './live-reading-broadcaster.js';
import { fixtureReading, fleetFixture } from '../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

interface SseEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads server-sent events from a fetch body, as the dashboard does (fetch + stream reader, with a header). */
async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined) yield { event, data: JSON.parse(data) };
    }
  }
}

describe('live feed (server-sent events over a real port)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ seed: fleetFixture(), env: { API_LIVE_POLL_MS: '100' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('drops a poll that was still out when the feed stopped, without an error', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const feed = new LiveReadingBroadcaster(
      api.pool,
      createLogger({ name: 'live-feed-test', level: 'warn' }, sink),
      {
        pollMs: 60_000,
      },
    );
    const unsubscribe = await feed.subscribe(() => undefined);
    for (let i = 0; i < 20; i += 1) {
      const pending = feed.poll();
      feed.stop();
      await pending;
      await feed.subscribe(() => undefined);
    }
    unsubscribe();
    feed.stop();
    expect(lines.filter((l) => l.includes('live feed poll failed'))).toEqual([]);
  });

  it('refuses a client without a key', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/live`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('pushes the latest reading of each asset that changed, with its risk band', async () => {
    const controller = new AbortController();
    const res = await fetch(`${api.baseUrl}/api/v1/live`, {
      headers: { authorization: `Bearer ${api.readApiKey}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseEvents(res.body!);
    expect((await events.next()).value).toMatchObject({ event: 'hello' });
    const at = Date.UTC(2026, 0, 15, 12, 0, 30);
    await api.seed([
      { reading: fixtureReading('A3', at, { torqueNm: 55 }), failureProbability: 0.97 },
      { reading: fixtureReading('A4', at + 1), failureProbability: 0.1 },
    ]);
    const received: SseEvent[] = [];
    for await (const event of events) {
      received.push(event);
      if (received.length === 2) break;
    }
    controller.abort();
    expect(received).toEqual(
      expect.arrayContaining([
        {
          event: 'reading',
          data: expect.objectContaining({
            assetId: 'A3',
            siteId: 'site-b',
            riskBand: 'high',
            reading: expect.objectContaining({ recordedAt: at, torqueNm: 55, failureProbability: 0.97 }),
          }),
        },
        { event: 'reading', data: expect.objectContaining({ assetId: 'A4', riskBand: 'normal' }) },
      ]),
    );
  });

  it('lets the server close while a client is still connected', async () => {
    const extra = await startTestApi({ env: { API_LIVE_POLL_MS: '100' } });
    const res = await fetch(`${extra.baseUrl}/api/v1/live`, { headers: { 'x-api-key': extra.readApiKey } });
    const events = sseEvents(res.body!);
    expect((await events.next()).value).toMatchObject({ event: 'hello' });
    await extra.close();
    expect((await events.next()).done).toBe(true);
  });
});
