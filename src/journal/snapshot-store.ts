import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { redactSecrets } from '../domain/index.js';
import { JournalError } from './errors.js';
import type { Journal } from './journal.js';

export const SNAPSHOT_SCHEMA_VERSION = 1;
export const SNAPSHOT_DIR = 'snapshots';

/** One cycle's decision record: everything needed to replay it. */
export interface Snapshot<T = unknown> {
  readonly schemaVersion: number;
  readonly id: string;
  readonly cycleId: string;
  readonly createdAt: number;
  readonly data: T;
}

export interface SavedSnapshot {
  readonly id: string;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface SnapshotListing {
  readonly id: string;
  readonly cycleId: string;
  readonly createdAt: number;
  readonly sha256: string;
  readonly status: string;
}

const envelopeSchema = z
  .object({
    schemaVersion: z.number().int().positive(),
    id: z.string().min(1),
    cycleId: z.string().min(1),
    createdAt: z.number().int().nonnegative(),
    data: z.unknown(),
  })
  .strict();

const ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

/** A time-sortable snapshot id: `20261124T064100123Z-9f86d081`. */
export function newSnapshotId(time: number): string {
  const compact = new Date(time).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${compact}-${randomBytes(4).toString('hex')}`;
}

export function snapshotPath(dataDir: string, id: string): string {
  if (!ID.test(id))
    throw new JournalError(
      'SNAPSHOT_NOT_FOUND',
      `"${id}" is not a snapshot id (expected like 20261124T064100123Z-9f86d081)`,
    );
  return join(dataDir, SNAPSHOT_DIR, `${id}.json`);
}

/**
 * Write a cycle's snapshot atomically (temp file, fsync, rename, fsync the directory), scrub
 * secrets from it, and record its SHA-256 on the cycle. A reader never sees a partial file under
 * the final name.
 */
export function saveSnapshot(
  journal: Journal,
  input: { cycleId: string; time: number; data: unknown },
): SavedSnapshot {
  const id = newSnapshotId(input.time);
  const doc: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    id,
    cycleId: input.cycleId,
    createdAt: input.time,
    data: input.data,
  };
  const text = redactSecrets(JSON.stringify(doc), process.env);
  const bytes = Buffer.from(text, 'utf8');
  const dir = join(journal.dataDir, SNAPSHOT_DIR);
  mkdirSync(dir, { recursive: true });
  const finalPath = join(dir, `${id}.json`);
  const tmpPath = join(dir, `.${id}.json.tmp-${process.pid}`);
  const fd = openSync(tmpPath, 'wx');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmpPath, finalPath);
  fsyncDir(dir);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  journal.attachSnapshot(input.cycleId, id, sha256);
  return { id, path: finalPath, sha256, bytes: bytes.length };
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Read a snapshot and check it against the SHA-256 the journal recorded: truncated or altered files fail. */
export function loadSnapshot<T = unknown>(journal: Journal, id: string): Snapshot<T> {
  const path = snapshotPath(journal.dataDir, id);
  const cycle = journal.cycleBySnapshot(id);
  if (!existsSync(path)) {
    throw new JournalError('SNAPSHOT_NOT_FOUND', `snapshot ${id} not found at ${path}`);
  }
  if (!cycle?.snapshotSha256) {
    throw new JournalError(
      'SNAPSHOT_CORRUPT',
      `snapshot ${id} is not recorded in the journal (no cycle references it); it cannot be verified`,
    );
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== cycle.snapshotSha256) {
    throw new JournalError(
      'SNAPSHOT_CORRUPT',
      `snapshot ${id} at ${path} is truncated or altered: sha256 ${sha256.slice(0, 16)}…, journal recorded ${cycle.snapshotSha256.slice(0, 16)}… (${bytes.length} bytes)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new JournalError(
      'SNAPSHOT_CORRUPT',
      `snapshot ${id} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  const env = envelopeSchema.safeParse(parsed);
  if (!env.success)
    throw new JournalError(
      'SNAPSHOT_CORRUPT',
      `snapshot ${id} has a bad envelope: ${env.error.issues[0]?.message ?? ''}`,
    );
  if (env.data.schemaVersion > SNAPSHOT_SCHEMA_VERSION) {
    throw new JournalError(
      'SNAPSHOT_CORRUPT',
      `snapshot ${id} has schema version ${env.data.schemaVersion}, newer than ${SNAPSHOT_SCHEMA_VERSION}`,
    );
  }
  return env.data as Snapshot<T>;
}

/** Snapshots newest first, optionally in a time range, at most `limit`. */
export function listSnapshots(
  journal: Journal,
  filter: { since?: number; until?: number; limit?: number } = {},
): SnapshotListing[] {
  return journal.listCycles({ ...filter, withSnapshot: true }).map((c) => ({
    id: c.snapshotId!,
    cycleId: c.id,
    createdAt: c.startedAt,
    sha256: c.snapshotSha256!,
    status: c.status,
  }));
}

export interface PruneResult {
  readonly removed: readonly string[];
  readonly bytes: number;
}

/**
 * Delete the snapshot files of cycles started before `before` (epoch ms). The journal keeps each
 * cycle and its snapshot's SHA-256, so the record of what happened stays; only the bulky file goes.
 */
export function pruneSnapshots(
  journal: Journal,
  before: number,
  options: { dryRun?: boolean } = {},
): PruneResult {
  const removed: string[] = [];
  let bytes = 0;
  for (const s of listSnapshots(journal, { until: before, limit: 1_000_000 })) {
    const path = snapshotPath(journal.dataDir, s.id);
    if (!existsSync(path)) continue;
    bytes += statSync(path).size;
    if (!options.dryRun) unlinkSync(path);
    removed.push(s.id);
  }
  return { removed, bytes };
}
