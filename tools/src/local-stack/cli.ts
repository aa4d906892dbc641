import { runCli } from '@lakehouse/cli';
import { stackDir, WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { describeError, stackDown, stackStatus, stackUp, type StackContext } from './local-stack.js';
import { STACK_COMMAND } from './parse-command.js';
import { createReporter } from './reporter.js';
import { loadStackConfig } from './stack-config.js';

/** Entry of `npm run stack -- up|down|status`: exit 0 ok, 1 failed/unhealthy, 2 bad usage (libs/cli). */
runCli(
  STACK_COMMAND,
  process.argv.slice(2),
  (command) => {
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
  },
  { isThrowingFailures: true },
).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`stack: ${describeError(err)}`);
    process.exitCode = 1;
  },
);
