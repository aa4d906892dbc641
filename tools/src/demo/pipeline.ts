// The demo's pipeline, in order: what `npm run demo` does, one step module each (tools/src/demo/steps/).
import type { PrepareContext, Run } from './demo-context.js';
import type { DemoStep } from './demo-runner.js';
import { build } from './steps/build.js';
import { generateHistoryEarly, generateHistoryLate } from './steps/generate-history.js';
import { historyTables, recordHistory, sharedHours } from './steps/history-tables.js';
import { apiAndDashboard, producer, resetStatus, streamAndRunner } from './steps/live-services.js';
import { fastLoad, heatwaveLoad, sparkLoad } from './steps/load-history.js';
import { migrateSchema } from './steps/migrate.js';
import { scoreHistory, trainModel } from './steps/model.js';
import { replaceHistory } from './steps/replace-history.js';
import { reuseHistory } from './steps/reuse-history.js';
import { sparkJars } from './steps/spark-jars.js';
import { stackUp } from './steps/stack-up.js';

/** 1. Independent of each other, run side by side: the stack, the builds, the raw history files, the Spark jars. */
export const PREPARE: readonly DemoStep<PrepareContext>[] = [stackUp, build, generateHistoryEarly, sparkJars];

/** 2.-4. Once the stack is up, one after the other: schema, history, model, the live services. */
export const PIPELINE: readonly DemoStep<Run>[] = [
  migrateSchema,
  // The history: reused when loaded before, else (re)generated, the old one replaced, loaded, derived, recorded.
  reuseHistory,
  generateHistoryLate,
  replaceHistory,
  sparkLoad,
  heatwaveLoad,
  fastLoad,
  historyTables,
  sharedHours,
  recordHistory,
  // The model.
  trainModel,
  scoreHistory,
  // Live: runner (with the function), API and dashboard, producer (stopped in the reverse order).
  resetStatus,
  streamAndRunner,
  apiAndDashboard,
  producer,
];
