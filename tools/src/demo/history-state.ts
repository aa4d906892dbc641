import { writeJsonFile } from '@lakehouse/runtime';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fleet history a run generated, and whether it reached MySQL: what a later run reuses. */
export interface HistoryState {
  readonly spec: {
    readonly rows: number;
    readonly assets: number;
    readonly sites: number;
    readonly linesPerSite: number;
    readonly seed: number;
    /** How the machines were simulated; a history recorded before the fleet in time has none (AI4I steps). */
    readonly fleet?: 'in-time' | 'ai4i';
  };
  readonly files: readonly string[];
  readonly startMs: number;
  readonly endMs: number;
  readonly loaded: boolean;
  readonly loader?: 'spark' | 'fast';
}

const file = (stateDir: string, database: string): string => join(stateDir, `history-${database}.json`);

/** The recorded history of `database`, or null when there is none (or it cannot be read: the run starts over). */
export function readHistoryState(stateDir: string, database: string): HistoryState | null {
  try {
    const value = JSON.parse(readFileSync(file(stateDir, database), 'utf8')) as Partial<HistoryState>;
    const ok =
      typeof value.spec === 'object' &&
      Array.isArray(value.files) &&
      typeof value.startMs === 'number' &&
      typeof value.endMs === 'number' &&
      typeof value.loaded === 'boolean';
    return ok ? (value as HistoryState) : null;
  } catch {
    return null;
  }
}

/** Records the history of `database` (never half a file). */
export function writeHistoryState(stateDir: string, database: string, state: HistoryState): void {
  writeJsonFile(file(stateDir, database), state);
}

/** Whether `state` describes the same history as `spec` (same fleet, size and seed). */
export function isSameHistory(state: HistoryState | null, spec: HistoryState['spec']): boolean {
  if (state === null) return false;
  const a = state.spec;
  return (
    a.rows === spec.rows &&
    a.assets === spec.assets &&
    a.sites === spec.sites &&
    a.linesPerSite === spec.linesPerSite &&
    a.seed === spec.seed &&
    (a.fleet ?? 'ai4i') === (spec.fleet ?? 'ai4i')
  );
}

/** Whether every raw file of `state` is still there (a loader can read them again). */
export function filesExist(state: HistoryState | null): boolean {
  return state !== null && state.files.length > 0 && state.files.every((f) => existsSync(f));
}
