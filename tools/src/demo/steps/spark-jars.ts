import { tsxCommand, type PrepareContext } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';

/** The local Spark classpath, when the Spark job will load the history. */
export const sparkJars: DemoStep<PrepareContext> = {
  title: 'Spark 3.5 jars (Data Flow stand-in; from Maven Central on the first run)',
  skip: ({ plan }) => !(plan.mayLoad && plan.options.loader === 'spark'),
  run: async (ctx) => {
    await tsxCommand(ctx, 'spark-jars', 'tools/src/local-stack/spark-jars-cli.ts', []);
  },
};
