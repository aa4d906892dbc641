import type { MariadbPaths } from './stack-config.js';

/** One statement for mysql2's `query` (values are escaped client-side, so they may stand for quoted names). */
export interface SqlStatement {
  readonly sql: string;
  readonly values?: string[];
}

/**
 * True for account hosts the server honours under `--skip-name-resolve`: `localhost`, `%` and IP addresses.
 * Host-name accounts (root@<hostname> from older data directories) are ignored by the server and cannot be altered.
 */
export function isResolvedAccountHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '%' ||
    /^[\d.]+$/.test(host) ||
    (host.includes(':') && /^[0-9a-f:]+$/i.test(host))
  );
}

/** Sets `password` on every root account the server honours (localhost, 127.0.0.1, ::1). Idempotent. */
export function rootPasswordStatements(
  rootHosts: readonly string[],
  rootUser: string,
  password: string,
): SqlStatement[] {
  return rootHosts
    .filter(isResolvedAccountHost)
    .map((host) => ({ sql: 'ALTER USER ?@? IDENTIFIED BY ?', values: [rootUser, host, password] }));
}

/**
 * Idempotent statements for the app database and user. The user may connect from anywhere (`%`, which also
 * matches socket logins as no anonymous account exists) and gets ALL ON *.* because integration tests create
 * and drop throwaway schemas.
 */
export function appAccountStatements(
  paths: Pick<MariadbPaths, 'database' | 'user'>,
  password: string,
): SqlStatement[] {
  const database = `\`${paths.database.replace(/`/g, '``')}\``;
  return [
    { sql: `CREATE DATABASE IF NOT EXISTS ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` },
    { sql: "CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?", values: [paths.user, password] },
    // Brings an existing user in line with stack.json (e.g. after stack.json was restored from a backup).
    { sql: "ALTER USER ?@'%' IDENTIFIED BY ?", values: [paths.user, password] },
    { sql: "GRANT ALL PRIVILEGES ON *.* TO ?@'%'", values: [paths.user] },
  ];
}
