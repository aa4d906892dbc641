import { commandFlags } from '@lakehouse/cli';
import { WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { datasetsCommand } from '../datasets/parse-dataset-args.js';
import { DEMO_COMMAND } from '../demo/demo-options.js';
import { heatwaveCommand } from '../heatwave/parse-heatwave-args.js';
import { STACK_COMMAND } from '../local-stack/parse-command.js';

/**
 * Where the flags of each command that documents pass flags to are defined: the command as a document writes it
 * (`npm run <script>`, or `nx run <project>:<target>` for a target that runs a CLI) -> the flags of its libs/cli
 * definition. The doc-command test checks every `--flag` after `--` against them. The apps' CLIs
 * (`npm run local -- producer`, `nx run bulk-load:start`, `ml-train:*`, `api:create-key`) are defined in the apps,
 * which tools may not import (eslint depConstraints), so their flags are not checked here.
 */
export const CLI_FLAG_SOURCES: Readonly<Record<string, () => ReadonlySet<string>>> = {
  'npm run datasets': () => commandFlags(datasetsCommand({ repoRoot: WORKSPACE_ROOT, cwd: WORKSPACE_ROOT })),
  'npm run demo': () => commandFlags(DEMO_COMMAND),
  'npm run heatwave': () => commandFlags(heatwaveCommand({})),
  'npm run stack': () => commandFlags(STACK_COMMAND),
  'nx run tools:heatwave': () => commandFlags(heatwaveCommand({})),
};
