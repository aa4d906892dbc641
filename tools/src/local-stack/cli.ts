import { stackDir, WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { describeError, stackDown, stackStatus, stackUp, type StackContext } from './local-stack.js';
import { parseStackCommand, STACK_USAGE } from './parse-command.js';
import { createReporter } from './reporter.js';
import { loadStackConfig } from './stack-config.js';

/** Entry of `npm run stack -- up|down|status`: exit 0 ok, 1 failed/unhealthy, 2 bad usage. */
async function main(argv: readonly string[]): Promise<number> {
  const command = parseStackCommand(argv);
  if (command.kind === 'help') {
    console.log(STACK_USAGE);
    return 0;
  }
  if (command.kind === 'usage-error') {
    console.error(`${command.message}\n\n${STACK_USAGE}`);
    return 2;
  }
  const context: StackContext = {
    config: loadStackConfig(process.env, { repoRoot: WORKSPACE_ROOT, stackDir: stackDir(process.env) }),
    env: process.env,
    reporter: createReporter(),
  };
  switch (command.kind) {
    case 'up':
      return stackUp(context);
    case 'status':
      return stackStatus(context);
    case 'down':
      return stackDown(context, command.purge);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`stack: ${describeError(err)}`);
    process.exitCode = 1;
  },
);
