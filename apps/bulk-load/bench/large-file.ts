/**
 * The large-file check of the fast loader (#20): one raw CSV of at least --gb GiB (default 2) with a bad line every
 * --bad-every lines (wrong column count or out-of-range value, src/testing/large-file-plan.ts) and a truncated last
 * line, loaded with `bulk-load load` as a child process (the CLI a user runs), SIGKILLed once a seeded part of the
 * file is committed, then started again to resume from its checkpoint. At the end the readings of every asset must
 * be exactly the good lines, and the reject file must name exactly the planted lines, each once, with a reason.
 * It runs on a throwaway schema of the shared stack (dropped at the end), never on the main schema.
 * Progress goes to stderr; the last line of stdout is one JSON object. Exit 1 on any mismatch.
 */
import { createSeededRandom, generateHistory } from '@lakehouse/domain';
import { createSqlPool, migrate } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir, type ThrowawaySchema } from '@lakehouse/testing';
import { defineCommand, parseOrExit } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import type { RowDataPacket } from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_CHUNK_ROWS } from '../src/config.js';
import type { CheckpointState } from '../src/loader/load-checkpoint.js';
import { rawCsvHeader, rawCsvLine } from '../src/raw/write-raw-readings.js';
import {
  checkLargeFilePlan,
  damageLine,
  ExpectationBuilder,
  judgeLargeFile,
  killAfterRows,
  plantedDamage,
  truncatedLine,
  type LargeFileExpectation,
  type LargeFilePlan,
  type RejectEntry,
} from '../src/testing/large-file-plan.js';

const flags = parseOrExit(
  defineCommand({
    name: 'large-file',
    invocation: 'npx nx run bulk-load:large-file --',
    summary: 'Loads a multi-GB damaged raw CSV with a SIGKILL and a resume, and checks every row.',
    flags: {
      gb: Type.Number({ exclusiveMinimum: 0, maximum: 64, default: 2, description: 'file size, GiB' }),
      'bad-every': Type.Integer({ minimum: 2, default: 1_000_000, description: 'a bad line every N lines' }),
      seed: Type.Integer({ minimum: 0, default: 20, description: 'seed of data, damage and kill point' }),
      'chunk-rows': Type.Integer({
        minimum: 1,
        default: DEFAULT_CHUNK_ROWS,
        description: 'rows per LOAD DATA statement of the loader',
      }),
      keep: Type.Boolean({ default: false, description: 'keep the temp folder and the schema' }),
    },
    build: ({ flags: f }) => f,
  }),
  process.argv.slice(2),
);
const say = (line: string): void => void process.stderr.write(`[large-file] ${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');
const APP_DIR = resolve(import.meta.dirname, '..');

/** Writes the damaged file; returns its size and what it must load as. */
async function writeLargeFile(
  path: string,
  targetBytes: number,
  plan: LargeFilePlan,
): Promise<{ bytes: number; expected: LargeFileExpectation }> {
  const expect = new ExpectationBuilder();
  const out = createWriteStream(path);
  const random = createSeededRandom(plan.seed + 1);
  let buffer = rawCsvHeader();
  let bytes = buffer.length;
  let line = 1;
  let nextReport = 256 * 2 ** 20;
  const startedMs = performance.now();
  // More rows than the file can hold: the loop stops on size. The generator is lazy.
  const history = generateHistory({
    seed: plan.seed,
    rows: Math.ceil(targetBytes / 60) + 2,
    assets: 200,
    sites: 4,
    linesPerSite: 5,
    startMs: Date.UTC(2024, 0, 1),
    intervalMs: 1_000,
  });
  for (const reading of history) {
    const text = rawCsvLine({ reading, failureProbability: random.next() < 0.25 ? null : random.next() });
    line += 1;
    if (bytes >= targetBytes) {
      // The last line is cut: it must be rejected, never stored.
      buffer += truncatedLine(text);
      expect.addBad(line);
      break;
    }
    const damage = plantedDamage(plan, line);
    const written = damage === undefined ? text : damageLine(text, damage);
    if (damage === undefined) expect.addGood(reading.assetId);
    else expect.addBad(line);
    buffer += written;
    // Raw CSV lines are ASCII: one byte a character.
    bytes += written.length;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
      if (bytes >= nextReport) {
        say(
          `written ${(bytes / 2 ** 30).toFixed(2)} GiB, ${fmt(line)} lines, ${((performance.now() - startedMs) / 1000).toFixed(0)} s`,
        );
        nextReport += 256 * 2 ** 20;
      }
    }
  }
  out.end(buffer);
  await finished(out);
  const size = (await stat(path)).size;
  return { bytes: size, expected: expect.build() };
}

function loaderEnv(schema: ThrowawaySchema): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MYSQL_HOST: schema.host,
    MYSQL_PORT: String(schema.port),
    MYSQL_USER: schema.user,
    MYSQL_PASSWORD: schema.password,
    MYSQL_DATABASE: schema.database,
    LOG_LEVEL: 'warn',
  };
}

/** Starts `bulk-load load` on `file`; its progress (stderr) is passed on, its stdout collected. */
function startLoader(
  file: string,
  outDir: string,
  schema: ThrowawaySchema,
  label: string,
): {
  kill: () => void;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
} {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@lakehouse/source',
      '--import',
      'tsx',
      'src/main.ts',
      'load',
      file,
      '--out',
      outDir,
      '--concurrency',
      '1',
      '--chunk-rows',
      String(flags['chunk-rows']),
    ],
    { cwd: APP_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: loaderEnv(schema) },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  createInterface({ input: child.stderr }).on('line', (l) => say(`${label}: ${l}`));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
    (settle, fail) => {
      child.once('error', fail);
      child.once('exit', (code, signal) => settle({ code, signal, stdout }));
    },
  );
  return { kill: () => child.kill('SIGKILL'), done };
}

async function readProgress(
  checkpointFile: string,
): Promise<{ rowsLoaded: number; recordsDone: number } | undefined> {
  if (!existsSync(checkpointFile)) return undefined;
  // Written with write + rename: a read sees a whole file.
  const state = JSON.parse(await readFile(checkpointFile, 'utf8')) as CheckpointState;
  const progress = Object.values(state.files)[0];
  return progress === undefined
    ? undefined
    : { rowsLoaded: progress.rowsLoaded, recordsDone: progress.recordsDone };
}

async function readRejects(path: string): Promise<RejectEntry[]> {
  const entries: RejectEntry[] = [];
  if (!existsSync(path)) return entries;
  for await (const text of createInterface({ input: createReadStream(path) })) {
    if (text === '') continue;
    const parsed = JSON.parse(text) as Partial<RejectEntry>;
    if (typeof parsed.line !== 'number' || !Array.isArray(parsed.reasons)) {
      throw new Error(`reject entry without line and reasons: ${text.slice(0, 200)}`);
    }
    entries.push({ line: parsed.line, reasons: parsed.reasons });
  }
  return entries;
}

async function main(): Promise<number> {
  const plan = checkLargeFilePlan({ badEvery: flags['bad-every'], seed: flags.seed });
  const targetBytes = Math.ceil(flags.gb * 2 ** 30);
  const settings = readStackSettings(stackDir(process.env));
  const schema = await createThrowawaySchema(settings, 'largefile');
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
  const dir = await mkdtemp(join(tmpdir(), 'bulk-load-large-file-'));
  const failures: string[] = [];
  try {
    await migrate(pool);
    say(`schema ${schema.database}, folder ${dir}`);
    const file = join(dir, 'large.csv');
    say(`generating ${flags.gb} GiB of raw CSV, a bad line every ${fmt(plan.badEvery)} lines`);
    const writeStartedMs = performance.now();
    const { bytes, expected } = await writeLargeFile(file, targetBytes, plan);
    say(
      `file: ${fmt(bytes)} bytes, ${fmt(expected.goodRows)} good rows, ${fmt(expected.badLines.length)} bad lines ` +
        `(the last one truncated), written in ${((performance.now() - writeStartedMs) / 1000).toFixed(0)} s`,
    );

    const outDir = join(dir, 'out');
    const checkpointFile = join(outDir, 'checkpoint.json');
    const killAt = killAfterRows(expected.goodRows, plan.seed);
    say(`first load, to be killed once ${fmt(killAt)} rows are committed`);
    const loadStartedMs = performance.now();
    const first = startLoader(file, outDir, schema, 'load 1');
    let killedAtRows: number | undefined;
    let exitedEarly = false;
    void first.done.then(() => (exitedEarly = true));
    while (killedAtRows === undefined && !exitedEarly) {
      await sleep(50);
      const progress = await readProgress(checkpointFile);
      if (progress !== undefined && progress.rowsLoaded >= killAt) {
        first.kill();
        killedAtRows = progress.rowsLoaded;
      }
    }
    const firstExit = await first.done;
    if (killedAtRows === undefined) {
      failures.push(`the first load ended before the kill point (exit ${String(firstExit.code)})`);
    } else if (firstExit.signal !== 'SIGKILL') {
      failures.push(`the first load was not killed (exit ${String(firstExit.code)})`);
    }
    const atResume = await readProgress(checkpointFile);
    const resumedFromRows = atResume?.rowsLoaded ?? 0;
    if (resumedFromRows >= expected.goodRows)
      failures.push('the checkpoint says done: nothing was left to resume');
    say(
      `killed at ${fmt(killedAtRows ?? 0)} committed rows; checkpoint before resume: ${fmt(resumedFromRows)} rows`,
    );

    const second = startLoader(file, outDir, schema, 'load 2');
    const secondExit = await second.done;
    const loadSeconds = (performance.now() - loadStartedMs) / 1000;
    if (secondExit.code !== 0) failures.push(`the resumed load failed (exit ${String(secondExit.code)})`);
    const summaryLine = secondExit.stdout.trim().split('\n').at(-1) ?? '';
    const summary = (summaryLine === '' ? {} : JSON.parse(summaryLine)) as {
      rowsLoaded?: number;
      rowsRejected?: number;
      files?: readonly { rejectFile: string; resumedFromRecord: number }[];
    };
    if (summary.rowsLoaded !== expected.goodRows) {
      failures.push(
        `loader reports ${String(summary.rowsLoaded)} rows loaded, expected ${fmt(expected.goodRows)}`,
      );
    }
    if (summary.rowsRejected !== expected.badLines.length) {
      failures.push(
        `loader reports ${String(summary.rowsRejected)} rejected, expected ${fmt(expected.badLines.length)}`,
      );
    }
    const resumedFromRecord = summary.files?.[0]?.resumedFromRecord ?? 0;
    if (resumedFromRecord <= 0) failures.push('the second load did not resume from the checkpoint');

    say('checking the stored rows per asset and the reject file');
    const [perAsset] = await pool.query<RowDataPacket[]>(
      'SELECT asset_id, COUNT(*) AS n FROM readings GROUP BY asset_id',
    );
    const stored = new Map(perAsset.map((r) => [String(r['asset_id']), Number(r['n'])]));
    const rows = [...stored.values()].reduce((a, b) => a + b, 0);
    const rejectFile = summary.files?.[0]?.rejectFile ?? join(outDir, 'large.csv.rejects.jsonl');
    const verdict = judgeLargeFile(expected, stored, await readRejects(rejectFile));
    if (rows !== expected.goodRows)
      failures.push(`readings holds ${fmt(rows)} rows, expected ${fmt(expected.goodRows)}`);
    if (verdict.unreportedBadLines.length > 0) {
      failures.push(`bad lines not reported: ${verdict.unreportedBadLines.slice(0, 10).join(', ')}`);
    }
    if (verdict.unexpectedRejectLines.length > 0) {
      failures.push(
        `lines rejected that were good: ${verdict.unexpectedRejectLines.slice(0, 10).join(', ')}`,
      );
    }
    if (verdict.rejectsWithoutReason.length > 0) {
      failures.push(`rejects without a reason: ${verdict.rejectsWithoutReason.slice(0, 10).join(', ')}`);
    }
    if (!verdict.isOk && failures.length === 0) failures.push('stored rows or rejects do not match the plan');
    for (const f of failures) say(`MISMATCH: ${f}`);
    say(failures.length === 0 ? 'all checks passed' : `${String(failures.length)} check(s) failed`);
    process.stdout.write(
      `${JSON.stringify({
        bytes,
        rows,
        badRows: expected.badLines.length,
        rejectsReported: verdict.rejectsReported,
        killedAtRows: killedAtRows ?? null,
        resumedFromRows,
        loadSeconds: Number(loadSeconds.toFixed(1)),
        rowsPerSec: Math.round(rows / loadSeconds),
        duplicates: verdict.duplicates,
        missing: verdict.missing,
      })}\n`,
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    await pool.end();
    if (flags.keep) {
      say(`kept ${dir} and schema ${schema.database}`);
    } else {
      await schema.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }
}

process.exitCode = await main();
