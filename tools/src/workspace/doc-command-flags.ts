import { DATASETS_USAGE } from '../datasets/parse-dataset-args.js';
import { DEMO_USAGE } from '../demo/demo-options.js';
import { HEATWAVE_USAGE } from '../heatwave/parse-heatwave-args.js';
import { STACK_USAGE } from '../local-stack/parse-command.js';

/**
 * Where the flags of each command that documents pass flags to are defined: the command as a document writes it
 * (`npm run <script>`, or `nx run <project>:<target>` for a target that runs a CLI) -> the text that lists its flags.
 * The doc-command test checks every `--flag` after `--` against it. Today these are the CLIs' usage texts; when a
 * command moves onto a libs/cli definition, point its entry at the flags of that definition instead, and add the
 * commands not listed yet (the apps' CLIs: `npm run local -- producer`, `nx run bulk-load:start`, `ml-train:*`,
 * `api:create-key`), whose flags are not checked until then.
 */
export const CLI_FLAG_SOURCES: Readonly<Record<string, () => string>> = {
  'npm run datasets': () => DATASETS_USAGE,
  'npm run demo': () => DEMO_USAGE,
  'npm run heatwave': () => HEATWAVE_USAGE,
  'npm run stack': () => STACK_USAGE,
  'nx run tools:heatwave': () => HEATWAVE_USAGE,
};

/** The `--flags` a usage text names. */
export function flagsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
}
