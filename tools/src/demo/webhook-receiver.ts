import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The demo's stand-in for an on-call tool: a local HTTP receiver of alert-episode notifications. */
export interface WebhookReceiver {
  /** What the API's ALERT_WEBHOOK_URL is set to. */
  readonly url: string;
  /** Messages received, repeats of a dedup key not counted (at-least-once delivery may repeat one). */
  readonly received: () => number;
  readonly close: () => Promise<void>;
}

/**
 * Listens on 127.0.0.1 (an ephemeral port), answers 204 to each POSTed message and appends it as one JSON line to
 * `file`; a message whose dedup key it has seen is acknowledged and not counted again, as a real receiver would.
 */
export function startWebhookReceiver(file: string): Promise<WebhookReceiver> {
  const seen = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let key: string | undefined;
      try {
        key = (JSON.parse(text) as { dedupKey?: string }).dedupKey;
      } catch {
        response.writeHead(400).end('not JSON');
        return;
      }
      if (key !== undefined && !seen.has(key)) {
        seen.add(key);
        appendFileSync(file, `${text}\n`);
      }
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${String(port)}/alert-episodes`,
        received: () => seen.size,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
