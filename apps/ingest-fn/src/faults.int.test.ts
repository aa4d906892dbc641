import { readStackSettings, spawnLocalApp } from '@lakehouse/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPipelineFixture,
  runToCompletion,
  startPrivateStack,
  startRunner,
  stopProcess,
  waitForCounts,
  type PipelineFixture,
  type PrivateStack,
} from './testing/pipeline.js';

/** Alive and not a zombie waiting to be reaped (a zombie has exited; only its parent's bookkeeping is left). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(100);
    alive = pids.filter(isAlive);
  }
  return alive;
}

// Restarting a broker or a database would break every other test using the shared stack, so this file starts
// a stack of its own on free ports and restarts parts of it.
let stack: PrivateStack;
let fixture: PipelineFixture;

beforeAll(async () => {
  stack = await startPrivateStack();
  fixture = await createPipelineFixture(readStackSettings(stack.dir), {
    partitions: 3,
    runnerEnv: { BATCH_TIME_SEC: '0.2', FUNCTION_INSTANCES: '2', MAX_ATTEMPTS: '3', RETRY_MAX_MS: '1000' },
  });
}, 180_000);

afterAll(async () => {
  await fixture?.close().catch(() => undefined);
  await stack?.destroy();
}, 60_000);

describe('faults during a run', () => {
  it('loses nothing and duplicates nothing across a runner SIGKILL, a broker restart and a database restart', async () => {
    let runner = startRunner(fixture.env);
    const producer = spawnLocalApp(
      'producer',
      ['--count', '30000', '--rate', '1500', '--assets', '30', '--partitions', '3'],
      fixture.env,
    );
    const produced = runToCompletion(producer);

    // Kill it mid-stream: once its function instances are storing readings (a fixed sleep was too short on a busy
    // machine, where the runner had not started its instances yet).
    await waitForCounts(fixture.pool, (c) => c.readings > 0, 60_000, runner.output, runner.exited);
    await sleep(1_000);
    await stopProcess(runner.child, 'SIGKILL');
    // The function instances of a runner killed with SIGKILL end with it (their IPC channel closed).
    const pids = JSON.parse(readFileSync(join(fixture.stateDir, 'function-pids.json'), 'utf8')) as number[];
    expect(pids.length).toBeGreaterThan(0);
    expect(await waitUntilGone(pids, 5_000)).toEqual([]);
    runner = startRunner(fixture.env);

    await sleep(3_000);
    await stack.restart('kafka');

    await sleep(3_000);
    await stack.restart('mariadb');

    const summary = JSON.parse((await produced).trim().split('\n').at(-1) ?? '{}') as { readings: number };
    expect(summary.readings).toBe(30_000);
    const counts = await waitForCounts(
      fixture.pool,
      (c) => c.readings >= summary.readings,
      120_000,
      runner.output,
      runner.exited,
    );
    expect(counts).toEqual({ readings: summary.readings, distinctKeys: summary.readings, deadLetters: 0 });
    await stopProcess(runner.child);
  }, 300_000);
});
