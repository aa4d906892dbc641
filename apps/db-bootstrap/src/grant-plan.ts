import type { Grant } from './app-grants.js';

/** What SHOW GRANTS says an account holds. */
export interface CurrentGrants {
  /** Privileges by target, as the server prints the target (`` `telemetry`.* ``); USAGE is left out. */
  readonly privileges: ReadonlyMap<string, ReadonlySet<string>>;
  /** Roles granted to the account (MySQL 8), as printed: `` `role`@`%` ``. */
  readonly roles: readonly string[];
  /** Lines the bootstrap does not manage (PROXY grants, anything it cannot read); left alone and reported. */
  readonly unmanaged: readonly string[];
}

/** The statements that turn the current grants into the desired ones. */
export interface GrantPlan {
  /** REVOKE statements first, then GRANT statements. */
  readonly statements: readonly string[];
  readonly granted: number;
  readonly revoked: number;
  readonly unmanaged: readonly string[];
}

/** Splits `SELECT, INSERT, SELECT (`a`, `b`)` on the commas outside parentheses. */
function splitPrivileges(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p !== '')
    .map((p) => {
      const paren = p.indexOf('(');
      // Keywords are case-insensitive, column names in a column privilege are not.
      return paren < 0 ? p.toUpperCase() : `${p.slice(0, paren).trim().toUpperCase()} ${p.slice(paren)}`;
    });
}

/** Targets compare case-insensitively: servers with lower_case_table_names print database names in lower case. */
function targetKey(target: string): string {
  return target.toLowerCase();
}

/**
 * Reads the lines of `SHOW GRANTS FOR user@host` from MySQL 8/9 or MariaDB 10.11:
 * `GRANT <privileges> ON <target> TO <account> [IDENTIFIED BY PASSWORD '…'] [WITH GRANT OPTION]` and
 * `GRANT <role> TO <account>`.
 */
export function parseShowGrants(lines: readonly string[]): CurrentGrants {
  const privileges = new Map<string, Set<string>>();
  const roles: string[] = [];
  const unmanaged: string[] = [];
  for (const line of lines) {
    const onGrant = /^GRANT (.+?) ON (.+?) TO ([`'"].*)$/s.exec(line);
    if (onGrant !== null) {
      const [, list = '', target = '', rest = ''] = onGrant;
      const names = splitPrivileges(list).filter((p) => p !== 'USAGE');
      if (names.includes('PROXY')) {
        unmanaged.push(line);
        continue;
      }
      if (/\bWITH GRANT OPTION\b/i.test(rest)) names.push('GRANT OPTION');
      if (names.length === 0) continue;
      const held = privileges.get(target) ?? new Set<string>();
      for (const name of names) held.add(name);
      privileges.set(target, held);
      continue;
    }
    const roleGrant = /^GRANT ((?:[`'"][^`'"]*[`'"]@[`'"][^`'"]*[`'"](?:,\s*)?)+) TO /.exec(line);
    if (roleGrant?.[1] !== undefined) {
      roles.push(...roleGrant[1].split(/,\s*/).filter((r) => r !== ''));
      continue;
    }
    unmanaged.push(line);
  }
  return { privileges, roles, unmanaged };
}

/**
 * The REVOKE and GRANT statements after which `account` holds exactly `desired`. Revokes come first: revoking
 * `ALL PRIVILEGES` after granting would take the new privileges away again. Roles are revoked; PROXY grants are left
 * and reported.
 */
export function planGrantChanges(
  current: CurrentGrants,
  desired: readonly Grant[],
  account: string,
): GrantPlan {
  const wanted = new Map(desired.map((g) => [targetKey(g.target), g]));
  const held = new Map([...current.privileges].map(([target, p]) => [targetKey(target), { target, p }]));
  const revokes: string[] = [];
  const grants: string[] = [];
  let granted = 0;
  let revoked = 0;
  for (const [key, { target, p }] of held) {
    const want = new Set(wanted.get(key)?.privileges ?? []);
    const extra = [...p].filter((name) => !want.has(name));
    const plain = extra.filter((name) => name !== 'GRANT OPTION');
    if (plain.length > 0) revokes.push(`REVOKE ${plain.join(', ')} ON ${target} FROM ${account}`);
    if (extra.includes('GRANT OPTION')) revokes.push(`REVOKE GRANT OPTION ON ${target} FROM ${account}`);
    revoked += extra.length;
  }
  for (const role of current.roles) {
    revokes.push(`REVOKE ${role} FROM ${account}`);
    revoked += 1;
  }
  for (const [key, grant] of wanted) {
    const have = held.get(key)?.p ?? new Set<string>();
    const missing = grant.privileges.filter((name) => !have.has(name));
    const plain = missing.filter((name) => name !== 'GRANT OPTION');
    const option = missing.includes('GRANT OPTION') ? ' WITH GRANT OPTION' : '';
    if (plain.length > 0) grants.push(`GRANT ${plain.join(', ')} ON ${grant.target} TO ${account}${option}`);
    else if (option !== '') grants.push(`GRANT USAGE ON ${grant.target} TO ${account}${option}`);
    granted += missing.length;
  }
  return { statements: [...revokes, ...grants], granted, revoked, unmanaged: current.unmanaged };
}

/** `'user'@'host'` as SQL; both parts are checked by the contract, so quotes cannot occur in them. */
export function accountSql(user: string, host: string): string {
  if (/['\\]/.test(user) || /['\\]/.test(host)) throw new Error(`unsafe account: ${user}@${host}`);
  return `'${user}'@'${host}'`;
}
