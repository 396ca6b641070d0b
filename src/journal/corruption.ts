/**
 * A damaged `trades.db` must say so, with the file and what to do — not a bare "database disk image
 * is malformed" from the first query that reaches a bad page, and never a partial read passed off as
 * the whole. Every statement and pragma of the journal's connection goes through this guard.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { JournalError } from './errors.js';

const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_NOTADB',
]);

/** The typed error for a damaged journal, naming the file and the remedy. */
export function corruptJournal(path: string, cause: unknown): JournalError {
  const dataDir = join(path, '..');
  return new JournalError(
    'CORRUPT',
    `journal ${path} is damaged (${cause instanceof Error ? cause.message : String(cause)}). Stop every swarmdesk process on ${dataDir}; ` +
      `check it with \`sqlite3 ${path} "PRAGMA integrity_check"\`; restore it from a backup, or recover what is readable with ` +
      `\`sqlite3 ${path} .recover | sqlite3 recovered.db\`. Each cycle's snapshot in ${join(dataDir, 'snapshots')} holds its decisions and orders.`,
    { cause },
  );
}

function isCorruption(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && CORRUPT_CODES.has((error as { code?: string }).code ?? '')
  );
}

function guarded<A extends unknown[], R>(path: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      throw isCorruption(error) ? corruptJournal(path, error) : error;
    }
  };
}

const STATEMENT_CALLS = new Set(['run', 'get', 'all', 'iterate']);

function guardStatement(path: string, statement: Database.Statement): Database.Statement {
  const proxy: Database.Statement = new Proxy(statement, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(target);
      if (STATEMENT_CALLS.has(prop as string)) return guarded(path, bound);
      // Chained setters (pluck, raw, expand, bind) return the statement: keep it guarded.
      return (...args: unknown[]) => {
        const out = bound(...args);
        return out === target ? proxy : out;
      };
    },
  });
  return proxy;
}

/** The connection with every statement, `exec` and `pragma` turning corruption into `corruptJournal`. */
export function guardCorruption(path: string, db: Database.Database): Database.Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(target);
      if (prop === 'prepare')
        return guarded(path, (sql: string) => guardStatement(path, bound(sql) as Database.Statement));
      if (prop === 'exec' || prop === 'pragma') return guarded(path, bound);
      return bound;
    },
  });
}
