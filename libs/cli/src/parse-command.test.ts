import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineCommand, defineGroup } from './command.js';
import { parseCommand } from './parse-command.js';
import { UsageError } from './usage-error.js';

const load = defineCommand({
  name: 'load',
  summary: 'load files into the lakehouse',
  positionals: [{ name: 'files', description: 'input files', isRequired: true, isVariadic: true }],
  flags: {
    out: Type.Optional(Type.String({ description: 'output folder', placeholder: 'DIR', short: 'o' })),
    concurrency: Type.Integer({ minimum: 1, maximum: 64, default: 4, description: 'parallel loads' }),
    offset: Type.Integer({ default: 0, description: 'shift' }),
    fresh: Type.Boolean({ default: false, description: 'start from empty tables' }),
    tag: Type.Optional(Type.Array(Type.String(), { description: 'label' })),
  },
  build: ({ flags, positionals }) => ({ kind: 'load' as const, files: positionals, ...flags }),
});

const run = defineCommand({
  name: 'run',
  summary: 'run the job',
  flags: {
    raw: Type.String({ minLength: 1, description: 'raw folder', placeholder: 'DIR' }),
    env: Type.Union([Type.Literal('poc'), Type.Literal('prod')], { default: 'poc', env: 'INFRA_ENV' }),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
    generated: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  build: ({ flags }) => {
    if (flags.seed !== undefined && flags.generated === undefined)
      throw new UsageError('--seed needs --generated');
    return { kind: 'run' as const, ...flags };
  },
});

const tool = defineGroup({
  name: 'tool',
  summary: 'a test tool',
  subcommands: [load, defineGroup({ name: 'spark', summary: 'spark jobs', subcommands: [run] })],
});

function usageError(argv: readonly string[], env = {}): UsageError {
  try {
    parseCommand(tool, argv, { env });
  } catch (err: unknown) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

const value = (argv: readonly string[], env = {}): unknown => {
  const parsed = parseCommand(tool, argv, { env });
  return parsed.kind === 'command' ? parsed.value : parsed;
};

describe('parseCommand', () => {
  it('accepts --x v and --x=v alike, with schema defaults and converted types', () => {
    const expected = { kind: 'load', files: ['a.csv', 'b.csv'], concurrency: 8, offset: 0, fresh: false };
    expect(value(['load', 'a.csv', '--concurrency', '8', 'b.csv'])).toEqual(expected);
    expect(value(['load', 'a.csv', '--concurrency=8', 'b.csv'])).toEqual(expected);
    expect(value(['load', '-o', 'dir', 'a.csv'])).toMatchObject({ out: 'dir' });
  });

  it('reads a negative number as the value of the flag before it', () => {
    expect(value(['load', 'a', '--offset', '-5'])).toMatchObject({ offset: -5 });
    expect(value(['load', 'a', '--offset=-5'])).toMatchObject({ offset: -5 });
    expect(usageError(['load', 'a', '--concurrency', '-5']).message).toBe(
      '--concurrency must be an integer from 1 to 64, got "-5"',
    );
  });

  it('reads booleans as switches and repeated array flags as lists', () => {
    expect(value(['load', 'a', '--fresh', '--tag', 'x', '--tag=y'])).toMatchObject({
      fresh: true,
      tag: ['x', 'y'],
    });
    expect(usageError(['load', 'a', '--fresh=yes']).message).toMatch(/does not take an argument/);
  });

  it('refuses bad integers, naming every bad flag at once', () => {
    const err = usageError(['load', 'a', '--concurrency', '2.5', '--offset', 'ten']);
    expect(err).toMatchObject({ code: 'CLI_USAGE_INVALID', name: 'UsageError' });
    expect(err.problems).toEqual([
      '--concurrency must be an integer from 1 to 64, got "2.5"',
      '--offset must be an integer, got "ten"',
    ]);
    expect(err.message).toBe(err.problems.join('\n'));
  });

  it('refuses unknown flags, naming a flag of another command as such', () => {
    expect(usageError(['load', 'a', '--bogus']).message).toMatch(/^Unknown option '--bogus'/);
    expect(usageError(['load', 'a', '--raw', 'r']).message).toBe('load does not take --raw');
  });

  it('refuses missing required flags and positionals, and extra positionals', () => {
    expect(usageError(['spark', 'run']).message).toBe('--raw is required');
    expect(usageError(['load']).message).toBe('load needs input files');
    expect(usageError(['spark', 'run', '--raw', 'r', 'extra']).message).toMatch(
      /^Unexpected argument 'extra'/,
    );
  });

  it('refuses missing and unknown commands with the usage of the group', () => {
    const missing = usageError([]);
    expect(missing.message).toBe('missing command');
    expect(missing.usage).toMatch(/^usage: tool <command>/);
    expect(usageError(['fit']).message).toBe('unknown command: fit');
    expect(usageError(['spark', 'fit']).message).toBe('unknown command: spark fit');
  });

  it('takes a flag from its environment variable when it is not given', () => {
    expect(value(['spark', 'run', '--raw', 'r'], { INFRA_ENV: 'prod' })).toMatchObject({ env: 'prod' });
    expect(value(['spark', 'run', '--raw', 'r', '--env', 'poc'], { INFRA_ENV: 'prod' })).toMatchObject({
      env: 'poc',
    });
    expect(usageError(['spark', 'run', '--raw', 'r'], { INFRA_ENV: 'dev' }).message).toBe(
      '--env must be poc or prod, got "dev" (from INFRA_ENV)',
    );
  });

  it('gives rules across flags the usage of their command', () => {
    const err = usageError(['spark', 'run', '--raw', 'r', '--seed', '1']);
    expect(err.message).toBe('--seed needs --generated');
    expect(err.usage).toMatch(/^usage: tool spark run --raw DIR \[options\]/);
  });

  it('returns the help for --help, -h and the word help, before checking anything', () => {
    for (const argv of [['--help'], ['help'], ['-h'], ['load', '--help'], ['spark', 'run', '-h']])
      expect(parseCommand(tool, argv)).toMatchObject({ kind: 'help' });
    expect(value(['load', '--', '--help'])).toMatchObject({ files: ['--help'] });
  });

  it('answers an empty command line with the help when the group says so', () => {
    const helpful = defineGroup({ name: 'x', summary: 's', subcommands: [load], isHelpWhenEmpty: true });
    expect(parseCommand(helpful, [])).toMatchObject({ kind: 'help' });
  });

  it('reports where the command was found and its usage', () => {
    expect(parseCommand(tool, ['spark', 'run', '--raw', 'r'])).toMatchObject({
      kind: 'command',
      path: ['spark', 'run'],
      usage: expect.stringMatching(/^usage: tool spark run/) as unknown,
    });
  });

  it('lets other errors of build through', () => {
    const broken = defineCommand({
      name: 'broken',
      summary: 's',
      build: () => {
        throw new RangeError('bug');
      },
    });
    expect(() => parseCommand(broken, [])).toThrow(RangeError);
  });
});

describe('definitions', () => {
  it('refuses a variadic positional before the last and duplicate subcommands', () => {
    expect(() =>
      defineCommand({
        name: 'x',
        summary: 's',
        positionals: [
          { name: 'a', description: 'a', isVariadic: true },
          { name: 'b', description: 'b' },
        ],
        build: () => 0,
      }),
    ).toThrow(/only the last positional/);
    expect(() => defineGroup({ name: 'g', summary: 's', subcommands: [load, load] })).toThrow(/twice/);
  });
});
