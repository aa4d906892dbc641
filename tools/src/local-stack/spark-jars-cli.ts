import { stackDir, WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { describeError } from './local-stack.js';
import { createReporter } from './reporter.js';
import { ensureSparkJars, sparkPaths } from './spark-jars.js';

/** Entry of `npx nx run tools:spark-jars`: makes sure the local Spark classpath exists (exit 0), else 1. */
async function main(): Promise<number> {
  await ensureSparkJars(
    sparkPaths(WORKSPACE_ROOT, stackDir(process.env)),
    process.env['LAKEHOUSE_MVN'] || 'mvn',
    createReporter(),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`spark-jars: ${describeError(err)}`);
    process.exitCode = 1;
  },
);
