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
  return db;
}
