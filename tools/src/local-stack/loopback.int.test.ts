import { readStackSettings, stackDir } from '@lakehouse/local-stack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../demo/webhook-receiver.js';
import { isLoopbackAddress, listeningSockets } from './listening-sockets.js';

/*
 * What actually listens, read from the kernel (/proc/net/tcp*): the running local stack and the demo's webhook
 * receiver are bound to loopback, not to every interface (ADR 0049). Linux only, as the local stack is.
 */

function addressesOf(port: number): string[] {
  return listeningSockets()
    .filter((s) => s.port === port)
    .map((s) => s.address);
}

describe('local servers listen on loopback only', () => {
  it('MariaDB and the Kafka broker of the running stack', () => {
    const settings = readStackSettings(stackDir(process.env));
    const kafkaPorts = settings.kafka.brokers.map((b) => Number(b.split(':').at(-1)));
    for (const port of [settings.mariadb.port, ...kafkaPorts]) {
      const addresses = addressesOf(port);
      expect(addresses.length, `something listens on ${String(port)}`).toBeGreaterThan(0);
      expect(
        addresses.filter((a) => !isLoopbackAddress(a)),
        `port ${String(port)}`,
      ).toEqual([]);
    }
  });

  it("the demo's webhook receiver", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-'));
    const receiver = await startWebhookReceiver(join(dir, 'received.jsonl'));
    try {
      const port = Number(new URL(receiver.url).port);
      const addresses = addressesOf(port);
      expect(addresses.length).toBe(1);
      expect(addresses.every(isLoopbackAddress)).toBe(true);
    } finally {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
