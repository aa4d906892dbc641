import type { MariadbPaths } from './stack-config.js';

/** MySQL 8.0's default sql_mode, so that local queries fail where HeatWave would (MariaDB's default is laxer). */
export const MYSQL8_SQL_MODE =
  'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

/** `--no-defaults` keeps Debian's /etc/mysql (datadir /var/lib/mysql, /run/mysqld) out; it must come first. */
const NO_DEFAULTS = '--no-defaults';

/** Arguments of `mariadb-install-db` creating an empty data directory with a passwordless root (set right after). */
export function mariadbInstallDbArgs(paths: MariadbPaths, isRoot: boolean): string[] {
  return [
    NO_DEFAULTS,
    `--datadir=${paths.dataDir}`,
    ...(isRoot ? ['--user=root'] : []),
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    // Otherwise it also creates root@<hostname>, which the server ignores under --skip-name-resolve.
    '--skip-name-resolve',
  ];
}

/**
 * Arguments of the private `mariadbd`: own port on 127.0.0.1, short socket, UTC, utf8mb4, MySQL 8 sql_mode and
 * InnoDB settings that favour bulk loads over durability (this is a throwaway dev database).
 */
export function mariadbdArgs(paths: MariadbPaths, isRoot: boolean): string[] {
  return [
    NO_DEFAULTS,
    // mariadbd refuses to run as root unless told to.
    ...(isRoot ? ['--user=root'] : []),
    `--datadir=${paths.dataDir}`,
    `--port=${paths.port}`,
    `--bind-address=${paths.host}`,
    `--socket=${paths.socketPath}`,
    `--pid-file=${paths.pidFile}`,
    `--log-error=${paths.errorLog}`,
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
  ];
}

/** Arguments of `mariadb-admin shutdown` over the socket; the root password goes in MYSQL_PWD, never argv. */
export function mariadbAdminShutdownArgs(paths: MariadbPaths): string[] {
  return [NO_DEFAULTS, `--socket=${paths.socketPath}`, `--user=${paths.rootUser}`, 'shutdown'];
}

/** The server version out of `mariadbd --version` ("mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu"). */
export function parseMariadbVersion(output: string): string | undefined {
  return /\bVer\s+(\d+\.\d+\.\d+\S*)/.exec(output)?.[1];
}

/** True when `version` (as from `SELECT VERSION()`) is a MariaDB 10.11 release, the one the project targets. */
export function isSupportedMariadbVersion(version: string): boolean {
  return /^10\.11\.\d+/.test(version);
}
