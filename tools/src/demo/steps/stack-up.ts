import type { DemoStep } from '../demo-runner.js';
import { tsxCommand, type PrepareContext } from '../demo-context.js';

/** `npm run stack -- up`, unless --skip stack (then the stack must be running already). */
export const stackUp: DemoStep<PrepareContext> = {
  title: 'local stack up (MariaDB = MySQL HeatWave, Kafka = OCI Streaming)',
  skip: (ctx) => ctx.plan.options.skip.has('stack'),
  run: async (ctx) => {
    await tsxCommand(ctx, 'stack', 'tools/src/local-stack/cli.ts', ['up']);
  },
};
