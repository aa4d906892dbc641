import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Run } from './demo-context.js';
import { refreshLiveAggregates, sampleStatus } from './live-status.js';
import { renderStatus, renderStatusLine, type StatusSample } from './status-screen.js';

/** Readings must be handled this soon after the producer's end (with --duration). */
const DRAIN_TIMEOUT_MS = 120_000;
/** The hourly batch job's stand-in refreshes the live hours this often. */
const AGGREGATES_EVERY_MS = 60_000;

/** Shows the status screen until Ctrl-C, a service dies, or (with --duration) every produced reading is handled. */
export async function watch(run: Run, stop: AbortSignal): Promise<'stopped' | 'done'> {
  const { live } = run;
  const isTty = process.stdout.isTTY === true;
  const context = {
    startedAtMs: Date.now(),
    dashboardUrl: live.api === undefined ? null : `${live.api.base}/`,
    stream: run.plan.options.stream,
  };
  let previous: StatusSample | undefined;
  let drawn = 0;
  let tick = 0;
  let aggregatesAt = Date.now();
  let drainedSince: number | undefined;
  // Every service that ends is noted; only the producer may end (with --duration, exit 0).
  const ended: { name: string; code: number | null }[] = [];
  for (const s of live.services) void s.exited.then((code) => ended.push({ name: s.name, code }));
  for (;;) {
    if (stop.aborted) return 'stopped';
    const current = await sampleStatus(live, tick % 2 === 0, previous);
    if (isTty) {
      const lines = renderStatus(current, previous, context);
      process.stdout.write(
        `${drawn > 0 ? `\x1b[${String(drawn)}A` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`,
      );
      drawn = lines.length;
    } else if (tick % 5 === 0) {
      run.say(renderStatusLine(current, previous, context));
    }
    previous = current;
    tick += 1;
    if (Date.now() - aggregatesAt >= AGGREGATES_EVERY_MS) {
      aggregatesAt = Date.now();
      // Refresh the current and the previous hour, then the daily rollups of the days they fall in. A failed
      // refresh must not stop the demo; it is written to the demo's log, which the README points to.
      await refreshLiveAggregates(run.pool).catch((err: unknown) =>
        appendFileSync(
          join(run.plan.logDir, 'demo.log'),
          `${new Date().toISOString()} hourly aggregates and daily rollups not refreshed: ${err instanceof Error ? err.message : String(err)}\n`,
        ),
      );
    }
    const dead = ended.find((e) => !(e.name === 'producer' && e.code === 0));
    if (dead !== undefined) {
      throw new Error(
        `${dead.name} stopped unexpectedly (exit ${String(dead.code)}); see ${join(run.plan.logDir, `${dead.name}.log`)}`,
      );
    }
    const { durationSec } = run.plan.options;
    if (durationSec !== undefined && live.producer === undefined) {
      if (Date.now() - context.startedAtMs >= durationSec * 1_000) return 'done';
    } else if (durationSec !== undefined && current.isProducerDone && current.produced !== null) {
      const handled = (current.stored ?? 0) + (current.deadLettered ?? 0);
      if (handled >= current.produced && current.lag === 0) return 'done';
      drainedSince ??= Date.now();
      if (Date.now() - drainedSince > DRAIN_TIMEOUT_MS) {
        throw new Error(
          `only ${String(handled)} of ${String(current.produced)} readings were stored or dead-lettered within 120 s of the producer's end`,
        );
      }
    }
    await sleep(1_000, undefined, { signal: stop }).catch(() => undefined);
  }
}
