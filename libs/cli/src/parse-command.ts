import { checkSchemaValues, type SchemaProblem } from '@lakehouse/runtime';
import type { TObject } from '@sinclair/typebox';
import { parseArgs } from 'node:util';
import type { Command, LeafCommand } from './command.js';
import { expectedValue, flagOptions, parseArgsOptions, type ParseArgsOption } from './flag-schema.js';
import { formatHelp } from './format-help.js';
import { UsageError, withUsage } from './usage-error.js';

/** What {@link parseCommand} found: a help request, or the value the selected command built. */
export type ParsedCommand<R> =
  | { readonly kind: 'help'; readonly help: string }
  | {
      readonly kind: 'command';
      readonly value: R;
      /** The subcommand words, such as `['spark', 'run']`. */
      readonly path: readonly string[];
      /** The selected command's help, printed with a usage error thrown later. */
      readonly usage: string;
    };

/** Options of {@link parseCommand}. */
export interface ParseCommandOptions {
  /** Where flags with an `env` fallback read it (the caller's process.env). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const HELP_WORDS = new Set(['--help', '-h']);
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => HELP_WORDS.has(a));
}

/**
 * parseArgs reads `--offset -5` as a flag without its value; a negative number after a flag that takes a value is
 * its value, so it is joined as `--offset=-5` (and `-o -5` as `-o-5`).
 */
function joinNegativeValues(args: readonly string[], options: Record<string, ParseArgsOption>): string[] {
  const takesValue = new Set<string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (option.short !== undefined) takesValue.add(`-${option.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (takesValue.has(arg) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function flagNamesElsewhere<R>(command: Command<R>): Set<string> {
  if (command.kind === 'leaf') return new Set(Object.keys(command.flags.properties));
  return new Set(command.subcommands.flatMap((sub) => [...flagNamesElsewhere(sub)]));
}

function parseError<R>(err: unknown, root: Command<R>, path: readonly string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
  if (
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' &&
    unknown !== undefined &&
    flagNamesElsewhere(root).has(unknown)
  )
    return `${path.join(' ')} does not take --${unknown}`;
  return message;
}

function problemText(flags: TObject, problem: SchemaProblem, fromEnv: ReadonlyMap<string, string>): string {
  const schema = flags.properties[problem.key];
  if (schema === undefined) return `--${problem.key}: ${problem.message}`;
  if (problem.given === undefined) return `--${problem.key} is required`;
  const source = fromEnv.get(problem.key);
  return `--${problem.key} must be ${expectedValue(schema)}, got ${JSON.stringify(problem.given)}${
    source === undefined ? '' : ` (from ${source})`
  }`;
}

function positionalProblems<R>(leaf: LeafCommand<R>, positionals: readonly string[], path: string): string[] {
  const last = leaf.positionals.at(-1);
  const max = last?.isVariadic === true ? Infinity : leaf.positionals.length;
  const missing = leaf.positionals.filter((p, i) => p.isRequired === true && positionals[i] === undefined);
  return [
    ...positionals.slice(max).map((p) => `unexpected argument ${JSON.stringify(p)}`),
    ...missing.map((p) => `${path} needs ${p.description}`),
  ];
}

function parseLeaf<R>(
  root: Command<R>,
  leaf: LeafCommand<R>,
  path: readonly string[],
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): R {
  const options = parseArgsOptions(leaf.flags);
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, options),
      options,
      strict: true,
      allowPositionals: leaf.positionals.length > 0,
    });
  } catch (err: unknown) {
    throw new UsageError(parseError(err, root, path), { cause: err });
  }
  const fromEnv = new Map<string, string>();
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(leaf.flags.properties)) {
    const given = parsed.values[name];
    const envName = flagOptions(schema).env;
    if (given !== undefined && given !== '') values[name] = given;
    else if (envName !== undefined && env[envName] !== undefined && env[envName] !== '') {
      values[name] = env[envName];
      fromEnv.set(name, envName);
    }
  }
  const checked = checkSchemaValues(leaf.flags, values);
  const problems = [
    ...(checked.ok ? [] : checked.problems.map((p) => problemText(leaf.flags, p, fromEnv))),
    ...positionalProblems(leaf, parsed.positionals, path.join(' ') || leaf.name),
  ];
  if (!checked.ok || problems.length > 0) throw new UsageError(problems);
  return leaf.build({ flags: checked.value, positionals: parsed.positionals, path });
}

/**
 * Parses a command line (without node and the script) against a command definition, on node:util parseArgs, so
 * `--x v` and `--x=v` both work. Flags are checked and converted by their TypeBox schemas like config settings,
 * every problem named at once. `--help`/`-h` (or the word `help` where a subcommand is expected) returns the
 * generated help. Throws one {@link UsageError} (`CLI_USAGE_INVALID`) carrying the command's usage.
 */
export function parseCommand<R>(
  root: Command<R>,
  argv: readonly string[],
  options: ParseCommandOptions = {},
): ParsedCommand<R> {
  let command: Command<R> = root;
  const path: string[] = [];
  let rest = argv;
  while (command.kind === 'group') {
    const [word, ...after] = rest;
    const group = command;
    if (word === undefined && group.isHelpWhenEmpty && group === root)
      return { kind: 'help', help: formatHelp(root, group, path) };
    if (word === undefined || HELP_WORDS.has(word) || word === 'help') {
      const help = formatHelp(root, group, path);
      if (word === undefined) throw new UsageError('missing command', { usage: help });
      return { kind: 'help', help };
    }
    const next = group.subcommands.find((sub) => sub.name === word);
    if (next === undefined)
      throw new UsageError(`unknown command: ${[...path, word].join(' ')}`, {
        usage: formatHelp(root, group, path),
      });
    path.push(word);
    command = next;
    rest = after;
  }
  const usage = formatHelp(root, command, path);
  if (asksForHelp(rest)) return { kind: 'help', help: usage };
  try {
    return { kind: 'command', value: parseLeaf(root, command, path, rest, options.env ?? {}), path, usage };
  } catch (err: unknown) {
    if (err instanceof UsageError) throw withUsage(err, usage);
    throw err;
  }
}
