// Reads one process's RSS and open descriptors from /proc (Linux) and its V8 heap from the soak's heap probe.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSample } from './soak-series.js';

/** RSS in bytes from a /proc/<pid>/status text (its `VmRSS:  1234 kB` line); NaN when there is none. */
export function parseVmRssBytes(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match === null ? Number.NaN : Number(match[1]) * 1024;
}

/** `heapFloorBytes` of a heap probe file's JSON, NaN unless it is a non-negative number. */
export function parseHeapFloorBytes(json: string): number {
  const parsed: unknown = JSON.parse(json);
  const value =
    parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)['heapFloorBytes']
      : undefined;
  return typeof value === 'number' && value >= 0 ? value : Number.NaN;
}

function readOrNaN(read: () => number): number {
  try {
    return read();
  } catch (err: unknown) {
    // A process that exited (or whose probe has not written yet) has no value at this sample: the series shows a
    // gap and the growth test skips it, so a restart is visible rather than an error that ends the soak.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ESRCH')
      return Number.NaN;
    throw err;
  }
}

/**
 * The heap probe's folder for a run: copies the probe there with its window, and returns the NODE_OPTIONS entry
 * that loads it. The probe writes beside itself, so its output folder needs no environment variable.
 */
export function installHeapProbe(runDir: string, windowSec: number): string {
  if (/\s/.test(runDir))
    throw new Error(`the soak's run folder must not contain spaces (NODE_OPTIONS): ${runDir}`);
  const probe = join(runDir, 'heap-probe.cjs');
  copyFileSync(new URL('./heap-probe.cjs', import.meta.url), probe);
  writeFileSync(join(runDir, 'probe.json'), JSON.stringify({ windowSec }));
  return `--require=${probe}`;
}

/** RSS and descriptors of `pid` now, and the latest heap floor its probe in `runDir` reported. */
export function sampleProcess(pid: number, runDir: string): ProcessSample {
  return {
    pid,
    rssBytes: readOrNaN(() => parseVmRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'))),
    heapFloorBytes: readOrNaN(() =>
      parseHeapFloorBytes(readFileSync(join(runDir, 'heap', `${pid}.json`), 'utf8')),
    ),
    fds: readOrNaN(() => readdirSync(`/proc/${pid}/fd`).length),
  };
}
