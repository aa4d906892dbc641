/**
 * `npx nx run ml-train:bench`: training time on 10k and 100k generated rows, in-process scoring throughput on one
 * core, and metrics on a fresh generated held-out set. Progress on stderr; the last line is one JSON object.
 * Purely in-process (no database): it measures the model, not MySQL.
 */
import { generateHistory, type LabelledReading } from '@lakehouse/domain';
import { createScorer, parseArtifact, serializeArtifact } from '@lakehouse/scoring';
import { classificationMetrics } from '../src/evaluation/metrics.js';
import { formatMetrics } from '../src/evaluation/format-metrics.js';
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

const round = (v: number, digits = 4): number => Number(v.toFixed(digits));
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
  })}\n`,
);
