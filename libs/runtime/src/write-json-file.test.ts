import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeJsonFile } from './write-json-file.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('writeJsonFile', () => {
  it('creates the folder, replaces the file whole and leaves no temporary file behind', () => {
    dir = mkdtempSync(join(tmpdir(), 'json-file-'));
    const path = join(dir, 'nested', 'producer.json');
    writeJsonFile(path, { readings: 1, done: false });
    writeJsonFile(path, { readings: 2, done: true });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ readings: 2, done: true });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['producer.json']);
  });
});
