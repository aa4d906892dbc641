import { describe, expect, it } from 'vitest';
import {
  appAccountStatements,
  isResolvedAccountHost,
  rootPasswordStatements,
} from './mariadb-bootstrap-sql.js';

describe('rootPasswordStatements', () => {
  it('sets the password on every root account the server honours, skipping host-name accounts', () => {
    expect(rootPasswordStatements(['localhost', 'vm', '127.0.0.1', '::1'], 'root', 'pw')).toEqual([
      { sql: 'ALTER USER ?@? IDENTIFIED BY ?', values: ['root', 'localhost', 'pw'] },
      { sql: 'ALTER USER ?@? IDENTIFIED BY ?', values: ['root', '127.0.0.1', 'pw'] },
      { sql: 'ALTER USER ?@? IDENTIFIED BY ?', values: ['root', '::1', 'pw'] },
    ]);
  });

  it('tells IP and localhost hosts from host names that merely look hexadecimal', () => {
    expect(['localhost', '%', '10.0.0.1', 'fe80::1'].every(isResolvedAccountHost)).toBe(true);
    expect(['vm', 'deadbeef', 'db.example.com'].some(isResolvedAccountHost)).toBe(false);
  });
});

describe('appAccountStatements', () => {
  it('creates the database and a user with ALL ON *.*, passing names and password as values', () => {
    const statements = appAccountStatements({ database: 'lakehouse', user: 'lakehouse' }, 's3cret');
    expect(statements.map((s) => s.sql)).toEqual([
      'CREATE DATABASE IF NOT EXISTS `lakehouse` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      "CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?",
      "ALTER USER ?@'%' IDENTIFIED BY ?",
      "GRANT ALL PRIVILEGES ON *.* TO ?@'%'",
    ]);
    expect(statements.map((s) => s.sql).join(' ')).not.toContain('s3cret');
    expect(statements[1]?.values).toEqual(['lakehouse', 's3cret']);
  });
});
