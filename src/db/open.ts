import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export type OpenOptions = {
  readonly?: boolean;
  /**
   * How long a statement waits for another connection's lock before SQLITE_BUSY. The wait blocks the
   * thread, so the server's writer keeps it short and waits between attempts without blocking.
   */
  busyTimeoutMs?: number;
};

/** Every connection gets the same pragmas, set here and nowhere else. */
export function openDatabase(path: string, { readonly = false, busyTimeoutMs = 5000 }: OpenOptions = {}): Db {
  if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly, fileMustExist: readonly });
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  db.pragma('synchronous = NORMAL');
  // SQLite's default page cache is 2 MiB. Claims, their topic and entity links and the full-text index
  // are keyed by hashed ids, so a large corpus touches pages all over the file: 64 MiB keeps the
  // index pages of tens of thousands of articles in memory for ingest and for the server alike.
  db.pragma('cache_size = -65536');
  return db;
}
