import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { Readable } from 'node:stream';
import { quoteIdentifier } from './schema/create-table-sql.js';
import { translateWriteError } from './translate-sql-error.js';

/** Options of {@link loadDataLocalInfile}. */
export interface LoadDataOptions {
  readonly table: string;
  /**
   * Target columns in file order; a name starting with `@` is a user variable (a field read into it, used by `set`
   * or discarded).
   */
  readonly columns: readonly string[];
  /** `SET` assignments (`column = expression`) evaluated per row; SQL text, written by code, never from input. */
  readonly set?: readonly string[];
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

/** Packet payload the client aims for: big enough to be cheap, far below the 16 MB protocol limit. */
const PACKET_BYTES = 64 * 1024;

/**
 * mysql2 writes every chunk of the local-infile stream as one packet, as a Buffer, and takes an empty packet for the
 * end of file. So strings become Buffers, small chunks are coalesced, big ones split, and empty ones dropped.
 */
export function toInfilePackets(source: Readable): Readable {
  return Readable.from(
    (async function* () {
      let pending: Buffer[] = [];
      let size = 0;
      for await (const chunk of source) {
        let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
        while (buf.length > 0) {
          const take = buf.subarray(0, PACKET_BYTES - size);
          pending.push(take);
          size += take.length;
          buf = buf.subarray(take.length);
          if (size >= PACKET_BYTES) {
            yield Buffer.concat(pending, size);
            pending = [];
            size = 0;
          }
        }
      }
      if (size > 0) yield Buffer.concat(pending, size);
    })(),
    { objectMode: false },
  );
}

function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;
}

/**
 * The `LOAD DATA LOCAL INFILE` statement for a stream of Buffers or strings. By default fields are tab-separated,
 * `\N` is NULL, lines end in `\n`: the format `formatReadingLoadDataLine` writes.
 */
export function loadDataSql(options: Omit<LoadDataOptions, 'stream'>): string {
  return [
    `LOAD DATA LOCAL INFILE 'stream'`,
    (options.onDuplicate ?? 'replace') === 'replace' ? 'REPLACE' : 'IGNORE',
    `INTO TABLE ${quoteIdentifier(options.table)} CHARACTER SET utf8mb4`,
    `FIELDS TERMINATED BY ${literal(options.fieldsTerminatedBy ?? '\t')} ESCAPED BY '\\\\'`,
    `LINES TERMINATED BY '\\n'`,
    options.ignoreLines ? `IGNORE ${options.ignoreLines} LINES` : '',
    `(${options.columns.map((c) => (c.startsWith('@') ? c : quoteIdentifier(c))).join(', ')})`,
    options.set === undefined || options.set.length === 0 ? '' : `SET ${options.set.join(', ')}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * Runs {@link loadDataSql} with `options.stream` as the file's bytes (the server needs `local_infile=ON`, the client
 * the LOCAL_FILES flag, which mysql2 sets).
 */
export async function loadDataLocalInfile(
  db: Pool | PoolConnection,
  options: LoadDataOptions,
): Promise<LoadDataResult> {
  const sql = loadDataSql(options);
  try {
    const [result] = await db.query<ResultSetHeader>({
      sql,
      infileStreamFactory: () => toInfilePackets(options.stream),
    });
    return { affectedRows: result.affectedRows, warningCount: result.warningStatus };
  } catch (err: unknown) {
    throw translateWriteError(err, { table: options.table, rows: -1 });
  }
}
