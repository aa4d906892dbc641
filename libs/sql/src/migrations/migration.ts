import { createHash } from 'node:crypto';

/** One numbered schema change with its undo. Statements run one by one (MySQL DDL is not transactional). */
export interface Migration {
  /**
   * Number from 1, strictly increasing along the sequence. Numbers are reserved per issue, so a branch may hold a
   * later number before an earlier one lands: gaps are allowed, and the runner applies by id, not by position.
   */
  readonly id: number;
  /** kebab-case summary, also the file name after the number. */
  readonly name: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
}

/** sha256 over the `up` statements: what the runner records and compares to refuse edited migrations. */
export function migrationChecksum(migration: Migration): string {
  const hash = createHash('sha256');
  for (const statement of migration.up) hash.update(statement).update('\u0000');
  return hash.digest('hex');
}

/** Throws unless ids are positive integers in strictly increasing order; a broken sequence is a programming error. */
export function assertMigrationSequence(migrations: readonly Migration[]): void {
  let previous = 0;
  migrations.forEach((m, i) => {
    if (!Number.isSafeInteger(m.id) || m.id <= previous) {
      throw new Error(
        `migration #${i + 1} has id ${m.id}: ids must be integers from 1, strictly increasing (after ${previous})`,
      );
    }
    if (m.up.length === 0) throw new Error(`migration ${m.id} (${m.name}) has no statements`);
    previous = m.id;
  });
}
