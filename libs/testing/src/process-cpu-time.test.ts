import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processCpuMs, reapedChildrenCpuMs } from './process-cpu-time.js';

describe('process CPU time', () => {
  it('counts this process, and a child that burned CPU once it has been reaped', () => {
    expect(processCpuMs(process.pid)).toBeGreaterThan(0);
    const before = reapedChildrenCpuMs();
    // A fixed amount of work (a few hundred ms of CPU), so the figure does not depend on how busy the machine is.
    const child = spawnSync(process.execPath, ['-e', 'let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7;']);
    expect(child.status).toBe(0);
    // Clock ticks are 10 ms: the child must show at least one.
    expect(reapedChildrenCpuMs() - before).toBeGreaterThanOrEqual(10);
  });
});
