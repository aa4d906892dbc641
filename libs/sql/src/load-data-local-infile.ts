import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Readable } from 'node:stream';
import { quoteIdentifier } from './schema/create-table-sql.js';
import { translateWriteError } from './translate-sql-error.js';

/** Options of {@link loadDataLocalInfile}. */
export interface LoadDataOptions {
  readonly table: string;
  /** Target columns in file order. */
  readonly columns: readonly string[];
  /** The file's bytes; streamed to the server, never buffered whole. */
  readonly stream: Readable;
  /** `replace` makes a re-run idempotent: rows with an existing key are replaced. @default 'replace' */
  readonly onDuplicate?: 'replace' | 'ignore';
  /** @default '\t' */
  readonly fieldsTerminatedBy?: string;
  /** Header lines to skip. @default 0 */
  readonly ignoreLines?: number;
}

/** What the server reported for a LOAD DATA. */
export interface LoadDataResult {
  readonly affectedRows: number;
  readonly warningCount: number;
}

function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;
}

/**
 * `LOAD DATA LOCAL INFILE` from a stream (the server needs `local_infile=ON`, the client the LOCAL_FILES flag,
 * which mysql2 sets). Fields are tab-separated, `\N` is NULL, lines end in `\n`: the format
 * `formatReadingLoadDataLine` writes.
 */
export async function loadDataLocalInfile(db: Pool | PoolConnection, options: LoadDataOptions): Promise<LoadDataResult> {
  const sql = [
    `LOAD DATA LOCAL INFILE 'stream'`,
    (options.onDuplicate ?? 'replace') === 'replace' ? 'REPLACE' : 'IGNORE',
    `INTO TABLE ${quoteIdentifier(options.table)} CHARACTER SET utf8mb4`,
    `FIELDS TERMINATED BY ${literal(options.fieldsTerminatedBy ?? '\t')} ESCAPED BY '\\\\'`,
    `LINES TERMINATED BY '\\n'`,
    options.ignoreLines ? `IGNORE ${options.ignoreLines} LINES` : '',
    `(${options.columns.map(quoteIdentifier).join(', ')})`,
  ]
    .filter((part) => part !== '')
    .join(' ');
  try {
    const [result] = await db.query<ResultSetHeader>({ sql, infileStreamFactory: () => options.stream });
    return { affectedRows: result.affectedRows, warningCount: result.warningStatus };
  } catch (err: unknown) {
    throw translateWriteError(err, { table: options.table, rows: -1 });
  }
}
