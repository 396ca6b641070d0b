/**
 * The journal as a reader (`status`, `trades`, `events`, `orders`, `snapshots`) opens it: nothing is
 * written to the data dir, which may be read-only.
 *
 * SQLite opening a WAL database read-only creates its `-wal` and `-shm` files when they are absent
 * (and cannot open it at all in a read-only directory). So when there is no `-wal` — no connection
 * is open, and every change is in the main file — the reader works on an in-memory copy of that
 * file. With a `-wal` present (a writer is open, or one crashed) it opens the files in place,
 * read-only, since the changes the `-wal` holds are part of the journal.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corruptJournal, guardCorruption } from './corruption.js';
import { configuredVersion, JOURNAL_FILE, openDatabase } from './database.js';
import { JournalError } from './errors.js';

/** Bytes 18 and 19 of the SQLite header: the file format versions, 2 for WAL, 1 for a rollback journal. */
const FORMAT_VERSION_OFFSETS = [18, 19] as const;
const HEADER_LENGTH = 100;

/**
 * Open `<dataDir>/trades.db` for reading only: `JournalError` NOT_FOUND when there is none, CORRUPT
 * (naming the file and the remedy) when it is damaged, as the writer's connection says it.
 */
export function openReadOnlyDatabase(dataDir: string): Database.Database {
  const path = join(dataDir, JOURNAL_FILE);
  if (existsSync(`${path}-wal`)) return openDatabase(dataDir, { readonly: true });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new JournalError('NOT_FOUND', `cannot open journal ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
  // An in-memory database has no WAL: read the copy as a rollback-journal file (same pages).
  if (bytes.length >= HEADER_LENGTH) for (const at of FORMAT_VERSION_OFFSETS) bytes[at] = 1;
  let raw: Database.Database;
  try {
    raw = new Database(bytes, { readonly: true });
  } catch (cause) {
    // The file was read whole: a copy SQLite cannot load is a damaged journal.
    throw corruptJournal(path, cause);
  }
  const db = guardCorruption(path, raw);
  configuredVersion(db, path);
  return db;
}
