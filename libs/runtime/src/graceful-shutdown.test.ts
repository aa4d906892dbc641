import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { onShutdown } from './graceful-shutdown.js';

const silent = pino({ level: 'silent' });

describe('onShutdown', () => {
  it('runs steps in reverse order on SIGTERM and exits 0', async () => {
    const order: string[] = [];
    const signals = new EventEmitter();
    let exitCode: number | undefined;
    const shutdown = onShutdown(
      [
        { name: 'db', run: async () => void order.push('db') },
        { name: 'http', run: async () => void order.push('http') },
      ],
      { logger: silent, signals, exit: (c) => (exitCode = c) },
    );
    signals.emit('SIGTERM');
    await shutdown();
    expect(order).toEqual(['http', 'db']);
    expect(exitCode).toBe(0);
  });

  it('keeps going after a failing or hanging step and exits 1', async () => {
    const order: string[] = [];
    let exitCode: number | undefined;
    const shutdown = onShutdown(
      [
        { name: 'last', run: async () => void order.push('last') },
        { name: 'hangs', run: () => new Promise<void>(() => undefined) },
        { name: 'fails', run: async () => Promise.reject(new Error('nope')) },
      ],
      {
        logger: silent,
        timeoutMs: 20,
        signals: new EventEmitter(),
        exit: (c) => (exitCode = c),
      },
    );
    await shutdown();
    await shutdown(); // a second signal does not run the steps twice
    expect(order).toEqual(['last']);
    expect(exitCode).toBe(1);
  });
});
