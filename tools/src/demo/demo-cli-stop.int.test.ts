import {
  createThrowawaySchema,
  readStackSettings,
  stackDir,
  uniqueName,
  WORKSPACE_ROOT,
  type ThrowawaySchema,
} from '@lakehouse/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStackUp } from './demo-stack.js';

/*
 * The demo CLI itself, in its cheapest live mode (issue #20): no stack start, build, history, model or stream, just
 * the schema, an API key and the API (a child process), against the stack the suite runs (--skip stack: the demo
 * did not start it, so every stop must leave it running). Each way of stopping must end the demo's children and
 * exit with 128 + the signal. The stack-started case is covered with a stand-in stack by demo-stop.int.test.ts.
 */

const SKIP = 'stack,build,history,train,score,stream';
let schema: ThrowawaySchema;
let stateDir: string;

beforeAll(async () => {
  schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)), 'demostop');
  stateDir = mkdtempSync(join(tmpdir(), 'demo-cli-stop-'));
});

afterAll(async () => {
  await schema?.drop();
  if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
});

/** Parent pid of each live process (zombies left out). */
function parents(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') byPid.set(Number(entry), Number(ppid));
    } catch {
      // Ended while listing.
    }
  }
  return byPid;
}

function descendants(pid: number): number[] {
  const byPid = parents();
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = [...byPid].filter(([, ppid]) => frontier.includes(ppid)).map(([p]) => p);
    found.push(...next);
    frontier = next;
  }
  return found;
}

async function alive(pids: readonly number[]): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const live = parents();
    if (!pids.some((p) => live.has(p))) return [];
    await sleep(50);
  }
  const live = parents();
  return pids.filter((p) => live.has(p));
}

type Stop = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'pipe closed';

async function runAndStop(stop: Stop) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@lakehouse/source',
      join(WORKSPACE_ROOT, 'tools/src/demo/cli.ts'),
      ...['--skip', SKIP, '--port', '0', '--database', schema.database],
      ...['--stream', uniqueName('demo-stop'), '--state-dir', stateDir],
    ],
    { cwd: WORKSPACE_ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const url = /Dashboard {2}(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1];
      if (url !== undefined) resolve(url);
    });
    void exited.then(() => reject(new Error(`demo ended before it was live:\n${stdout}\n${stderr}`)));
  });
  const children = descendants(child.pid ?? -1);
  expect((await fetch(`${base}/health`)).status).toBe(200);
  if (stop === 'pipe closed') child.stdout.destroy();
  else child.kill(stop);
  const code = await exited;
  return { code, stdout, stderr, children, base };
}

const CASES: readonly (readonly [Stop, number])[] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['pipe closed', 141],
];

describe('stopping the demo CLI (cheapest live mode, stack already running)', () => {
  for (const [stop, exitCode] of CASES) {
    it(`${stop}: ends the API and every other child, leaves the stack running`, async () => {
      const run = await runAndStop(stop);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(exitCode);
      expect(run.children.length).toBeGreaterThan(0);
      expect(await alive(run.children)).toEqual([]);
      await expect(fetch(`${run.base}/health`)).rejects.toThrow();
      expect(await isStackUp(stackDir(process.env))).toBe(true);
      if (stop === 'SIGINT' || stop === 'SIGTERM') {
        expect(run.stdout).toMatch(/\nStopped\. /);
        expect(run.stdout).toContain('The local stack keeps running');
      }
    });
  }
});
