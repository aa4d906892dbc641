import { resolve } from 'node:path';

/** Top-level entries the stack itself creates; anything else in the folder means it is not (only) ours. */
export const STACK_ENTRIES: ReadonlySet<string> = new Set([
  'mariadb',
  'kafka',
  'stack.json',
  // Left behind when an `up` dies while rewriting stack.json.
  'stack.json.partial',
  'stack-client.log',
]);

/** What {@link purgeRefusal} looks at. */
export interface PurgeRequest {
  readonly stackDir: string;
  /** Names directly inside stackDir (empty when it does not exist). */
  readonly entries: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folders that must never be wiped, e.g. the repo root and $HOME. */
  readonly protectedDirs: readonly string[];
}

/**
 * Why `down --purge` must not delete `stackDir`, or undefined when it may. Destructive commands need an explicit
 * flag (STYLE section 5), and a mistyped LAKEHOUSE_STACK_DIR pointing at a real folder must not be wiped.
 */
export function purgeRefusal(request: PurgeRequest): string | undefined {
  if (request.env['ALLOW_STACK_PURGE'] !== '1') {
    return 'down --purge deletes every database, topic and downloaded jar of the stack: set ALLOW_STACK_PURGE=1 to confirm';
  }
  const dir = resolve(request.stackDir);
  if (dir === '/' || request.protectedDirs.map((d) => resolve(d)).includes(dir)) {
    return `refusing to purge ${dir}: it is not a stack folder`;
  }
  const foreign = request.entries.filter((entry) => !STACK_ENTRIES.has(entry));
  if (foreign.length > 0) {
    return `refusing to purge ${dir}: it holds files the stack did not create (${foreign.slice(0, 5).join(', ')})`;
  }
  return undefined;
}
