export {
  defineCommand,
  defineGroup,
  type Command,
  type CommandInput,
  type CommandValue,
  type FlagOptions,
  type GroupCommand,
  type GroupDefinition,
  type LeafCommand,
  type LeafDefinition,
  type PositionalDefinition,
} from './command.js';
export { commandFlags } from './command-flags.js';
export { formatHelp } from './format-help.js';
export { parseCommand, type ParseCommandOptions, type ParsedCommand } from './parse-command.js';
export { parseOrExit, runCli, USAGE_EXIT_CODE, type MainResult, type RunCliOptions } from './run-cli.js';
export { UsageError, withUsage, type UsageErrorOptions } from './usage-error.js';
