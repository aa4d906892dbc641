/**
 * `npx nx run ml-train:bench`: training time on 10k and 100k generated rows, in-process scoring throughput on one
 * core, and metrics on a fresh generated held-out set; then the horizon model (issue #18) on simulated fleets in
 * time: trained on one fleet, evaluated on three others (other seeds) against the per-reading probability alone.
 * Progress on stderr; the last line is one JSON object. Purely in-process (no database): it measures the models,
 * not MySQL.
 */
import { generateHistory, type LabelledReading } from '@lakehouse/domain';
import { createScorer, parseArtifact, serializeArtifact } from '@lakehouse/scoring';
import { classificationMetrics } from '../src/evaluation/metrics.js';
import { formatMetrics } from '../src/evaluation/format-metrics.js';
import { evaluateHorizonModel } from '../src/horizon/horizon-evaluation.js';
import { buildHorizonDataset, seriesByAsset } from '../src/horizon/horizon-dataset.js';
import { trainHorizonModel } from '../src/horizon/train-horizon-model.js';
import { buildDataset } from '../src/training/labelled-dataset.js';
import { scoreDataset, trainFailureModel, type TrainedModel } from '../src/training/train-failure-model.js';

const START_MS = Date.UTC(2024, 0, 1);
// Progress and the readable report go to stderr; stdout carries only the final JSON line (repo convention).
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const history = (seed: number, rows: number): LabelledReading[] => [
  ...generateHistory({ seed, rows, startMs: START_MS, intervalMs: 60_000 }),
];

function timedTraining(
  label: string,
  readings: readonly LabelledReading[],
): { model: TrainedModel; seconds: number } {
  const started = performance.now();
  const dataset = buildDataset(readings);
  const model = trainFailureModel(dataset, undefined, (e) => {
    if (e.kind === 'tree' && e.tree === e.trees) {
      log(`  ${label}: ${e.model} model done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  log(
    `${label}: trained in ${seconds.toFixed(2)} s (features, 1 failure + ${String(Object.keys(model.artifact.modes).length)} mode models, threshold)`,
  );
  return { model, seconds };
}

log('generating training sets (seeds 1001 and 1002) and a held-out set (seed 4242, 100 000 rows)');
const train10k = history(1001, 10_000);
const train100k = history(1002, 100_000);
const heldOut = history(4242, 100_000);

const small = timedTraining('10k rows', train10k);
const large = timedTraining('100k rows', train100k);

const heldOutSet = buildDataset(heldOut);
const metrics = classificationMetrics(
  scoreDataset(large.model.artifact.failure, heldOutSet),
  heldOutSet.labels,
  heldOutSet.modes,
  large.model.threshold,
);
log('held-out metrics of the 100k model (fresh generated set, seed 4242):');
log(formatMetrics(metrics));

const scorer = createScorer(
  { modelId: 0, name: 'bench', version: 1, threshold: large.model.threshold },
  parseArtifact(serializeArtifact(large.model.artifact)),
);
// Warm up the JIT, then time at least one second of single-reading calls on this one thread.
let sink = 0;
for (let i = 0; i < 20_000; i += 1)
  sink += scorer.probability(heldOut[i % heldOut.length] as LabelledReading);
let scored = 0;
const scoreStart = performance.now();
while (performance.now() - scoreStart < 1_500) {
  for (let i = 0; i < 10_000; i += 1)
    sink += scorer.probability(heldOut[(scored + i) % heldOut.length] as LabelledReading);
  scored += 10_000;
}
const scoreSeconds = (performance.now() - scoreStart) / 1000;
const scoresPerSec = scored / scoreSeconds;
let explained = 0;
const explainStart = performance.now();
while (performance.now() - explainStart < 1_000) {
  for (let i = 0; i < 1_000; i += 1)
    sink += scorer.explain(heldOut[(explained + i) % heldOut.length] as LabelledReading).probability;
  explained += 1_000;
}
const explainsPerSec = explained / ((performance.now() - explainStart) / 1000);
log(
  `scoring: ${Math.round(scoresPerSec).toLocaleString('en-US')} readings/s single core (${(1e6 / scoresPerSec).toFixed(2)} µs each); explain: ${Math.round(explainsPerSec).toLocaleString('en-US')}/s (checksum ${sink.toFixed(0)})`,
);

// The horizon model on fleets in time: 20 machines, 21 days to train on, three held-out fleets of 14 days.
const FLEET_ASSETS = 20;
const fleetHistory = (seed: number, days: number): LabelledReading[] => [
  ...generateHistory({
    seed,
    // At most one reading a minute per machine (fewer while stopped); the stream stops at this many readings.
    rows: Math.round(FLEET_ASSETS * days * 1_400),
    assets: FLEET_ASSETS,
    startMs: START_MS,
    intervalMs: 60_000,
    mode: 'in-time',
  }),
];
log('horizon model: generating a fleet in time to train on (seed 1001, 20 machines, 21 days)');
const fleetTrain = fleetHistory(1001, 21);
const horizonStarted = performance.now();
const horizonDataset = buildHorizonDataset(seriesByAsset(fleetTrain));
const trainedHorizons = trainHorizonModel(horizonDataset, undefined, (minutes, tree, trees) => {
  if (tree === trees) {
    log(
      `  ${String(minutes)} min horizon done (${((performance.now() - horizonStarted) / 1000).toFixed(1)} s)`,
    );
  }
});
const horizonTrainSeconds = (performance.now() - horizonStarted) / 1000;
log('horizon model: evaluating on held-out fleets (seeds 4242, 4343, 4444, 14 days each)');
// The baseline is today's per-reading model (the 100k one above): its probability of "this reading is a failure",
// used as the score for "a failure within the horizon".
const horizonEvaluation = evaluateHorizonModel(trainedHorizons.horizons, large.model.artifact.failure, [
  fleetHistory(4242, 14),
  fleetHistory(4343, 14),
  fleetHistory(4444, 14),
]);
const fmt = (v: number | null, digits = 3): string => (v === null ? 'n/a' : v.toFixed(digits));
for (const h of horizonEvaluation.byHorizon) {
  for (const [name, f] of [
    ['horizon model', h.model],
    ['per-reading baseline', h.baseline],
  ] as const) {
    log(
      `  ${String(h.minutes)} min, ${name}: PR-AUC ${fmt(f.prAuc)}, ${String(f.episodes.episodes)} episodes, precision ${fmt(f.episodes.precision)}, failures warned ${fmt(f.episodes.failuresWarned)}, lead p50 ${fmt(f.episodes.leadMinutesP50, 0)} min, p10 ${fmt(f.episodes.leadMinutesP10, 0)} min`,
    );
  }
  log(
    `    by mode: ${Object.entries(h.model.episodes.byMode)
      .map(
        ([mode, o]) =>
          `${mode} ${String(o.warned)}/${String(o.failures)} (p50 ${fmt(o.leadMinutesP50, 0)} min)`,
      )
      .join(', ')}`,
  );
}

const round = (v: number, digits = 4): number => Number(v.toFixed(digits));
const perHorizon = <T>(pick: (h: (typeof horizonEvaluation.byHorizon)[number]) => T): Record<string, T> =>
  Object.fromEntries(horizonEvaluation.byHorizon.map((h) => [`${String(h.minutes)}min`, pick(h)]));
const r3 = (v: number | null): number | null => (v === null ? null : round(v, 3));
process.stdout.write(
  `${JSON.stringify({
    trainSeconds10k: round(small.seconds, 2),
    trainSeconds100k: round(large.seconds, 2),
    scoresPerSec: Math.round(scoresPerSec),
    microsPerScore: round(1e6 / scoresPerSec, 2),
    explainsPerSec: Math.round(explainsPerSec),
    f1: round(metrics.f1),
    precision: round(metrics.precision),
    recall: round(metrics.recall),
    rocAuc: round(metrics.rocAuc),
    prAuc: round(metrics.prAuc),
    threshold: round(large.model.threshold),
    heldOutRows: metrics.rows,
    modeRecall: Object.fromEntries(
      Object.entries(metrics.modeRecall).map(([k, v]) => [k, v === null ? null : round(v)]),
    ),
    horizonTrainSeconds: round(horizonTrainSeconds, 1),
    horizonHeldOutRows: horizonEvaluation.rows,
    horizonHeldOutFailures: horizonEvaluation.failures,
    horizonPrAuc: perHorizon((h) => r3(h.model.prAuc)),
    baselinePrAuc: perHorizon((h) => r3(h.baseline.prAuc)),
    episodePrecision: perHorizon((h) => r3(h.model.episodes.precision)),
    baselineEpisodePrecision: perHorizon((h) => r3(h.baseline.episodes.precision)),
    failuresWarned: perHorizon((h) => r3(h.model.episodes.failuresWarned)),
    baselineFailuresWarned: perHorizon((h) => r3(h.baseline.episodes.failuresWarned)),
    leadMinutesP50: perHorizon((h) => h.model.episodes.leadMinutesP50),
    leadMinutesP10: perHorizon((h) => h.model.episodes.leadMinutesP10),
    byMode: perHorizon((h) =>
      Object.fromEntries(
        Object.entries(h.model.episodes.byMode).map(([mode, o]) => [
          mode,
          {
            failures: o.failures,
            warned: r3(o.failuresWarned),
            leadMinutesP50: o.leadMinutesP50,
            leadMinutesP10: o.leadMinutesP10,
          },
        ]),
      ),
    ),
  })}\n`,
);
