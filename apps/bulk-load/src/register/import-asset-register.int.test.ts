import { createLogger } from '@lakehouse/runtime';
import { createSqlPool, getAssetMasterData, listAssetMasterData } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { parseCli } from '../parse-cli.js';
import { runCommand } from '../run-command.js';

const logger = createLogger({ name: 'asset-register-int', level: 'silent' });
const HEADER =
  'asset_id,manufacturer,model,installed_on,service_life_years,service_life_months,criticality,site_id,line_id';
const REGISTER = [
  HEADER,
  'P-1,Alder Machine Works,AMW T-220,2016-03-01,15,,A,S01,S01-L01',
  'P-2,Quillon Precision Lathes,QPL 2400,2019-07-15,,144,b,S01,S01-L02',
  'P-3,Marrowgate Tooling,,2018-02-30,,120,Z,S02,',
  'P-4,Veskor Maschinenbau,VD 450,2021-05-01,,240,C,S02,S02-L01,extra',
  'P-5,Veskor Maschinenbau,VD 300,2012-01-10,20,,B,,',
  'P-5,Veskor Maschinenbau,VD 300,2012-01-10,20,,C,,',
  '',
].join('\n');

describe('bulk-load assets import against MariaDB', () => {
  let db: TestDatabase;
  let dir: string;

  /** Runs `bulk-load <argv>` in-process against the throwaway schema; returns the JSON it printed. */
  async function run(argv: string[]): Promise<Record<string, unknown>> {
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await runCommand(parseCli(argv), {
      config: loadConfig({ BULK_LOAD_OUT_DIR: join(dir, 'out') }),
      logger,
      stdout,
      stderr: new PassThrough(),
      // The command closes the pool it is given: hand it one of its own.
      openPool: () =>
        createSqlPool({ ...db.connection, tlsMode: 'disabled', poolSize: 1, connectTimeoutMs: 5_000 }),
      databaseConfig: () => {
        throw new Error('not used');
      },
      dataflowTarget: () => {
        throw new Error('not used');
      },
    });
    expect(code).toBe(0);
    return JSON.parse(printed.trim()) as Record<string, unknown>;
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'asset-register-it-'));
    await writeFile(join(dir, 'register.csv'), REGISTER);
  });
  afterAll(async () => {
    await db?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('stores the good lines and writes every bad one, with line number and reasons, to the reject file', async () => {
    const summary = await run(['assets', 'import', '--file', join(dir, 'register.csv')]);
    expect(summary).toMatchObject({
      lines: 6,
      entries: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      blankLines: 0,
      rejectFile: join(dir, 'out', 'register.csv.rejects.jsonl'),
    });
    const rejects = (await readFile(String(summary['rejectFile']), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { file: string; line: number; reasons: { path: string; reason: string }[] },
      );
    expect(rejects.map((r) => [r.line, r.reasons.map((p) => `${p.path} ${p.reason}`)])).toEqual([
      [4, ['/model missing', '/installed_on invalid_format', '/criticality unknown_criticality']],
      [5, [' field_count']],
      [6, ['/asset_id duplicate_key']],
      [7, ['/asset_id duplicate_key']],
    ]);
    expect(rejects[0]?.file).toBe(join(dir, 'register.csv'));
    expect((await listAssetMasterData(db.pool)).map((m) => m.assetId)).toEqual(['P-1', 'P-2']);
    expect(await getAssetMasterData(db.pool, 'P-2')).toMatchObject({
      manufacturer: 'Quillon Precision Lathes',
      installedOn: '2019-07-15',
      serviceLifeMonths: 144,
      criticality: 'B',
      siteId: 'S01',
      lineId: 'S01-L02',
      source: 'import',
      sourceLine: 3,
      reported: null,
    });
  });

  it('changes nothing when the same register is imported again, and updates only what a corrected one changes', async () => {
    expect(await run(['assets', 'import', '--file', join(dir, 'register.csv')])).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
      rejected: 4,
    });
    const fixed = [
      HEADER,
      'P-1,Alder Machine Works,AMW T-220,2016-03-01,15,,A,S01,S01-L01',
      'P-2,Quillon Precision Lathes,QPL 2400,2019-07-15,,120,B,S01,S01-L02',
      'P-3,Marrowgate Tooling,MT Pro 60,2018-02-28,,120,C,S02,',
    ].join('\n');
    await writeFile(join(dir, 'fixed.csv'), fixed);
    const summary = await run(['assets', 'import', '--file', join(dir, 'fixed.csv')]);
    expect(summary).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(await readFile(String(summary['rejectFile']), 'utf8')).toBe('');
    expect(await getAssetMasterData(db.pool, 'P-2')).toMatchObject({ serviceLifeMonths: 120, sourceLine: 3 });
  });

  it('refuses a register whose header lacks a required column, storing nothing', async () => {
    await writeFile(join(dir, 'bad-header.csv'), 'asset_id,manufacturer\nP-9,Alder Machine Works\n');
    await expect(run(['assets', 'import', '--file', join(dir, 'bad-header.csv')])).rejects.toMatchObject({
      code: 'BULK_FILE_INVALID',
    });
    expect(await getAssetMasterData(db.pool, 'P-9')).toBeNull();
  });
});
