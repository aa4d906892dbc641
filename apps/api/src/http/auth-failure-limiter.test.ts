import { createLogger } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { AuthFailureLimiter, clientKey } from './auth-failure-limiter.js';

function limiter(options: { maxClients?: number } = {}) {
  let nowMs = 1_000_000;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { name: 'test', level: 'warn' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const l = new AuthFailureLimiter({
    maxFailures: 3,
    windowMs: 10_000,
    lockoutMs: 60_000,
    now: () => nowMs,
    logger,
    ...options,
  });
  return { l, lines, advance: (ms: number) => (nowMs += ms) };
}

describe('AuthFailureLimiter', () => {
  it('locks a client out at the limit for the lockout window, and logs it once with address and count', () => {
    const { l, lines, advance } = limiter();
    l.recordFailure('10.0.0.1');
    l.recordFailure('10.0.0.1');
    expect(l.lockedForS('10.0.0.1')).toBe(0);
    l.recordFailure('10.0.0.1');
    expect(l.lockedForS('10.0.0.1')).toBe(60);
    l.recordFailure('10.0.0.1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      clientAddress: '10.0.0.1',
      failures: 3,
      lockoutMs: 60_000,
      msg: 'client locked out after failed authentication',
    });
    expect(l.lockedForS('10.0.0.2')).toBe(0);
    advance(59_001);
    expect(l.lockedForS('10.0.0.1')).toBe(1);
    advance(1_000);
    expect(l.lockedForS('10.0.0.1')).toBe(0);
    expect(l.trackedClients).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const { l, advance } = limiter();
    l.recordFailure('10.0.0.1');
    l.recordFailure('10.0.0.1');
    advance(10_000);
    l.recordFailure('10.0.0.1');
    l.recordFailure('10.0.0.1');
    expect(l.lockedForS('10.0.0.1')).toBe(0);
    l.recordFailure('10.0.0.1');
    expect(l.lockedForS('10.0.0.1')).toBeGreaterThan(0);
  });

  it('tracks at most maxClients addresses however many distinct ones fail', () => {
    const { l } = limiter({ maxClients: 100 });
    for (let i = 0; i < 5_000; i++)
      l.recordFailure(`10.${String(i >> 16)}.${String((i >> 8) & 255)}.${String(i & 255)}`);
    expect(l.trackedClients).toBe(100);
  });

  it('keeps a locked client that keeps trying while the oldest idle entries are evicted', () => {
    const { l } = limiter({ maxClients: 10 });
    for (let i = 0; i < 3; i++) l.recordFailure('192.0.2.1');
    for (let i = 0; i < 50; i++) {
      expect(l.lockedForS('192.0.2.1')).toBeGreaterThan(0);
      l.recordFailure(`198.51.100.${String(i)}`);
    }
    expect(l.lockedForS('192.0.2.1')).toBeGreaterThan(0);
  });

  it('counts an IPv6 client per /64 and an IPv4-mapped address as IPv4', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(clientKey('10.1.2.3')).toBe('10.1.2.3');
    const { l } = limiter();
    l.recordFailure('2001:db8:1:2::a');
    l.recordFailure('2001:db8:1:2::b');
    l.recordFailure('2001:db8:1:2:ffff:ffff:ffff:ffff');
    expect(l.lockedForS('2001:db8:1:2::c')).toBe(60);
    expect(l.lockedForS('2001:db8:1:3::a')).toBe(0);
  });
});
