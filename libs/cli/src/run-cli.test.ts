import { AppError } from '@lakehouse/runtime';
import { Type } from '@sinclair/typebox';
import { describe, expect, it, vi } from 'vitest';
import { defineCommand } from './command.js';
import { parseOrExit, runCli } from './run-cli.js';
import { UsageError } from './usage-error.js';

const greet = defineCommand({
  name: 'greet',
  summary: 'says hello',
  flags: { times: Type.Integer({ minimum: 1, default: 1 }), fail: Type.Optional(Type.String()) },
  build: ({ flags }) => flags,
});

type Main = Parameters<typeof runCli<{ readonly times: number; readonly fail?: string }>>[2];

async function run(argv: readonly string[], main: Main = () => 0) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(greet, argv, main, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runCli', () => {
  it('prints the help on stdout and exits 0', async () => {
    const result = await run(['--help'], () => {
      throw new Error('main must not run');
    });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^usage: greet \[options\]/);
  });

  it('exits 2 with the problems and the usage on stderr for a bad command line', async () => {
    const result = await run(['--times', '0']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^greet: --times must be an integer >= 1, got "0"\n\nusage: greet/);
  });

  it('exits 2 with the usage for a usage error thrown by main', async () => {
    const result = await run([], () => {
      throw new UsageError(['--a and --b exclude each other']);
    });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^greet: --a and --b exclude each other\n\nusage: greet/);
  });

  it("returns main's exit code, 0 when it returns nothing", async () => {
    expect((await run(['--times', '3'], (v) => v.times)).code).toBe(3);
    expect((await run([], async () => undefined)).code).toBe(0);
  });

  it('exits 1 naming the code of an AppError, with the stack of any other error', async () => {
    const app = await run([], () => {
      throw new AppError('SQL_CONNECT_FAILED', 'no database');
    });
    expect(app).toMatchObject({ code: 1, err: 'greet: no database [SQL_CONNECT_FAILED]' });
    const bug = await run([], () => {
      throw new TypeError('x is undefined');
    });
    expect(bug.code).toBe(1);
    expect(bug.err).toMatch(/^greet: TypeError: x is undefined\n\s+at /);
    expect(
      (
        await run(
          [], // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error rejection is the case under test
          () => Promise.reject('plain'),
        )
      ).err,
    ).toBe('greet: plain');
  });

  it('rejects with other failures when told to, still printing usage errors', async () => {
    const failing = () => Promise.reject(new RangeError('no model'));
    await expect(runCli(greet, [], failing, { isThrowingFailures: true })).rejects.toThrow('no model');
    const err: string[] = [];
    expect(
      await runCli(greet, ['--times', 'x'], failing, { isThrowingFailures: true, err: (t) => err.push(t) }),
    ).toBe(2);
    expect(err[0]).toMatch(/^greet: --times must be an integer/);
  });
});

describe('parseOrExit', () => {
  it('returns the value, or ends the process with 0 after the help and 2 after a usage error', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    try {
      expect(parseOrExit(greet, ['--times=2'], io)).toEqual({ times: 2 });
      expect(() => parseOrExit(greet, ['-h'], io)).toThrow('exit 0');
      expect(out[0]).toMatch(/^usage: greet/);
      expect(() => parseOrExit(greet, ['--times', 'x'], io)).toThrow('exit 2');
      expect(err[0]).toMatch(/^greet: --times must be an integer >= 1, got "x"\n\nusage: greet/);
    } finally {
      exit.mockRestore();
    }
  });
});
