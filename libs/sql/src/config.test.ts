import type { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadSqlConfig } from './config.js';
import { poolOptions, tlsOptions } from './create-sql-pool.js';

const base = {
  MYSQL_HOST: '10.0.1.12',
  MYSQL_USER: 'app',
  MYSQL_PASSWORD: 's3cret',
  MYSQL_DATABASE: 'lakehouse',
};

describe('loadSqlConfig', () => {
  it('turns TLS on with identity checks by default for a remote host', () => {
    expect(loadSqlConfig(base)).toMatchObject({
      host: '10.0.1.12',
      port: 3306,
      tlsMode: 'verify-identity',
      poolSize: 4,
    });
  });

  it('leaves TLS off by default on loopback, where the local stack runs', () => {
    expect(loadSqlConfig({ ...base, MYSQL_HOST: '127.0.0.1', MYSQL_PORT: '13306' })).toMatchObject({
      port: 13306,
      tlsMode: 'disabled',
    });
  });

  it('names every bad key at once', () => {
    expect(() =>
      loadSqlConfig({
        MYSQL_HOST: 'h',
        MYSQL_PORT: '99999',
        MYSQL_DATABASE: 'bad name',
        MYSQL_TLS_MODE: 'maybe',
      }),
    ).toThrow(/MYSQL_PORT.*MYSQL_USER|MYSQL_USER.*MYSQL_PORT/);
    try {
      loadSqlConfig({
        MYSQL_HOST: 'h',
        MYSQL_PORT: '99999',
        MYSQL_DATABASE: 'bad name',
        MYSQL_TLS_MODE: 'maybe',
      });
    } catch (err: unknown) {
      expect((err as { code: string }).code).toBe('CONFIG_INVALID');
      expect((err as { context: { keys: string[] } }).context.keys.sort()).toEqual(
        ['MYSQL_DATABASE', 'MYSQL_PASSWORD', 'MYSQL_PORT', 'MYSQL_TLS_MODE', 'MYSQL_USER'].sort(),
      );
    }
  });

  it('recognises loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.9.9.9', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'db.example.com', '127.0.0.1.evil.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('TLS options', () => {
  const fakeRead = ((path: string) => `PEM from ${path}`) as unknown as typeof readFileSync;

  it('verifies chain and host name with the configured CA', () => {
    expect(tlsOptions({ tlsMode: 'verify-identity', tlsCaFile: '/etc/ca.pem' }, fakeRead)).toEqual({
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ca: 'PEM from /etc/ca.pem',
      verifyIdentity: true,
    });
  });

  it('verifies only the chain in verify-ca mode', () => {
    expect(tlsOptions({ tlsMode: 'verify-ca' }, fakeRead)).toMatchObject({
      rejectUnauthorized: true,
      verifyIdentity: false,
    });
  });

  it('encrypts without verification only when asked to', () => {
    expect(tlsOptions({ tlsMode: 'required' })).toEqual({ rejectUnauthorized: false, minVersion: 'TLSv1.2' });
    expect(tlsOptions({ tlsMode: 'disabled' })).toBeUndefined();
  });

  it('builds pool options in UTC without multi-statements', () => {
    const options = poolOptions(loadSqlConfig({ ...base, MYSQL_TLS_MODE: 'required' }));
    expect(options).toMatchObject({
      timezone: 'Z',
      multipleStatements: false,
      charset: 'utf8mb4',
      ssl: { rejectUnauthorized: false },
    });
  });
});
