import { FastLoadSchema, lastJsonLine, SparkRunSchema } from '../child-output.js';
import { count, tsxCommand, type Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';
import { copyLakeAggregates } from '../history-sql.js';
import { historyToLoad, requireHistory } from './history-loading.js';

const loadsWith = (run: Run, loader: 'spark' | 'fast'): boolean =>
  historyToLoad(run) !== null && run.plan.options.loader === loader;

/** The Data Flow Spark job on the raw bucket: readings into MySQL, hourly aggregates into the silver bucket. */
export const sparkLoad: DemoStep<Run> = {
  title: 'spark job (Data Flow stand-in): raw files -> readings + silver aggregates',
  skip: (run) => !loadsWith(run, 'spark'),
  run: async (run) => {
    const { buckets } = run.plan;
    const out = await tsxCommand(run, 'spark', 'apps/bulk-load/src/main.ts', [
      'spark',
      'run',
      '--raw',
      buckets.raw,
      '--rejects',
      buckets.rejects,
      '--silver',
      buckets.silver,
    ]);
    const s = lastJsonLine(SparkRunSchema, out, 'bulk-load spark run').summary;
    run.say(
      s === undefined
        ? `    spark: ${out.trim()}`
        : `    ${count(s.validRows)} readings stored, ${count(s.rejectedRows)} rejected (rejects bucket), ${count(s.hourlyRows)} hourly aggregates in the silver bucket`,
    );
  },
};

/** The Lakehouse external table over the silver files, copied into hourly_aggregates. */
export const heatwaveLoad: DemoStep<Run> = {
  title: 'heatwave load (Lakehouse table over the silver files; RAPID load on HeatWave)',
  skip: (run) => !loadsWith(run, 'spark'),
  run: async (run) => {
    await tsxCommand(run, 'heatwave', 'apps/bulk-load/src/main.ts', ['heatwave', 'load'], {
      HEATWAVE_SILVER_DIR: run.plan.buckets.silver,
    });
    run.say(`    ${String(await copyLakeAggregates(run.pool))} silver rows copied into hourly_aggregates`);
  },
};

/** --loader fast: the validated LOAD DATA path of bulk-load. */
export const fastLoad: DemoStep<Run> = {
  title: 'fast loader: raw files -> readings (validated LOAD DATA)',
  skip: (run) => !loadsWith(run, 'fast'),
  run: async (run) => {
    const out = await tsxCommand(run, 'fast-load', 'apps/bulk-load/src/main.ts', [
      'load',
      ...requireHistory(run).files,
      '--out',
      run.plan.buckets.rejects,
    ]);
    const summary = lastJsonLine(FastLoadSchema, out, 'bulk-load load');
    run.say(
      `    ${count(summary.rowsLoaded ?? 0)} readings stored, ${count(summary.rowsRejected ?? 0)} rejected (rejects bucket), ${count(Math.round(summary.rowsPerSec ?? 0))} rows/s`,
    );
  },
};
