/**
 * The paper book opened by a reader (`swarmdesk status`, `orders`): nothing is written to the data
 * dir, which may be read-only. Opening a WAL database read-only makes SQLite create its `-wal` and
 * `-shm` files (and fails in a read-only directory), so with no `-wal` present — no process has the
 * book open, every change is in the main file — the reader works on an in-memory copy; with one
 * present it opens the files in place, read-only, to see what the `-wal` holds. (The journal does
 * the same for its own file; `broker` may not import `journal`, hence the twin.)
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';

/** Bytes 18 and 19 of the SQLite header: the file format versions, 2 for WAL, 1 for a rollback journal. */
const FORMAT_VERSION_OFFSETS = [18, 19] as const;
const HEADER_LENGTH = 100;

/** `path` for reading only; throws when it cannot be read. */
export function openReadOnlyFile(path: string): Database.Database {
  if (existsSync(`${path}-wal`)) return new Database(path, { readonly: true, fileMustExist: true });
  const bytes = readFileSync(path);
  // An in-memory database has no WAL: read the copy as a rollback-journal file (same pages).
  if (bytes.length >= HEADER_LENGTH) for (const at of FORMAT_VERSION_OFFSETS) bytes[at] = 1;
  return new Database(bytes, { readonly: true });
}
