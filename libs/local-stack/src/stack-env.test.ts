import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { localAppEnv } from './local-apps.js';
import { localStackEnv, renderEnvFile, stackEnv, stackEnvFile, withStackEnv } from './stack-env.js';
import type { StackSettings } from './stack-settings.js';

const settings: StackSettings = {
  mariadb: {
    host: '127.0.0.1',
    port: 13306,
    socketPath: '/tmp/x.sock',
    database: 'lakehouse',
    user: 'lakehouse',
    password: 'p-_9',
    rootUser: 'root',
    rootPassword: 'r',
    version: '10.11.19-MariaDB',
  },
  kafka: { brokers: ['127.0.0.1:19092', '127.0.0.1:19094'], version: '4.1.2' },
};

const STACK = {
  MYSQL_HOST: '127.0.0.1',
  MYSQL_PORT: '13306',
  MYSQL_USER: 'lakehouse',
  MYSQL_PASSWORD: 'p-_9',
  MYSQL_DATABASE: 'lakehouse',
  MYSQL_TLS_MODE: 'disabled',
  KAFKA_PROFILE: 'local',
  KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.1:19094',
};

describe('stackEnv', () => {
  it("maps stack.json to the variables the apps' config reads, the app user's schema by default", () => {
    expect(stackEnv(settings)).toEqual(STACK);
  });

  it('points at another schema and user when given one (a throwaway schema, the demo --database)', () => {
    expect(stackEnv(settings, { database: 'it_1', user: 'u', password: 'x' })).toMatchObject({
      MYSQL_DATABASE: 'it_1',
      MYSQL_USER: 'u',
      MYSQL_PASSWORD: 'x',
    });
  });

  it('gives a spawned app only PATH, HOME and the stack', () => {
    expect(localAppEnv(settings, { database: 'd' }, { PATH: '/bin', HOME: '/h', SECRET: 's' })).toEqual({
      ...STACK,
      MYSQL_DATABASE: 'd',
      PATH: '/bin',
      HOME: '/h',
    });
  });
});

describe('renderEnvFile', () => {
  it('writes what node --env-file reads back unchanged', () => {
    expect(parseEnv(renderEnvFile(STACK))).toEqual(STACK);
  });

  it('refuses a value it cannot quote and a name that is no variable', () => {
    expect(() => renderEnvFile({ A: "it's" })).toThrow(/A: a value with a quote/);
    expect(() => renderEnvFile({ 'a-b': '1' })).toThrow(/not an environment variable name/);
  });
});

describe('localStackEnv', () => {
  const dirs: string[] = [];
  const dirWithEnv = (isWritten: boolean): string => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-env-'));
    dirs.push(dir);
    if (isWritten) writeFileSync(stackEnvFile(dir), renderEnvFile(stackEnv(settings)));
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("points an app's CLI at the local stack's database unless MYSQL_HOST says otherwise", () => {
    const dir = dirWithEnv(true);
    expect(localStackEnv({ LAKEHOUSE_STACK_DIR: dir, LOG_LEVEL: 'warn' })).toEqual({
      LAKEHOUSE_STACK_DIR: dir,
      LOG_LEVEL: 'warn',
      ...STACK,
    });
    expect(localStackEnv({ LAKEHOUSE_STACK_DIR: dir, MYSQL_HOST: 'db.example' })).toEqual({
      LAKEHOUSE_STACK_DIR: dir,
      MYSQL_HOST: 'db.example',
      KAFKA_PROFILE: 'local',
      KAFKA_BROKERS: STACK.KAFKA_BROKERS,
    });
    expect(localStackEnv({ LAKEHOUSE_STACK_DIR: dirWithEnv(false), MYSQL_HOST: 'db.example' })).toEqual({
      LAKEHOUSE_STACK_DIR: dirs[1],
      MYSQL_HOST: 'db.example',
    });
  });

  it('keeps a variable the caller set', () => {
    expect(withStackEnv({ MYSQL_DATABASE: 'mine', KAFKA_BROKERS: 'k:1' }, STACK)).toMatchObject({
      MYSQL_DATABASE: 'mine',
      MYSQL_HOST: '127.0.0.1',
      KAFKA_BROKERS: 'k:1',
    });
  });

  it('tells to start the stack when stack.env is missing', () => {
    expect(() => localStackEnv({ LAKEHOUSE_STACK_DIR: dirWithEnv(false) })).toThrow(
      /run `npm run stack -- up` first/,
    );
  });
});
