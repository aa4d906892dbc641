import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';

/**
 * Keys a flag's TypeBox schema may carry besides `description` and `default`, for example
 * `Type.Integer({ minimum: 1, default: 4, description: 'parallel loads', placeholder: 'N' })`.
 */
export interface FlagOptions {
  /** One-letter alias: `short: 'o'` accepts `-o DIR`. @default none */
  readonly short?: string;
  /** Name of the value in the help: `--out DIR`. @default `N` for numbers, `VALUE` for strings */
  readonly placeholder?: string;
  /** Environment variable read when the flag is not given (from the `env` handed to parseCommand). @default none */
  readonly env?: string;
  /** What a valid value is, for "--x must be <expected>, got …". @default derived from the schema */
  readonly expected?: string;
}

/** A positional argument of a command. */
export interface PositionalDefinition {
  readonly name: string;
  /** Shown in the help; also the error "<command> needs <description>" when a required one is missing. */
  readonly description: string;
  /** @default false */
  readonly isRequired?: boolean;
  /** Takes every remaining argument (only the last positional). @default false */
  readonly isVariadic?: boolean;
}

/** What a command's `build` receives: the checked flags (typed by their schemas) and the positionals. */
export interface CommandInput<F extends TProperties> {
  readonly flags: Static<TObject<F>>;
  readonly positionals: readonly string[];
  /** The words that selected the command, such as `['spark', 'run']`. */
  readonly path: readonly string[];
}

/** A command that runs: its flags (TypeBox properties keyed by flag name) and how to turn them into a value. */
export interface LeafDefinition<F extends TProperties, R> {
  readonly name: string;
  /** One line, shown in the parent's command list and at the top of the help. */
  readonly summary: string;
  /** More help text, printed after the options. @default none */
  readonly details?: string;
  /** How the program is typed, when this is the root: `npm run datasets --`. @default name */
  readonly invocation?: string;
  readonly positionals?: readonly PositionalDefinition[];
  /** Flags by name (`chunk-rows`); each schema checks and converts the value like a config setting. */
  readonly flags?: F;
  /**
   * Turns the checked input into the caller's value; may throw a {@link UsageError} for rules across flags
   * ("--seed needs --generated"), which then carries this command's usage.
   */
  readonly build: (input: CommandInput<F>) => R;
}

/** A command made of subcommands (`spark run`, `spark generate`). */
export interface GroupDefinition<S extends readonly Command<unknown>[]> {
  readonly name: string;
  readonly summary: string;
  readonly details?: string;
  readonly invocation?: string;
  readonly subcommands: S;
  /** An empty command line prints the help (exit 0) instead of the usage error "missing command". @default false */
  readonly isHelpWhenEmpty?: boolean;
}

/** A command that runs, as built by {@link defineCommand}. */
export interface LeafCommand<R> {
  readonly kind: 'leaf';
  readonly name: string;
  readonly summary: string;
  readonly details: string | undefined;
  readonly invocation: string;
  readonly positionals: readonly PositionalDefinition[];
  readonly flags: TObject;
  readonly build: (input: {
    readonly flags: unknown;
    readonly positionals: readonly string[];
    readonly path: readonly string[];
  }) => R;
}

/** A command of subcommands, as built by {@link defineGroup}. */
export interface GroupCommand<R> {
  readonly kind: 'group';
  readonly name: string;
  readonly summary: string;
  readonly details: string | undefined;
  readonly invocation: string;
  readonly subcommands: readonly Command<R>[];
  readonly isHelpWhenEmpty: boolean;
}

/** A command definition whose parsed value is `R`. */
export type Command<R> = LeafCommand<R> | GroupCommand<R>;

/** The value type of a command (the union of its subcommands' values). */
export type CommandValue<C> = C extends Command<infer R> ? R : never;

/** Defines a command that runs; `build` receives flags typed by their schemas. */
export function defineCommand<R, F extends TProperties = Record<never, never>>(
  definition: LeafDefinition<F, R>,
): LeafCommand<R> {
  const positionals = definition.positionals ?? [];
  if (positionals.slice(0, -1).some((p) => p.isVariadic === true))
    throw new Error(`${definition.name}: only the last positional may be variadic`);
  return Object.freeze({
    kind: 'leaf',
    name: definition.name,
    summary: definition.summary,
    details: definition.details,
    invocation: definition.invocation ?? definition.name,
    positionals,
    flags: Type.Object(definition.flags ?? {}, { additionalProperties: false }),
    build: definition.build as LeafCommand<R>['build'],
  });
}

/** Defines a command of subcommands; its value is the union of theirs. */
export function defineGroup<const S extends readonly Command<unknown>[]>(
  definition: GroupDefinition<S>,
): GroupCommand<CommandValue<S[number]>> {
  const names = definition.subcommands.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined)
    throw new Error(`${definition.name}: subcommand ${duplicate} is defined twice`);
  return Object.freeze({
    kind: 'group',
    name: definition.name,
    summary: definition.summary,
    details: definition.details,
    invocation: definition.invocation ?? definition.name,
    subcommands: definition.subcommands as readonly Command<CommandValue<S[number]>>[],
    isHelpWhenEmpty: definition.isHelpWhenEmpty ?? false,
  });
}
