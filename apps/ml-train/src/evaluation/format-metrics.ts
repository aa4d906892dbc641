import { FAILURE_MODES } from '@lakehouse/domain';
import type { ClassificationMetrics } from './metrics.js';

const fixed = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(4));

/** Human-readable metrics: headline figures, confusion matrix and per-mode recall. */
export function formatMetrics(m: ClassificationMetrics): string {
  const c = m.confusion;
  const width = Math.max(String(c.trueNegatives).length, String(c.falseNegatives).length, 9);
  const cell = (v: number): string => String(v).padStart(width);
  const modeLines = FAILURE_MODES.map((mode) => {
    const recall = m.modeRecall[mode];
    return `  ${mode}: ${recall === null ? 'n/a' : fixed(recall)} (${String(m.modeCounts[mode])} rows)`;
  });
  return [
    `rows ${String(m.rows)}, failures ${String(m.positives)}, threshold ${fixed(m.threshold)}`,
    `precision ${fixed(m.precision)}  recall ${fixed(m.recall)}  F1 ${fixed(m.f1)}  ROC-AUC ${fixed(m.rocAuc)}  PR-AUC ${fixed(m.prAuc)}`,
    'confusion matrix (rows: actual, columns: predicted)',
    `  ${''.padStart(10)} ${'healthy'.padStart(width)} ${'failure'.padStart(width)}`,
    `  ${'healthy'.padStart(10)} ${cell(c.trueNegatives)} ${cell(c.falsePositives)}`,
    `  ${'failure'.padStart(10)} ${cell(c.falseNegatives)} ${cell(c.truePositives)}`,
    'recall per failure mode',
    ...modeLines,
  ].join('\n');
}

/** The one-line JSON summary that ends `evaluate` and `train` output (NaN becomes null). */
export function headlineJson(
  m: ClassificationMetrics,
  extra: Readonly<Record<string, unknown>> = {},
): string {
  const num = (v: number): number | null => (Number.isNaN(v) ? null : Number(v.toFixed(6)));
  return JSON.stringify({
    precision: num(m.precision),
    recall: num(m.recall),
    f1: num(m.f1),
    rocAuc: num(m.rocAuc),
    prAuc: num(m.prAuc),
    threshold: num(m.threshold),
    rows: m.rows,
    failures: m.positives,
    confusion: m.confusion,
    modeRecall: m.modeRecall,
    ...extra,
  });
}
