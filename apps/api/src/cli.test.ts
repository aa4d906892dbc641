import { parseCommand } from '@lakehouse/cli';
import { describe, expect, it } from 'vitest';
import { API_COMMAND, runCli } from './cli.js';

const parse = (argv: readonly string[]): unknown => {
  const parsed = parseCommand(API_COMMAND, argv);
  return parsed.kind === 'command' ? parsed.value : parsed.kind;
};

describe('api command line', () => {
  it('reads --x=v like --x v', () => {
    const expected = { command: 'create-key', name: 'me', scopes: 'read,admin' };
    expect(parse(['create-key', '--name=me', '--scopes=read,admin'])).toEqual(expected);
    expect(parse(['create-key', '--name', 'me', '--scopes', 'read,admin'])).toEqual(expected);
    expect(parse(['create-key', '--name', 'me'])).toMatchObject({ scopes: 'read' });
    expect(parse(['revoke-key', '--id=k1'])).toEqual({ command: 'revoke-key', id: 'k1' });
  });

  it('prints the usage with exit 0 for no command or --help, and exit 2 for an unknown one', async () => {
    for (const argv of [[], ['--help'], ['create-key', '--help']]) {
      const out: string[] = [];
      expect(await runCli(argv, {}, (l) => out.push(l))).toBe(0);
      expect(out.join('\n')).toMatch(/^usage: api/);
    }
    expect(await runCli(['frobnicate'], {}, () => undefined)).toBe(2);
  });

  it('refuses a key without a name or with no known scope before touching the database', async () => {
    expect(await runCli(['create-key', '--scopes', 'read'], {}, () => undefined)).toBe(2);
    expect(await runCli(['create-key', '--name', 'x', '--scopes', 'root'], {}, () => undefined)).toBe(2);
    expect(await runCli(['revoke-key'], {}, () => undefined)).toBe(2);
    // Oversized or control-character names are usage errors (2), found before the config is read (which throws here).
    for (const name of ['x'.repeat(129), 'ops\u001b[31m', 'a\nb', 'ok\u202etxt']) {
      expect(await runCli(['create-key', '--name', name], {}, () => undefined)).toBe(2);
    }
    await expect(runCli(['create-key', '--name', 'ops-team'], {}, () => undefined)).rejects.toThrow(
      /MYSQL_HOST/,
    );
  });
});
