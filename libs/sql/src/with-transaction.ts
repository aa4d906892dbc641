import type { Pool, PoolConnection } from 'mysql2/promise';

/**
 * Runs `fn` in one transaction on a connection of the pool (or on the connection given), committing when it
 * returns and rolling back when it throws.
 */
export async function withTransaction<T>(
  db: Pool | PoolConnection,
  fn: (conn: PoolConnection) => Promise<T>,
): Promise<T> {
  const conn = 'getConnection' in db ? await db.getConnection() : db;
  try {
    await conn.beginTransaction();
    try {
      const result = await fn(conn);
      await conn.commit();
      return result;
    } catch (err: unknown) {
      await conn.rollback();
      throw err;
    }
  } finally {
    if (conn !== db) conn.release();
  }
}
