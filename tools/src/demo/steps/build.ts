import { WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { join } from 'node:path';
import type { PrepareContext } from '../demo-context.js';
import { runToEnd } from '../demo-processes.js';
import type { DemoStep } from '../demo-runner.js';

/** The bundles the live part runs and the dashboard, through Nx (cached after the first run). */
export const build: DemoStep<PrepareContext> = {
  title: 'build: function, runner, producer and API bundles, dashboard (Nx, cached)',
  skip: (ctx) => ctx.plan.options.skip.has('build'),
  run: async (ctx) => {
    await runToEnd(
      'build',
      process.execPath,
      [
        join(WORKSPACE_ROOT, 'node_modules/nx/dist/bin/nx.js'),
        'run-many',
        '-t',
        'build',
        '-p',
        'api',
        'producer',
        'connector-runner',
        'ingest-fn',
        '--outputStyle=static',
      ],
      {
        cwd: WORKSPACE_ROOT,
        env: ctx.env,
        logFile: join(ctx.plan.logDir, 'build.log'),
        ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
      },
    );
  },
};
