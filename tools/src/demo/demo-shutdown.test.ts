import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DemoShutdown, shutdownPlan, STOP_SIGNALS, type StopKind } from './demo-shutdown.js';

const KINDS: readonly StopKind[] = ['interrupt', 'terminate', 'hangup', 'output-closed'];

describe('shutdownPlan', () => {
  it('stops every kind in order the first time, and the stack only when this run started it', () => {
    for (const kind of KINDS) {
      for (const hasStartedStack of [true, false]) {
        expect(shutdownPlan(kind, { hasStartedStack, earlier: [] })).toMatchObject({
          kind,
          action: 'orderly',
          stopStack: hasStartedStack,
        });
      }
    }
  });

  it('prints nothing once the terminal or the pipe is gone, and exits as a shell reports the signal', () => {
    const first = (kind: StopKind) => shutdownPlan(kind, { hasStartedStack: true, earlier: [] });
    expect(KINDS.map((k) => [first(k).canPrint, first(k).exitCode])).toEqual([
      [true, 130],
      [true, 143],
      [false, 129],
      [false, 141],
    ]);
    expect(STOP_SIGNALS).toEqual({ SIGINT: 'interrupt', SIGTERM: 'terminate', SIGHUP: 'hangup' });
  });

  it('escalates on a repeated Ctrl-C or SIGTERM: forced, then exit; keeps the first code', () => {
    const state = (earlier: StopKind[]) => ({ hasStartedStack: true, earlier });
    expect(shutdownPlan('interrupt', state(['interrupt']))).toMatchObject({
      action: 'forced',
      exitCode: 130,
    });
    expect(shutdownPlan('terminate', state(['interrupt', 'interrupt']))).toMatchObject({
      action: 'exit',
      exitCode: 130,
      stopStack: true,
    });
    // After the pipe closed, the user's first Ctrl-C is the second request.
    expect(shutdownPlan('interrupt', state(['output-closed']))).toMatchObject({
      action: 'forced',
      canPrint: false,
      exitCode: 141,
    });
  });

  it('never escalates on a closed pipe or terminal, which repeat by themselves on every write', () => {
    const plan = shutdownPlan('output-closed', {
      hasStartedStack: true,
      earlier: ['interrupt', 'output-closed', 'output-closed', 'hangup'],
    });
    expect(plan).toMatchObject({ action: 'none', canPrint: false, exitCode: 130, stopStack: true });
    // Ctrl-C with `| head`: SIGINT reaches both, then writing "stopping..." fails with EPIPE.
    expect(shutdownPlan('output-closed', { hasStartedStack: false, earlier: ['interrupt'] })).toMatchObject({
      action: 'none',
      canPrint: false,
      exitCode: 130,
    });
  });
});

describe('DemoShutdown', () => {
  it('turns an EPIPE on its output into an orderly stop, and prints nothing after it', async () => {
    let written = '';
    let isClosed = false;
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (isClosed) {
          callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
          return;
        }
        written += chunk.toString();
        callback();
      },
    });
    const shutdown = new DemoShutdown({ hasStartedStack: () => true, stdout });
    shutdown.install();
    try {
      shutdown.say('status 1');
      isClosed = true;
      shutdown.say('status 2');
      await new Promise((resolve) => setImmediate(resolve));
      expect(shutdown.signal.aborted).toBe(true);
      expect(shutdown.plan).toMatchObject({ kind: 'output-closed', action: 'orderly', stopStack: true });
      shutdown.say('status 3');
      expect(written).toBe('status 1\n');
      expect(shutdown.isForced).toBe(false);
    } finally {
      shutdown.uninstall();
    }
  });

  it('forces on the second Ctrl-C and exits on the third', () => {
    const exits: number[] = [];
    const shutdown = new DemoShutdown({
      hasStartedStack: () => false,
      stdout: new Writable({ write: (_c, _e, callback) => callback() }),
      exit: (code) => exits.push(code),
    });
    expect(shutdown.stop('interrupt').action).toBe('orderly');
    expect(shutdown.signal.aborted).toBe(true);
    expect(shutdown.isForced).toBe(false);
    expect(shutdown.stop('interrupt').action).toBe('forced');
    expect(shutdown.isForced).toBe(true);
    expect(exits).toEqual([]);
    shutdown.stop('interrupt');
    expect(exits).toEqual([130]);
  });
});
