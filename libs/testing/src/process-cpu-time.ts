import { readFileSync } from 'node:fs';

/** Linux clock ticks (USER_HZ) are 1/100 s. */
const TICK_MS = 10;

/** CPU ms of a /proc stat line: the process's own (utime + stime) and its reaped children's (cutime + cstime). */
function statTimes(stat: string): { readonly ownMs: number; readonly childrenMs: number } {
  // Fields after the command name, which is in parentheses and may hold spaces; fields[0] is field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const n = (field: number): number => Number(fields[field - 3] ?? 0);
  return { ownMs: (n(14) + n(15)) * TICK_MS, childrenMs: (n(16) + n(17)) * TICK_MS };
}

/** CPU time a process has used so far, in ms (Linux /proc; throws when the process is gone). */
export function processCpuMs(pid: number): number {
  return statTimes(readFileSync(`/proc/${String(pid)}/stat`, 'utf8')).ownMs;
}

/**
 * CPU time of this process's children that have exited and been reaped (with their own reaped children), in ms:
 * how a benchmark counts a child process it waited for.
 */
export function reapedChildrenCpuMs(): number {
  return statTimes(readFileSync('/proc/self/stat', 'utf8')).childrenMs;
}
