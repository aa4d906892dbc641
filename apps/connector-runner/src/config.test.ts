import { SqlEnvSchema } from '@lakehouse/sql';
import { envExampleKeys } from '@lakehouse/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunnerEnvSchema, loadConfig } from './config.js';

const BASE = {
  KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19093',
  MYSQL_HOST: '127.0.0.1',
  MYSQL_USER: 'app',
  MYSQL_PASSWORD: 'pw',
  MYSQL_DATABASE: 'lakehouse',
};

describe('runner config', () => {
  it('defaults to Connector Hub-like batching of 4 MB within 1 s, from the oldest message', () => {
    const config = loadConfig(BASE);
    expect(config.brokers).toEqual(['127.0.0.1:19092', '127.0.0.1:19093']);
    expect(config.batch).toEqual({ maxBytes: 4_194_304, timeMs: 1_000 });
    expect(config.fromBeginning).toBe(true);
    expect(config.functionFile).toMatch(/apps\/ingest-fn\/dist\/func\/func\.js$/);
  });

  it('starts function processes with the NODE_OPTIONS of the function image', () => {
    const dockerfile = readFileSync(new URL('../../ingest-fn/Dockerfile', import.meta.url), 'utf8');
    const image = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile)?.[1];
    expect(image).toContain('--max-semi-space-size=');
    expect(loadConfig(BASE).functionEnv.NODE_OPTIONS).toBe(image);
  });

  it('takes a count or a size, never both', () => {
    expect(loadConfig({ ...BASE, BATCH_SIZE_NUM: '500', BATCH_TIME_SEC: '0.25' }).batch).toEqual({
      maxMessages: 500,
      timeMs: 250,
    });
    expect(() => loadConfig({ ...BASE, BATCH_SIZE_NUM: '500', BATCH_SIZE_KBS: '64' })).toThrow(/not both/);
  });

  it('passes the function its configuration, one connection per instance, and nothing else', () => {
    const config = loadConfig({
      ...BASE,
      INGEST_MAX_MESSAGE_BYTES: '2048',
      ALERT_HOLD_READINGS: '5',
      ALERT_RESOLVE_AFTER_MS: '6000',
      UNRELATED_SECRET: 'x',
    });
    expect(config.functionEnv).toMatchObject({
      MYSQL_HOST: '127.0.0.1',
      INGEST_MAX_MESSAGE_BYTES: '2048',
      ALERT_HOLD_READINGS: '5',
      ALERT_RESOLVE_AFTER_MS: '6000',
      MYSQL_POOL_SIZE: '1',
    });
    expect(config.functionEnv).not.toHaveProperty('UNRELATED_SECRET');
    expect(config.functionEnv).not.toHaveProperty('KAFKA_BROKERS');
  });

  it('gives the function exactly the configuration file Terraform would give it, not its own database settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-config-'));
    const file = join(dir, 'function-config.json');
    writeFileSync(
      file,
      JSON.stringify({ MYSQL_HOST: 'db', MYSQL_PASSWORD_SECRET_OCID: 'ocid1.vaultsecret.x' }),
    );
    try {
      const config = loadConfig({ ...BASE, PATH: '/bin', FUNCTION_CONFIG_FILE: file });
      expect(config.functionEnv).toEqual({
        MYSQL_HOST: 'db',
        MYSQL_PASSWORD_SECRET_OCID: 'ocid1.vaultsecret.x',
        MYSQL_POOL_SIZE: '1',
        PATH: '/bin',
        NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=16',
      });
      writeFileSync(file, '[]');
      expect(() => loadConfig({ ...BASE, FUNCTION_CONFIG_FILE: file })).toThrow(/FUNCTION_CONFIG_FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every bad key', () => {
    expect(() => loadConfig({ ...BASE, FUNCTION_INSTANCES: '0', READ_POSITION: 'EARLIEST' })).toThrow(
      /FUNCTION_INSTANCES.*READ_POSITION|READ_POSITION.*FUNCTION_INSTANCES/,
    );
  });

  it('documents every key in .env.example and nothing unknown', () => {
    const documented = envExampleKeys(new URL('../.env.example', import.meta.url).pathname);
    const known = [...Object.keys(RunnerEnvSchema.properties), ...Object.keys(SqlEnvSchema.properties)];
    expect(documented.filter((k) => !known.includes(k))).toEqual([]);
    expect(Object.keys(RunnerEnvSchema.properties).filter((k) => !documented.includes(k))).toEqual([]);
  });
});
