import { describe, expect, it } from 'vitest';
import {
  isSupportedMariadbVersion,
  mariadbAdminShutdownArgs,
  mariadbdArgs,
  mariadbInstallDbArgs,
  MYSQL8_SQL_MODE,
  parseMariadbVersion,
} from './mariadb-args.js';
import { loadStackConfig } from './stack-config.js';

const paths = loadStackConfig({}, { repoRoot: '/repo', stackDir: '/repo/.local' }).mariadb;

describe('mariadbdArgs', () => {
  it('starts with --no-defaults so Debian /etc/mysql is never read', () => {
    expect(mariadbdArgs(paths, false)[0]).toBe('--no-defaults');
    expect(mariadbInstallDbArgs(paths, false)[0]).toBe('--no-defaults');
  });

  it('adds --user=root only when running as root', () => {
    expect(mariadbdArgs(paths, true)).toContain('--user=root');
    expect(mariadbdArgs(paths, false)).not.toContain('--user=root');
    expect(mariadbInstallDbArgs(paths, true)).toContain('--user=root');
  });

  it('configures a private, UTC, utf8mb4, MySQL-8-like, bulk-load friendly server', () => {
    expect(mariadbdArgs(paths, false)).toEqual([
      '--no-defaults',
      '--datadir=/repo/.local/mariadb/data',
      '--port=13306',
      '--bind-address=127.0.0.1',
      '--socket=/repo/.local/mariadb/mysqld.sock',
      '--pid-file=/repo/.local/mariadb/mariadbd.pid',
      '--log-error=/repo/.local/mariadb/error.log',
      '--skip-log-bin',
      '--skip-name-resolve',
      '--local-infile=1',
      '--default-time-zone=+00:00',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      `--sql-mode=${MYSQL8_SQL_MODE}`,
      '--innodb-buffer-pool-size=1G',
      '--innodb-log-file-size=256M',
      '--innodb-flush-log-at-trx-commit=2',
      '--innodb-doublewrite=0',
      '--max-allowed-packet=256M',
    ]);
  });

  it('never puts NO_AUTO_CREATE_USER in the sql_mode (MySQL 8 rejects it)', () => {
    expect(MYSQL8_SQL_MODE).not.toContain('NO_AUTO_CREATE_USER');
  });

  it('creates the data directory without hostname accounts or test database', () => {
    expect(mariadbInstallDbArgs(paths, false)).toEqual([
      '--no-defaults',
      '--datadir=/repo/.local/mariadb/data',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
    ]);
  });

  it('shuts down over the socket without a password on the command line', () => {
    const args = mariadbAdminShutdownArgs(paths);
    expect(args).toEqual([
      '--no-defaults',
      '--socket=/repo/.local/mariadb/mysqld.sock',
      '--user=root',
      'shutdown',
    ]);
    expect(args.join(' ')).not.toMatch(/-p|password/);
  });
});

describe('parseMariadbVersion', () => {
  it('reads the version from mariadbd --version', () => {
    expect(
      parseMariadbVersion(
        '/usr/sbin/mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)\n',
      ),
    ).toBe('10.11.19-MariaDB-0+deb12u1');
    expect(parseMariadbVersion('command not found')).toBeUndefined();
  });

  it('accepts only 10.11 releases as the supported version', () => {
    expect(isSupportedMariadbVersion('10.11.19-MariaDB-0+deb12u1')).toBe(true);
    expect(isSupportedMariadbVersion('11.4.2-MariaDB')).toBe(false);
    expect(isSupportedMariadbVersion('10.1.48-MariaDB')).toBe(false);
  });
});
