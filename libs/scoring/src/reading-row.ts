import type { RowDataPacket } from 'mysql2/promise';

/**
 * A row the scorers select with libs/sql's READING_ROW_COLUMNS (mapped by its readingFromRow); typed here are the
 * key columns the keyset pagination reads back.
 */
export interface ReadingRow extends RowDataPacket {
  asset_id: string;
  recorded_at: Date;
}
