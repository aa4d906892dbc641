import { WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * Every way of stopping the demo ends every child, and the stack only when the run started it (issue #20). The
 * demo's own run is too heavy for a test, so demo-stop-fixture.ts runs its stop handling and child supervision
 * with small real child programs (services with a child of their own, a one-shot step, a detached "stack").
 */

const FIXTURE = join(WORKSPACE_ROOT, 'tools/src/demo/demo-stop-fixture.ts');
const dirs: string[] = [];

/** Every pid a run recorded, so that a failing test does not leave its programs running. */
const started: number[] = [];

afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Alive and not a zombie (a killed child stays a zombie until its parent, or init, reaps it). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until none of `pids` is alive (or 10 s passed); returns those still alive. */
async function survivors(pids: readonly number[]): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    if (!pids.some(isAlive)) return [];
    await sleep(50);
  }
  return pids.filter(isAlive);
}

const pidsIn = (dir: string, except: string[] = []): Record<string, number> =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.pid') && !except.includes(f))
      .map((f) => [f.replace(/\.pid$/, ''), Number(readFileSync(join(dir, f), 'utf8'))]),
  );

type Stop = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'pipe closed';

async function runAndStop(stop: Stop, mode: 'started' | 'already-up') {
  const dir = mkdtempSync(join(tmpdir(), 'demo-stop-'));
  dirs.push(dir);
  let stackPid: number | undefined;
  if (mode === 'already-up') {
    const stack = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], {
      detached: true,
      stdio: 'ignore',
    });
    stack.unref();
    stackPid = stack.pid;
    writeFileSync(join(dir, 'stack.pid'), String(stackPid));
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@lakehouse/source', FIXTURE, dir, mode],
    {
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString();
      if (out.includes('ready\n')) {
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    void exited.then(() => reject(new Error(`fixture exited before ready: ${stderr}`)));
  });
  if (stop === 'pipe closed') child.stdout.destroy();
  else {
    child.stdout.resume();
    child.kill(stop);
  }
  const code = await exited;
  const pids = pidsIn(dir, ['stack.pid']);
  const stack = Number(readFileSync(join(dir, 'stack.pid'), 'utf8'));
  started.push(...Object.values(pids), stack);
  const result = existsSync(join(dir, 'result.json'))
    ? (JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as { plan: { kind: string } })
    : null;
  return { code, pids, stack, stackPid, result, stderr };
}

const CASES: readonly (readonly [Stop, string, number])[] = [
  ['SIGINT', 'interrupt', 130],
  ['SIGTERM', 'terminate', 143],
  ['SIGHUP', 'hangup', 129],
  ['pipe closed', 'output-closed', 141],
];

describe('stopping the demo', () => {
  for (const [stop, kind, exitCode] of CASES) {
    it(`${stop}: ends every child and the stack the run started`, async () => {
      const run = await runAndStop(stop, 'started');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(exitCode);
      expect(run.result?.plan.kind).toBe(kind);
      // Three services with a child each, and the one-shot step with its child.
      expect(Object.keys(run.pids).sort()).toEqual(
        [
          'api',
          'api-child',
          'producer',
          'producer-child',
          'runner',
          'runner-child',
          'step',
          'step-child',
        ].sort(),
      );
      expect(await survivors([...Object.values(run.pids), run.stack])).toEqual([]);
    });

    it(`${stop}: ends every child and leaves a stack that was already running`, async () => {
      const run = await runAndStop(stop, 'already-up');
      expect(run.code).toBe(exitCode);
      expect(Object.keys(run.pids)).toHaveLength(8);
      expect(await survivors(Object.values(run.pids))).toEqual([]);
      expect(run.stack).toBe(run.stackPid);
      expect(isAlive(run.stack)).toBe(true);
    });
  }
});
