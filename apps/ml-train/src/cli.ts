import { parseMysqlVersion } from '@lakehouse/contracts';
import { generateHistory, type LabelledReading } from '@lakehouse/domain';
import { runCli as runCommandLine } from '@lakehouse/cli';
import { AppError, createLogger, type Logger } from '@lakehouse/runtime';
import {
  activateModel,
  activeModelId,
  FEATURE_NAMES,
  getModel,
  listModels,
  loadActiveScorer,
  readLabelledReadings,
  registerModel,
  scoreReadingsTable,
  serializeArtifact,
  type Scorer,
} from '@lakehouse/scoring';
import { createSqlPool, detectServer } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHorizonAutoMlTraining } from './automl/horizon-automl.js';
import { runAutoMlBatchScoring, runAutoMlTraining } from './automl/run-automl-training.js';
import { DEFAULT_GENERATOR_SEED, ML_TRAIN_COMMAND, type CliArgs } from './cli-command.js';
import { loadConfig, type MlTrainConfig } from './config.js';
import { classificationMetrics, type ClassificationMetrics } from './evaluation/metrics.js';
import { formatMetrics, headlineJson } from './evaluation/format-metrics.js';
import { readAi4iCsv, resolveCsvPath } from './io/read-ai4i-csv.js';
import { scoreHistoryCommand } from './scoring/score-history-command.js';
import { trainHorizonPart, type HorizonPartResult } from './horizon/train-horizon-part.js';
import { buildDataset } from './training/labelled-dataset.js';
import { crossValidate, trainFailureModel, type TrainingEvent } from './training/train-failure-model.js';

/** apps/ml-train/src (or dist) → the repository root, which relative `--csv` paths are resolved against. */
const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the output goes: results to `out` (stdout), progress to `progress` (stderr). */
export interface CliOutput {
  readonly out: (line: string) => void;
  readonly progress: (line: string) => void;
}

const STD_OUTPUT: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  progress: (line) => process.stderr.write(`${line}\n`),
};

function progressReporter(output: CliOutput): (event: TrainingEvent) => void {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return (event) => {
    if (event.kind === 'fold') {
      output.progress(
        `fold ${String(event.fold)}/${String(event.folds)}: F1 ${event.f1.toFixed(4)} (${elapsed()})`,
      );
    } else if (event.kind === 'threshold') {
      output.progress(
        `decision threshold ${event.threshold.toFixed(4)} chosen on the validation split (${elapsed()})`,
      );
    } else if (event.tree === event.trees || event.tree % 10 === 0) {
      output.progress(`${event.model}: tree ${String(event.tree)}/${String(event.trees)} (${elapsed()})`);
    }
  };
}

async function loadTrainingData(
  pool: Pool,
  config: MlTrainConfig,
  args: CliArgs,
  output: CliOutput,
): Promise<LabelledReading[]> {
  if (args.csv !== undefined) {
    const path = resolveCsvPath(args.csv, WORKSPACE_ROOT);
    output.progress(`reading ${path}`);
    return readAi4iCsv(path);
  }
  if (args.generatedRows !== undefined) {
    output.progress(`generating ${String(args.generatedRows)} labelled readings (seed ${String(args.seed)})`);
    return [
      ...generateHistory({
        seed: args.seed ?? DEFAULT_GENERATOR_SEED,
        rows: args.generatedRows,
        startMs: Date.UTC(2024, 0, 1),
        intervalMs: 60_000,
      }),
    ];
  }
  const newest = config.trainNewestRows;
  output.progress(
    `reading ${newest === undefined ? 'the labelled readings' : `about the newest ${String(newest)} labelled readings`} from MySQL`,
  );
  return readLabelledReadings(pool, {
    onProgress: (rows) => output.progress(`read ${String(rows)} rows`),
    ...(newest === undefined ? {} : { newest }),
  });
}

async function train(
  pool: Pool,
  config: MlTrainConfig,
  args: CliArgs,
  output: CliOutput,
  log: Logger,
): Promise<void> {
  const readings = await loadTrainingData(pool, config, args, output);
  const dataset = buildDataset(readings);
  output.progress(
    `${String(dataset.matrix.rows)} rows, ${String(dataset.labels.reduce((s, y) => s + y, 0))} failures`,
  );
  const report = progressReporter(output);
  let cv: ReturnType<typeof crossValidate> | undefined;
  if (config.cvFolds >= 2) {
    output.progress(`stratified ${String(config.cvFolds)}-fold cross-validation`);
    cv = crossValidate(dataset, config.cvFolds, undefined, report);
  }
  const started = performance.now();
  const model = trainFailureModel(dataset, undefined, report);
  const trainSeconds = (performance.now() - started) / 1000;
  output.out(
    `validation split (${String(model.validation.rows)} rows), trained in ${trainSeconds.toFixed(1)} s`,
  );
  output.out(formatMetrics(model.validation));
  if (cv !== undefined) {
    const m = cv.mean;
    output.out(
      `cross-validation mean over ${String(cv.folds.length)} folds: precision ${m.precision.toFixed(4)} recall ${m.recall.toFixed(4)} F1 ${m.f1.toFixed(4)} ROC-AUC ${m.rocAuc.toFixed(4)} PR-AUC ${m.prAuc.toFixed(4)}`,
    );
  }
  let heatwaveModelHandle: string | null = null;
  let heatwaveMetrics: unknown = null;
  const server = await detectServer(pool);
  const fromDatabase = args.csv === undefined && args.generatedRows === undefined;
  let horizon: HorizonPartResult | null = null;
  if (config.horizon === null) {
    output.progress('horizon model: off (ML_HORIZON=false)');
  } else if (!fromDatabase) {
    output.progress('horizon model: skipped, it needs the labelled history in time order from MySQL');
  } else {
    horizon = await trainHorizonPart(pool, config.horizon, output.progress);
    if (horizon !== null) output.out(horizon.summary);
  }
  if (server.hasAutoMl && config.heatwaveAutoMl && fromDatabase) {
    const auto = await runAutoMlTraining(
      pool,
      config.sql.database,
      `${config.modelName}_${String(Date.now())}`,
      parseMysqlVersion(server.version),
      (step) => output.progress(`HeatWave AutoML: ${step}`),
    );
    heatwaveModelHandle = auto.handle;
    heatwaveMetrics = { balancedAccuracy: auto.balancedAccuracy };
    if (horizon !== null) {
      const autoHorizon = await runHorizonAutoMlTraining(
        pool,
        config.sql.database,
        `${config.modelName}_horizon_${String(Date.now())}`,
        parseMysqlVersion(server.version),
        horizon.baseTraining,
        (step) => output.progress(`HeatWave AutoML: ${step}`),
      );
      heatwaveMetrics = {
        balancedAccuracy: auto.balancedAccuracy,
        horizon: {
          handle: autoHorizon.handle,
          minutes: horizon.baseTraining.minutes,
          balancedAccuracy: autoHorizon.balancedAccuracy,
        },
      };
    }
  } else {
    output.progress(
      `HeatWave AutoML skipped: server is ${server.kind}${server.kind === 'heatwave' && !server.hasAutoMl ? ' without a running cluster' : ''}${fromDatabase ? '' : ', or the training data is not in the database'}`,
    );
  }
  const { modelId, version } = await registerModel(pool, {
    name: config.modelName,
    algorithm: 'gbdt-logistic',
    parameters: model.params,
    features: [...FEATURE_NAMES],
    trainingFingerprint: model.trainingFingerprint,
    metrics: {
      validation: model.validation,
      crossValidation: cv?.mean ?? null,
      heatwave: heatwaveMetrics,
      trainSeconds,
      trainingRows: model.trainingRows,
      horizon: horizon?.metrics ?? null,
    },
    decisionThreshold: model.threshold,
    artifact: serializeArtifact(
      horizon === null ? model.artifact : { ...model.artifact, horizon: horizon.part },
    ),
    heatwaveModelHandle,
  });
  if (config.activate) await activateModel(pool, modelId);
  log.info({ modelId, version, active: config.activate }, 'model registered');
  output.out(
    `registered ${config.modelName} v${String(version)} as model ${String(modelId)}${config.activate ? ' (active)' : ''}`,
  );
  output.out(headlineJson(model.validation, { modelId, version, trainSeconds }));
}

async function activeScorer(pool: Pool): Promise<Scorer> {
  const scorer = await loadActiveScorer(pool);
  if (scorer === null)
    throw new RangeError('no active model in the registry: run `npx nx run ml-train:train` first');
  return scorer;
}

/** Scores labelled readings with a scorer and computes every metric at the scorer's threshold. */
export function evaluateScorer(scorer: Scorer, readings: readonly LabelledReading[]): ClassificationMetrics {
  const dataset = buildDataset(readings);
  const probabilities = Float64Array.from(readings, (r) => scorer.probability(r));
  return classificationMetrics(probabilities, dataset.labels, dataset.modes, scorer.threshold);
}

async function evaluate(pool: Pool, args: CliArgs, output: CliOutput): Promise<void> {
  const scorer = await activeScorer(pool);
  const path = resolveCsvPath(args.csv as string, WORKSPACE_ROOT);
  output.progress(`reading ${path}`);
  const readings = await readAi4iCsv(path);
  output.progress(
    `scoring ${String(readings.length)} rows with ${scorer.name} v${String(scorer.version)} (model ${String(scorer.modelId)})`,
  );
  const metrics = evaluateScorer(scorer, readings);
  output.out(`${path}: ${scorer.name} v${String(scorer.version)} (model ${String(scorer.modelId)})`);
  output.out(formatMetrics(metrics));
  output.out(headlineJson(metrics, { modelId: scorer.modelId, version: scorer.version }));
}

async function scoreInDatabase(pool: Pool, config: MlTrainConfig, output: CliOutput): Promise<void> {
  const server = await detectServer(pool);
  if (!server.hasAutoMl) {
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `score --in-database needs HeatWave AutoML; the server is ${server.kind}${server.kind === 'heatwave' ? ' without a running cluster' : ''}`,
    );
  }
  const modelId = await activeModelId(pool);
  const model = modelId === null ? null : await getModel(pool, modelId);
  if (model === null)
    throw new RangeError('no active model in the registry: run `npx nx run ml-train:train` first');
  if (model.heatwaveModelHandle === null) {
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `model ${String(model.modelId)} has no HeatWave AutoML handle: train it on HeatWave first`,
    );
  }
  const rows = await runAutoMlBatchScoring(
    pool,
    config.sql.database,
    model.heatwaveModelHandle,
    model.modelId,
    parseMysqlVersion(server.version),
    (step) => output.progress(`HeatWave AutoML: ${step}`),
  );
  output.out(
    JSON.stringify({
      modelId: model.modelId,
      heatwaveModelHandle: model.heatwaveModelHandle,
      predictionRows: rows,
    }),
  );
}

async function score(pool: Pool, output: CliOutput): Promise<void> {
  const scorer = await activeScorer(pool);
  const started = performance.now();
  const result = await scoreReadingsTable(pool, scorer, {
    onProgress: (n) =>
      output.progress(
        `scored ${String(n)} readings (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      ),
  });
  output.out(JSON.stringify({ modelId: scorer.modelId, ...result }));
}

async function models(pool: Pool, output: CliOutput): Promise<void> {
  for (const m of await listModels(pool)) {
    const f1 = (m.metrics as { validation?: { f1?: number } } | null)?.validation?.f1;
    output.out(
      `${String(m.modelId).padStart(4)} ${m.name} v${String(m.version)} ${m.algorithm} threshold ${m.decisionThreshold.toFixed(4)}${f1 === undefined ? '' : ` F1 ${f1.toFixed(4)}`}${m.heatwaveModelHandle === null ? '' : ` heatwave ${m.heatwaveModelHandle}`}${m.isActive ? ' ACTIVE' : ''}`,
    );
  }
}

/**
 * Runs one command; returns the exit code (2 for a bad command line, with the usage on `progress`). Other errors
 * propagate to the caller, which reports them. `env` defaults to the process environment (read in config.ts).
 */
export async function runCli(
  argv: readonly string[],
  env?: Readonly<Record<string, string | undefined>>,
  output: CliOutput = STD_OUTPUT,
): Promise<number> {
  return runCommandLine(ML_TRAIN_COMMAND, argv, (args) => runCommand(args, env, output), {
    out: output.out,
    err: output.progress,
    isThrowingFailures: true,
  });
}

async function runCommand(
  args: CliArgs,
  env: Readonly<Record<string, string | undefined>> | undefined,
  output: CliOutput,
): Promise<void> {
  const config = loadConfig(env);
  // Logs go to stderr: stdout carries the results, whose last line is machine-read JSON.
  const log = createLogger({ name: 'ml-train', level: config.logLevel }, process.stderr);
  const pool = await createSqlPool(config.sql);
  try {
    if (args.command === 'train') await train(pool, config, args, output, log);
    else if (args.command === 'evaluate') await evaluate(pool, args, output);
    else if (args.command === 'score' && args.inDatabase === true)
      await scoreInDatabase(pool, config, output);
    else if (args.command === 'score' && args.history === true)
      await scoreHistoryCommand(pool, await activeScorer(pool), output);
    else if (args.command === 'score') await score(pool, output);
    else await models(pool, output);
  } finally {
    await pool.end();
  }
}
