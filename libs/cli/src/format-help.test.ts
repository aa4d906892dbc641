import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineCommand, defineGroup } from './command.js';
import { parseCommand } from './parse-command.js';

const generate = defineCommand({
  name: 'generate',
  summary: 'write a synthetic history',
  details: 'See datasets/README.md.',
  positionals: [{ name: 'files', description: 'input files', isVariadic: true }],
  flags: {
    out: Type.String({ description: 'output folder', placeholder: 'DIR' }),
    rows: Type.Integer({ minimum: 1, default: 1000, description: 'readings\nacross every asset' }),
    format: Type.Union([Type.Literal('csv'), Type.Literal('jsonl')], {
      default: 'csv',
      description: 'layout',
    }),
    profile: Type.Optional(Type.String({ description: 'OCI profile', env: 'OCI_CLI_PROFILE', short: 'p' })),
    tag: Type.Optional(Type.Array(Type.String(), { description: 'label' })),
    fresh: Type.Boolean({ default: false, description: 'start empty' }),
  },
  build: () => 'generate',
});

const root = defineGroup({
  name: 'tool',
  invocation: 'npm run tool --',
  summary: 'Generates and loads data.',
  subcommands: [generate, defineGroup({ name: 'spark', summary: 'jobs', subcommands: [generate] })],
});

function help(argv: readonly string[]): string {
  const parsed = parseCommand(root, argv);
  if (parsed.kind !== 'help') throw new Error('expected help');
  return parsed.help;
}

describe('generated help', () => {
  it('lists the commands of a group, nested ones by their full words', () => {
    expect(help(['--help'])).toBe(
      [
        'usage: npm run tool -- <command> [options]',
        '',
        'Generates and loads data.',
        '',
        'commands:',
        '  generate        write a synthetic history',
        '  spark generate  write a synthetic history',
        '',
        'Run "npm run tool -- <command> --help" for the options of a command.',
      ].join('\n'),
    );
  });

  it('shows a command with its required flags, arguments, defaults, env fallbacks and details', () => {
    expect(help(['spark', 'generate', '-h'])).toBe(
      [
        'usage: npm run tool -- spark generate --out DIR [<files...>] [options]',
        '',
        'write a synthetic history',
        '',
        'arguments:',
        '  <files>  input files',
        '',
        'options:',
        '  --out DIR            output folder',
        '  --rows N             readings',
        '                       across every asset (default 1000)',
        '  --format csv|jsonl   layout (default csv)',
        '  -p, --profile VALUE  OCI profile (or OCI_CLI_PROFILE)',
        '  --tag VALUE          label (repeatable)',
        '  --fresh              start empty',
        '  -h, --help           show this help',
        '',
        'See datasets/README.md.',
      ].join('\n'),
    );
  });
});
