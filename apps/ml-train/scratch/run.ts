import { generateHistory, FAILURE_MODES } from '@lakehouse/domain';
import { FEATURE_COUNT, writeFeatureVector, CompiledEnsemble } from '@lakehouse/scoring';
import { trainGbdt, DEFAULT_GBDT_PARAMS } from '../src/gbdt/train-gbdt.js';
function data(seed: number, rows: number) {
  const values = new Float64Array(rows * FEATURE_COUNT); const y = new Uint8Array(rows); const modes: string[][] = [];
  let r = 0;
  for (const reading of generateHistory({ seed, rows, startMs: 0, intervalMs: 60000 })) {
    writeFeatureVector(reading, values, r * FEATURE_COUNT); y[r] = reading.labels.machineFailure ? 1 : 0;
    modes.push(FAILURE_MODES.filter((m) => reading.labels[m])); r++;
  }
  return { m: { values, rows, featureCount: FEATURE_COUNT }, y, modes };
}
const rows = Number(process.argv[2] ?? 100000);
const pw = Number(process.argv[3] ?? 5);
const tr = data(1, rows); const te = data(2, 50000);
const t0 = performance.now();
const ens = trainGbdt(tr.m, tr.y, { ...DEFAULT_GBDT_PARAMS, positiveWeight: pw, trees: Number(process.argv[4] ?? 120), learningRate: Number(process.argv[5] ?? 0.15), maxDepth: Number(process.argv[6] ?? 5) });
console.log('train s', ((performance.now() - t0) / 1000).toFixed(2));
const c = new CompiledEnsemble(ens, FEATURE_COUNT);
const p = new Float64Array(te.m.rows);
const t1 = performance.now();
for (let i = 0; i < te.m.rows; i++) p[i] = c.probability(te.m.values, i * FEATURE_COUNT);
console.log('score us', ((performance.now() - t1) * 1000 / te.m.rows).toFixed(2));
for (const th of [0.2, 0.3, 0.4, 0.5, 0.6]) {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < te.m.rows; i++) { const pr = p[i]! >= th; if (pr && te.y[i]) tp++; else if (pr) fp++; else if (te.y[i]) fn++; }
  const prec = tp / (tp + fp), rec = tp / (tp + fn);
  console.log(th, 'P', prec.toFixed(4), 'R', rec.toFixed(4), 'F1', (2 * prec * rec / (prec + rec)).toFixed(4), tp, fp, fn);
}
