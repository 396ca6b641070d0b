import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { guardCorruption } from './corruption.js';
import { JournalError } from './errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';

export const JOURNAL_FILE = 'trades.db';

/** Make sure the data dir exists and is writable, with an error that says which dir and why. */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (cause) {
    throw new JournalError(
      'DATA_DIR_NOT_WRITABLE',
      `data dir ${dir} is not writable (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}); set --data-dir or dataDir in the config to a writable directory`,
      { cause },
    );
  }
}

/**
 * Open `<dataDir>/trades.db`: WAL, foreign keys, synchronous=FULL (a write that returned is on disk),
 * migrations applied. A database written by a newer swarmdesk is refused.
 */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): Database.Database {
  if (!options.readonly) ensureWritableDir(dataDir);
  const path = join(dataDir, JOURNAL_FILE);
  let db: Database.Database;
  try {
    db = guardCorruption(
      path,
      new Database(path, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      }),
    );
  } catch (cause) {
    throw new JournalError(
      options.readonly ? 'NOT_FOUND' : 'DATA_DIR_NOT_WRITABLE',
      `cannot open journal ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const version = configuredVersion(db, path, () => {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
  });
  if (!options.readonly) migrate(db, version);
  return db;
}

/**
 * Run `setup` on a just-opened connection and read its schema version; a version newer than this
 * swarmdesk is refused. The connection is closed on any failure.
 */
export function configuredVersion(
  db: Database.Database,
  path: string,
  setup: () => void = () => undefined,
): number {
  let version: number;
  try {
    setup();
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    db.close();
    throw error;
  }
  if (version > LATEST_SCHEMA_VERSION) {
    db.close();
    throw new JournalError(
      'SCHEMA_TOO_NEW',
      `journal ${path} has schema version ${version}, newer than this swarmdesk understands (${LATEST_SCHEMA_VERSION}); upgrade swarmdesk or use another --data-dir`,
    );
  }
  return version;
}

function migrate(db: Database.Database, seen: number): void {
  if (seen >= LATEST_SCHEMA_VERSION) return;
  // Another process may migrate at the same moment: re-read the version under the write lock.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}
