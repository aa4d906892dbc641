import { KindGuard, type TSchema } from '@sinclair/typebox';
import type { Command, GroupCommand, LeafCommand } from './command.js';
import { flagOptions, isRequiredFlag, placeholder } from './flag-schema.js';

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) =>
    `  ${left.padEnd(width)}${right.replaceAll('\n', `\n  ${' '.repeat(width)}`)}`.trimEnd(),
  );
}

function flagUsage(name: string, schema: TSchema): string {
  const value = placeholder(schema);
  return value === undefined ? `--${name}` : `--${name} ${value}`;
}

function flagNote(schema: TSchema): string {
  const notes: string[] = [];
  const { env } = flagOptions(schema);
  if (schema.default !== undefined && !KindGuard.IsBoolean(schema))
    notes.push(
      `default ${Array.isArray(schema.default) ? schema.default.join(',') : String(schema.default)}`,
    );
  if (env !== undefined) notes.push(`or ${env}`);
  if (KindGuard.IsArray(schema)) notes.push('repeatable');
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}

function leafLeaves<R>(command: Command<R>, prefix: readonly string[]): [string, string][] {
  const path = [...prefix, command.name];
  if (command.kind === 'leaf') return [[path.join(' '), command.summary]];
  return command.subcommands.flatMap((sub) => leafLeaves(sub, path));
}

function groupHelp<R>(group: GroupCommand<R>, usagePath: string): string[] {
  return [
    `usage: ${usagePath} <command> [options]`,
    '',
    group.summary,
    '',
    'commands:',
    ...table(group.subcommands.flatMap((sub) => leafLeaves(sub, []))),
    '',
    `Run "${usagePath} <command> --help" for the options of a command.`,
  ];
}

function leafHelp<R>(leaf: LeafCommand<R>, usagePath: string): string[] {
  const flags = Object.entries(leaf.flags.properties);
  const synopsis = [
    usagePath,
    ...flags.filter(([name]) => isRequiredFlag(leaf.flags, name)).map(([n, s]) => flagUsage(n, s)),
    ...leaf.positionals.map((p) => {
      const name = `<${p.name}${p.isVariadic === true ? '...' : ''}>`;
      return p.isRequired === true ? name : `[${name}]`;
    }),
    '[options]',
  ];
  const options = table([
    ...flags.map(([name, schema]): [string, string] => {
      const short = flagOptions(schema).short;
      return [
        `${short === undefined ? '' : `-${short}, `}${flagUsage(name, schema)}`,
        `${schema.description ?? ''}${flagNote(schema)}`,
      ];
    }),
    ['-h, --help', 'show this help'],
  ]);
  return [
    `usage: ${synopsis.join(' ')}`,
    '',
    leaf.summary,
    ...(leaf.positionals.length === 0
      ? []
      : ['', 'arguments:', ...table(leaf.positionals.map((p) => [`<${p.name}>`, p.description]))]),
    '',
    'options:',
    ...options,
  ];
}

/**
 * The `--help` text of `command`, reached from the root through `path` (the subcommand words). Generated from the
 * definition, so the help cannot drift from what is parsed.
 */
export function formatHelp<R>(root: Command<R>, command: Command<R>, path: readonly string[]): string {
  const usagePath = [root.invocation, ...path].join(' ');
  const lines = command.kind === 'group' ? groupHelp(command, usagePath) : leafHelp(command, usagePath);
  return [...lines, ...(command.details === undefined ? [] : ['', command.details])].join('\n');
}
