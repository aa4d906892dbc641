// CPU time of the processes on the ingestion path, read from /proc (Linux), so that a benchmark can say where the
// machine's cores went: per component, in CPU microseconds per event. Clock ticks are 1/100 s (USER_HZ on Linux).
import { processCpuMs, reapedChildrenCpuMs } from '@lakehouse/testing';
import { readdirSync, readFileSync } from 'node:fs';

/** Components of the local path, recognised by their command line. */
export const CPU_COMPONENTS = ['database', 'broker', 'runner', 'function', 'producer'] as const;
/** One of {@link CPU_COMPONENTS}. */
export type CpuComponent = (typeof CPU_COMPONENTS)[number];

function component(cmdline: string, stackDir: string): CpuComponent | undefined {
  // Only this stack's servers: another checkout's stack may run on the same machine.
  if (cmdline.includes('mariadbd') && cmdline.includes(stackDir)) return 'database';
  if (cmdline.includes('kafka.Kafka') && cmdline.includes(stackDir)) return 'broker';
  if (cmdline.includes('func.js')) return 'function';
  if (cmdline.includes('connector-runner')) return 'runner';
  return undefined;
}

/** CPU ms per live process of a known component, keyed by pid. */
export interface CpuSnapshot {
  readonly processes: ReadonlyMap<number, { readonly component: CpuComponent; readonly cpuMs: number }>;
  /** CPU of this process's reaped children (the producer, once it has exited). */
  readonly reapedChildrenMs: number;
}

/** CPU of the path's processes now; the database and broker are those whose command line names `stackDir`. */
export function cpuSnapshot(stackDir: string): CpuSnapshot {
  const processes = new Map<number, { component: CpuComponent; cpuMs: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const kind = component(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '), stackDir);
      if (kind === undefined) continue;
      processes.set(Number(entry), { component: kind, cpuMs: processCpuMs(Number(entry)) });
    } catch {
      // The process ended between the listing and the read: it has nothing left to count.
      continue;
    }
  }
  return { processes, reapedChildrenMs: reapedChildrenCpuMs() };
}

/**
 * CPU ms each component used between two snapshots. Processes alive at both count their difference; the producer
 * is a child of the benchmark that exited in between, so it is the growth of the reaped-children time.
 */
export function cpuUsedBetween(before: CpuSnapshot, after: CpuSnapshot): Record<CpuComponent, number> {
  const used: Record<CpuComponent, number> = { database: 0, broker: 0, runner: 0, function: 0, producer: 0 };
  for (const [pid, now] of after.processes) {
    const then = before.processes.get(pid);
    used[now.component] += now.cpuMs - (then?.cpuMs ?? 0);
  }
  used.producer = after.reapedChildrenMs - before.reapedChildrenMs;
  return used;
}
