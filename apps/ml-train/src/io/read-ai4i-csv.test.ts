import { AI4I_CSV_HEADER } from '@lakehouse/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAi4iCsv, readAi4iCsv, resolveCsvPath } from './read-ai4i-csv.js';

const good = '1,L50001,L,302.6,311.7,1744,25.5,179,0,0,0,0,0,0';
const failing = '2,M20001,M,299.2,309.2,1384,69.5,86,1,0,0,1,0,0';

describe('AI4I CSV reader', () => {
  it('reads labelled readings in file order', () => {
    const readings = parseAi4iCsv(`${AI4I_CSV_HEADER}\n${good}\n${failing}\n`, 'x.csv');
    expect(readings).toHaveLength(2);
    expect(readings[1]).toMatchObject({
      assetType: 'M',
      torqueNm: 69.5,
      labels: { machineFailure: true, PWF: true },
    });
    expect(readings[1]!.recordedAt).toBeGreaterThan(readings[0]!.recordedAt);
  });

  it('accepts CRLF line ends', () => {
    expect(parseAi4iCsv(`${AI4I_CSV_HEADER}\r\n${good}\r\n`, 'x.csv')).toHaveLength(1);
  });

  it('names the line and column of a malformed field', () => {
    const text = `${AI4I_CSV_HEADER}\n${good}\n${good.replace('1744', 'fast')}\n`;
    expect(() => parseAi4iCsv(text, 'x.csv')).toThrow(/line 3, column 6 \(Rotational speed \[rpm\]\)/);
    try {
      parseAi4iCsv(text, 'x.csv');
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toMatchObject({ code: 'DATASET_INVALID' });
    }
  });

  it('names a short row and a wrong header by line and column', () => {
    expect(() => parseAi4iCsv(`${AI4I_CSV_HEADER}\n1,L1,L\n`, 'x.csv')).toThrow(/line 2, column 4/);
    const header = AI4I_CSV_HEADER.replace('Torque [Nm]', 'Torque');
    expect(() => parseAi4iCsv(`${header}\n${good}\n`, 'x.csv')).toThrow(/line 1, column 7/);
    expect(() => parseAi4iCsv(`${AI4I_CSV_HEADER}\n`, 'x.csv')).toThrow(/no data rows/);
  });

  it('reports every bad line, not just the first', () => {
    const text = `${AI4I_CSV_HEADER}\n${good.replace(',L,', ',X,')}\n${good}\n${good.replace(',0,0,0,0,0,0', ',0,0,0,0,0,2')}\n`;
    expect(() => parseAi4iCsv(text, 'x.csv')).toThrow(
      /2 malformed line\(s\): line 2, column 3.*line 4, column 14/,
    );
  });

  it('resolves relative paths against the workspace root and reads files', async () => {
    expect(resolveCsvPath('datasets/a.csv', '/repo')).toBe('/repo/datasets/a.csv');
    expect(resolveCsvPath('/abs/a.csv', '/repo')).toBe('/abs/a.csv');
    const dir = mkdtempSync(join(tmpdir(), 'ml-train-'));
    writeFileSync(join(dir, 'a.csv'), `${AI4I_CSV_HEADER}\n${good}\n`);
    expect(await readAi4iCsv(join(dir, 'a.csv'))).toHaveLength(1);
    await expect(readAi4iCsv(join(dir, 'missing.csv'))).rejects.toThrow(/cannot read .*missing\.csv/);
  });
});
