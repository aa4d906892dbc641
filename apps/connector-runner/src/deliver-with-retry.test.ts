import { AppError, createLogger } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { deliverWithRetry, failureText, type DeliveryPorts } from './deliver-with-retry.js';

const logger = createLogger({ name: 'test', level: 'silent' });
const settings = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 };

function ports(outcomes: readonly ('ok' | 'fail')[], database: readonly boolean[] = [true]) {
  const sleeps: number[] = [];
  let call = 0;
  let check = 0;
  const p: DeliveryPorts = {
    invoke: async () => {
      const outcome = outcomes[Math.min(call, outcomes.length - 1)];
      call += 1;
      if (outcome === 'fail') throw new AppError('FUNCTION_INVOKE_FAILED', `failure ${call}`);
      return { stored: 1 };
    },
    databaseReachable: async () => database[Math.min(check++, database.length - 1)] ?? true,
    sleep: async (ms) => void sleeps.push(ms),
    isRunning: () => true,
    logger,
    random: () => 1,
  };
  return { p, sleeps, calls: () => call, checks: () => check };
}

describe('deliverWithRetry', () => {
  it('returns the first success', async () => {
    const { p, sleeps } = ports(['ok']);
    expect(await deliverWithRetry(settings, p)).toEqual({
      kind: 'delivered',
      result: { stored: 1 },
      attempts: 1,
    });
    expect(sleeps).toEqual([]);
  });

  it('backs off exponentially between failures', async () => {
    const { p, sleeps } = ports(['fail', 'fail', 'ok']);
    expect(await deliverWithRetry(settings, p)).toMatchObject({ kind: 'delivered', attempts: 3 });
    expect(sleeps).toEqual([100, 200]);
  });

  it('calls a batch poison only after the limit, a reachable database and one more failure', async () => {
    const { p, calls, checks } = ports(['fail']);
    const outcome = await deliverWithRetry(settings, p);
    expect(outcome).toMatchObject({ kind: 'poison', attempts: 4 });
    expect(failureText(outcome.kind === 'poison' ? outcome.error : undefined)).toBe(
      'FUNCTION_INVOKE_FAILED: failure 4',
    );
    expect([calls(), checks()]).toEqual([4, 1]);
  });

  it('never dead-letters during a database outage: it keeps retrying at the longest delay until it is back', async () => {
    const { p, sleeps, checks } = ports(
      ['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok'],
      [false, false, false, false, true],
    );
    expect(await deliverWithRetry(settings, p)).toMatchObject({ kind: 'delivered', attempts: 7 });
    expect(checks()).toBe(4);
    expect(sleeps.slice(2).every((ms) => ms === 200)).toBe(true);
  });

  it('stops when the runner stops', async () => {
    const { p } = ports(['fail']);
    let running = true;
    const stopping: DeliveryPorts = {
      ...p,
      sleep: async () => void (running = false),
      isRunning: () => running,
    };
    expect(await deliverWithRetry(settings, stopping)).toEqual({ kind: 'stopped' });
  });
});
