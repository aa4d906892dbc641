import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, loggerOptions } from './logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('never writes passwords, auth tokens or API keys', () => {
    const out = capture();
    const log = createLogger({ name: 'test' }, out.stream);
    log.info(
      {
        password: 'p1',
        db: { password: 'p2' },
        sasl: { password: 'p3' },
        authToken: 't',
        apiKey: 'k',
        user: 'app',
      },
      'connected',
    );
    const [line] = out.lines();
    const text = JSON.stringify(line);
    for (const secret of ['p1', 'p2', 'p3', '"t"', '"k"']) expect(text).not.toContain(secret);
    expect(line).toMatchObject({ name: 'test', msg: 'connected', user: 'app', password: '[redacted]' });
  });

  it('respects the level', () => {
    const out = capture();
    const log = createLogger({ name: 'test', level: 'warn' }, out.stream);
    log.info('hidden');
    log.warn('shown');
    expect(out.lines().map((l) => l['msg'])).toEqual(['shown']);
    expect(loggerOptions({ name: 'x' }).level).toBe('info');
  });
});
