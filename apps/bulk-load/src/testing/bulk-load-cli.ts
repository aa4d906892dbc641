import { createLogger } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../config.js';
import { parseCli } from '../parse-cli.js';
import { runCommand } from '../run-command.js';

/** The CLI of the enclosing describe block: a throwaway schema and a temporary folder (BULK_LOAD_OUT_DIR is `out/`). */
export interface BulkLoadCli {
  readonly db: TestDatabase;
  /** The temporary folder; the files given to {@link useBulkLoadCli} are in it. */
  readonly dir: string;
  /** Runs `bulk-load <argv>` in-process against the throwaway schema; expects exit 0 and returns the JSON printed. */
  readonly run: (argv: string[]) => Promise<Record<string, unknown>>;
}

/** A line of a reject file, as far as the tests look at it. */
export interface RejectLine {
  readonly file: string;
  readonly line: number;
  readonly reasons: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * Opens the schema and writes `files` (name -> text) into the folder in the describe block's beforeAll; drops both
 * in its afterAll. `db` and `dir` may be used inside the tests only.
 */
export function useBulkLoadCli(name: string, files: Readonly<Record<string, string>> = {}): BulkLoadCli {
  const logger = createLogger({ name: `${name}-int`, level: 'silent' });
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the schema is opened in beforeAll: use it inside a test');
    return value;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(join(tmpdir(), `${name}-it-`));
    for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  });
  afterAll(async () => {
    await db?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  return {
    get db() {
      return started(db);
    },
    get dir() {
      return started(dir);
    },
    run: async (argv) => {
      const schema = started(db);
      const stdout = new PassThrough();
      let printed = '';
      stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const code = await runCommand(parseCli(argv), {
        config: loadConfig({ BULK_LOAD_OUT_DIR: join(started(dir), 'out') }),
        logger,
        stdout,
        stderr: new PassThrough(),
        // The command closes the pool it is given: hand it one of its own.
        openPool: () =>
          createSqlPool({ ...schema.connection, tlsMode: 'disabled', poolSize: 1, connectTimeoutMs: 5_000 }),
        databaseConfig: () => {
          throw new Error('not used');
        },
        dataflowTarget: () => {
          throw new Error('not used');
        },
      });
      expect(code).toBe(0);
      return JSON.parse(printed.trim()) as Record<string, unknown>;
    },
  };
}

/** The lines of a reject file (one JSON object each). */
export async function readRejectFile(file: string): Promise<RejectLine[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RejectLine);
}
