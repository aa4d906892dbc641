import { formatCount, formatSeconds } from '@lakehouse/runtime';
import { scoreHistory, type Scorer } from '@lakehouse/scoring';
import { refreshAggregates } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';

/** Where the command writes: results (`out`, stdout) and progress (`progress`, stderr); cli.ts's CliOutput. */
interface CommandOutput {
  out(line: string): void;
  progress(line: string): void;
}

/** Readings per slice of `score --history`: one read, one insert and one update each. */
export const HISTORY_SLICE_ROWS = 5_000;

/**
 * `score --history`: the readings `scorer`'s model (the active one) has not scored (the bulk-loaded history, or rows of an earlier
 * model) get its probability, slice by slice; then the hourly aggregates of the hours that changed and the daily
 * rollups of their days are rebuilt, day by day. Progress goes to stderr; the last stdout line is one JSON object.
 */
export async function scoreHistoryCommand(pool: Pool, scorer: Scorer, output: CommandOutput): Promise<void> {
  output.progress(
    `scoring the readings ${scorer.name} v${String(scorer.version)} (model ${String(scorer.modelId)}) has not scored, in slices of ${String(HISTORY_SLICE_ROWS)}${scorer.horizon === null ? '' : `, with the horizon risk (${String(scorer.horizon.alertMinutes)} min) from each asset's window features`}`,
  );
  const started = performance.now();
  const elapsed = (): string => formatSeconds(performance.now() - started);
  const result = await scoreHistory(pool, scorer, {
    sliceRows: HISTORY_SLICE_ROWS,
    onProgress: ({ scored, toScore }) =>
      output.progress(
        `scored ${formatCount(scored)} of ${formatCount(toScore)} readings (${Math.round((100 * scored) / toScore)} %, ${elapsed()})`,
      ),
  });
  const scoreSeconds = (performance.now() - started) / 1000;
  if (result.scored > 0) {
    output.progress(
      `rebuilding the hourly aggregates of ${formatCount(result.hourStartsMs.length)} hours and their daily rollups`,
    );
  }
  const refreshed = await refreshAggregates(pool, result.hourStartsMs, {
    onDay: ({ dayStartMs, done, days }) =>
      output.progress(
        `aggregates of ${new Date(dayStartMs).toISOString().slice(0, 10)} rebuilt (${String(done)}/${String(days)} days, ${elapsed()})`,
      ),
  });
  const totalSeconds = (performance.now() - started) / 1000;
  output.out(
    JSON.stringify({
      modelId: scorer.modelId,
      scored: result.scored,
      horizonScored: result.horizonScored,
      slices: result.slices,
      hours: result.hourStartsMs.length,
      days: refreshed.days,
      scoreSeconds: Number(scoreSeconds.toFixed(1)),
      totalSeconds: Number(totalSeconds.toFixed(1)),
      readingsPerSec: scoreSeconds > 0 ? Math.round(result.scored / scoreSeconds) : 0,
    }),
  );
}
