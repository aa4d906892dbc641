import { createHash } from 'node:crypto';

/** One numbered schema change with its undo. Statements run one by one (MySQL DDL is not transactional). */
export interface Migration {
  /** Position in the sequence, from 1, without gaps. */
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

/** Throws unless ids run 1..n without gaps or repeats; a broken sequence is a programming error. */
export function assertMigrationSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new Error(`migration #${i + 1} has id ${m.id}: ids must run 1..n without gaps`);
    if (m.up.length === 0) throw new Error(`migration ${m.id} (${m.name}) has no statements`);
  });
}
