import { createLogger } from '@lakehouse/runtime';
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaLogCreator, kafkaLogLevel } from './kafka-log-creator.js';

function capture(level = 'debug'): {
  lines: Record<string, unknown>[];
  logger: ReturnType<typeof createLogger>;
} {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { name: 'test', level },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { lines, logger };
}

describe('kafkaLogCreator', () => {
  it('never writes the auth token or SASL settings', () => {
    const { lines, logger } = capture();
    const log = kafkaLogCreator(logger, ['tok3n-s3cret'])(logLevel.DEBUG);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-01-01T00:00:00.000Z',
        message: 'auth failed for password tok3n-s3cret',
        broker: 'b:9092',
        sasl: { mechanism: 'plain', username: 'u', password: 'tok3n-s3cret' },
        nested: { detail: ['x tok3n-s3cret y'] },
      },
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('tok3n-s3cret');
    expect(lines[0]).toMatchObject({
      module: 'kafkajs',
      namespace: 'Connection',
      broker: 'b:9092',
      msg: 'auth failed for password [redacted]',
      nested: { detail: ['x [redacted] y'] },
    });
    expect(lines[0]).not.toHaveProperty('sasl');
  });

  it('writes kafkajs errors as warnings and keeps info and debug levels', () => {
    const { lines, logger } = capture();
    const log = kafkaLogCreator(logger)(logLevel.DEBUG);
    for (const level of [logLevel.ERROR, logLevel.WARN, logLevel.INFO, logLevel.DEBUG]) {
      log({ namespace: 'n', level, label: '', log: { timestamp: '', message: 'm' } });
    }
    expect(lines.map((line) => line['level'])).toEqual([40, 40, 30, 20]);
  });
});

describe('kafkaLogLevel', () => {
  it('follows the most verbose level the logger writes', () => {
    expect(kafkaLogLevel(capture('debug').logger)).toBe(logLevel.DEBUG);
    expect(kafkaLogLevel(capture('info').logger)).toBe(logLevel.INFO);
    expect(kafkaLogLevel(capture('error').logger)).toBe(logLevel.WARN);
  });
});
