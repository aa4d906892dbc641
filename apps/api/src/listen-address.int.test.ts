import { createLogger } from '@lakehouse/runtime';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { emptyPool } from './testing/empty-pool.js';

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('listen address', () => {
  it('listens on loopback when API_HOST is not set, unreachable through the machine’s other addresses', async () => {
    const config = await loadConfig({
      MYSQL_HOST: '127.0.0.1',
      MYSQL_USER: 'api',
      MYSQL_PASSWORD: 'x',
      MYSQL_DATABASE: 'lakehouse',
      API_WEB_DIR: '/nonexistent-web-dir',
      API_PORT: '0',
    });
    const app = await buildApp({
      config,
      logger: createLogger({ name: 'test', level: 'silent' }),
      pool: emptyPool(),
    });
    try {
      // What main.ts does.
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      expect(address.address).toBe('127.0.0.1');
      expect(await accepts('127.0.0.1', address.port)).toBe(true);
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
        .map((i) => i?.address ?? '');
      for (const ip of external) expect(await accepts(ip, address.port), ip).toBe(false);
    } finally {
      await app.close();
    }
  });
});
