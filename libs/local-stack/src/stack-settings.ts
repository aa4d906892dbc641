import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Connection settings of the running local stack. `npm run stack -- up` writes them to
 * `<stack dir>/stack.json` (mode 0600; passwords are generated on first start, never committed).
 */
export const StackSettingsSchema = Type.Object({
  mariadb: Type.Object({
    host: Type.String(),
    port: Type.Integer(),
    socketPath: Type.String(),
    database: Type.String(),
    user: Type.String(),
    password: Type.String(),
    rootUser: Type.String(),
    rootPassword: Type.String(),
    version: Type.String(),
  }),
  kafka: Type.Object({
    brokers: Type.Array(Type.String(), { minItems: 1 }),
    version: Type.String(),
  }),
});
/** What `stack.json` holds. */
export type StackSettings = Static<typeof StackSettingsSchema>;

/** The repository root, found from this file's location (libs/local-stack/src). */
export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Folder that holds all local stack state: `LAKEHOUSE_STACK_DIR` or `<repo>/.local`. */
export function stackDir(env: Readonly<Record<string, string | undefined>>): string {
  const dir = resolve(env['LAKEHOUSE_STACK_DIR'] ?? join(WORKSPACE_ROOT, '.local'));
  // A symlinked stack folder (a second clone sharing the stack) is named by its real path: the running services'
  // command lines hold that path, and a mismatch would start a second instance on the same data folders.
  return existsSync(dir) ? realpathSync(dir) : dir;
}

/** Reads and checks `stack.json`; the error says to start the stack when it is missing. */
export function readStackSettings(dir: string): StackSettings {
  const file = join(dir, 'stack.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    throw new Error(`local stack settings not found at ${file}: run \`npm run stack -- up\` first`, {
      cause: err,
    });
  }
  const parsed: unknown = JSON.parse(raw);
  if (!Value.Check(StackSettingsSchema, parsed)) {
    const first = [...Value.Errors(StackSettingsSchema, parsed)][0];
    throw new Error(`${file} is malformed at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`);
  }
  return parsed;
}
