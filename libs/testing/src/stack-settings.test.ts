import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localStackSqlEnv } from './local-stack-sql-env.js';
import { readStackSettings, stackDir, WORKSPACE_ROOT } from './stack-settings.js';
import { uniqueName } from './unique-name.js';

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

  it("points an app's CLI at the local stack's database unless MYSQL_HOST says otherwise", () => {
    const dir = dirWith(JSON.stringify(valid));
    expect(localStackSqlEnv({ LAKEHOUSE_STACK_DIR: dir, LOG_LEVEL: 'warn' })).toEqual({
      LAKEHOUSE_STACK_DIR: dir,
      LOG_LEVEL: 'warn',
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: '13306',
      MYSQL_USER: 'lakehouse',
      MYSQL_PASSWORD: 'p',
      MYSQL_DATABASE: 'lakehouse',
      MYSQL_TLS_MODE: 'disabled',
    });
    expect(localStackSqlEnv({ LAKEHOUSE_STACK_DIR: dir, MYSQL_HOST: 'db.example' })).toEqual({
      LAKEHOUSE_STACK_DIR: dir,
      MYSQL_HOST: 'db.example',
    });
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

describe('uniqueName', () => {
  it('makes distinct names valid for MySQL schemas and Kafka topics', () => {
    const names = new Set(Array.from({ length: 100 }, () => uniqueName('it')));
    expect(names.size).toBe(100);
    for (const name of names) expect(name).toMatch(/^it_[0-9a-f]{12}$/);
  });
});
