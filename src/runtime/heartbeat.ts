import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Journal } from '../journal/index.js';

export const HEARTBEAT_FILE = 'heartbeat';

const heartbeatSchema = z.object({
  time: z.number(),
  pid: z.number().int(),
  cycleId: z.string().nullable(),
  phase: z.string(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/**
 * The main loop's sign of life: a small JSON file (atomic rename, so a reader never sees half of
 * it) and a row in the journal. Written from a timer, so a slow LLM call cannot hold it back.
 */
export function sendHeartbeat(input: {
  dataDir: string;
  time: number;
  pid: number;
  cycleId?: string | null;
  phase?: string;
  journal?: Journal;
}): void {
  const beat: Heartbeat = {
    time: input.time,
    pid: input.pid,
    cycleId: input.cycleId ?? null,
    phase: input.phase ?? 'idle',
  };
  mkdirSync(input.dataDir, { recursive: true });
  const tmp = join(input.dataDir, `.${HEARTBEAT_FILE}.${input.pid}`);
  writeFileSync(tmp, JSON.stringify(beat));
  renameSync(tmp, join(input.dataDir, HEARTBEAT_FILE));
  input.journal?.beat('main', input.time, input.pid, beat.phase);
}

/** The last heartbeat, or null when there is none (or it cannot be read). */
export function readHeartbeat(dataDir: string): Heartbeat | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, HEARTBEAT_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = heartbeatSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** True when a process with this pid exists (a stopped process still exists). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type HeartbeatVerdict =
  | { readonly status: 'ok'; readonly ageMs: number; readonly pid: number }
  | { readonly status: 'stale'; readonly ageMs: number; readonly pid: number }
  | { readonly status: 'process_gone'; readonly ageMs: number; readonly pid: number }
  | { readonly status: 'missing' }
  /** The main loop shut down on purpose and said so in its last heartbeat. */
  | { readonly status: 'stopped'; readonly ageMs: number; readonly pid: number };

/** Judge the main loop's heartbeat: fresh, stale (older than the timeout), or its process gone. */
export function checkHeartbeat(input: {
  dataDir: string;
  now: number;
  timeoutMs: number;
  isAlive?: (pid: number) => boolean;
}): HeartbeatVerdict {
  const beat = readHeartbeat(input.dataDir);
  if (!beat) return { status: 'missing' };
  const ageMs = input.now - beat.time;
  if (beat.phase === 'stopped') return { status: 'stopped', ageMs, pid: beat.pid };
  if (!(input.isAlive ?? processAlive)(beat.pid)) return { status: 'process_gone', ageMs, pid: beat.pid };
  return { status: ageMs > input.timeoutMs ? 'stale' : 'ok', ageMs, pid: beat.pid };
}
