import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStackSettings, stackDir, WORKSPACE_ROOT } from './stack-settings.js';

const valid = {
  mariadb: {
    host: '127.0.0.1',
    port: 13306,
    socketPath: '/tmp/x.sock',
    database: 'lakehouse',
    user: 'lakehouse',
    password: 'p',
    rootUser: 'root',
    rootPassword: 'r',
    version: '10.11.19-MariaDB',
  },
  kafka: { brokers: ['127.0.0.1:19092'], version: '4.1.2' },
};

describe('readStackSettings', () => {
  const dirs: string[] = [];
  const dirWith = (content: string | undefined): string => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-settings-'));
    dirs.push(dir);
    if (content !== undefined) writeFileSync(join(dir, 'stack.json'), content);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a valid stack.json', () => {
    expect(readStackSettings(dirWith(JSON.stringify(valid)))).toEqual(valid);
  });

  it('tells to start the stack when the file is missing', () => {
    expect(() => readStackSettings(dirWith(undefined))).toThrow(/run `npm run stack -- up` first/);
  });

  it('names the malformed field', () => {
    const broken = { ...valid, kafka: { brokers: [], version: '4.1.2' } };
    expect(() => readStackSettings(dirWith(JSON.stringify(broken)))).toThrow(/malformed at \/kafka\/brokers/);
  });
});

describe('stackDir', () => {
  it('defaults to .local in the repository and follows LAKEHOUSE_STACK_DIR', () => {
    expect(stackDir({})).toBe(join(WORKSPACE_ROOT, '.local'));
    expect(stackDir({ LAKEHOUSE_STACK_DIR: '/var/tmp/stack' })).toBe('/var/tmp/stack');
  });
});
