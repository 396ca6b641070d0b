/**
 * What a person needs to know about the processes on a book, from what they leave behind: the
 * heartbeat file and the journal's `loop` and `watchdog` leases. Reading them writes nothing.
 */
import type { Journal, Lease } from '../journal/index.js';
import { holderGone } from '../risk/index.js';
import { processAlive, type Heartbeat } from './heartbeat.js';
import { LOOP_LEASE } from './loop-lease.js';
import { WATCHDOG_LEASE } from './watchdog-lease.js';

/**
 * `running`: its process is alive and beating; `stopped`: it shut down on purpose (its last beat
 * says so); `frozen`: its process is alive but the heartbeat is older than the timeout; `gone`: its
 * process died without a clean stop; `none`: no loop has beaten on this book.
 */
export type LoopState = 'running' | 'stopped' | 'frozen' | 'gone' | 'none';

export interface LoopView {
  readonly state: LoopState;
  /** One line for a person: what the state rests on. */
  readonly detail: string;
  readonly heartbeat: {
    readonly time: number;
    readonly ageMs: number;
    readonly pid: number;
    readonly phase: string;
    readonly cycleId: string | null;
  } | null;
  /** The `loop` lease's holder, when one holds it and has not let it expire. */
  readonly lease: LeaseView | null;
}

export interface LeaseView {
  readonly pid: number;
  readonly host: string;
  readonly purpose: string;
  readonly acquiredAt: number;
  readonly expiresAt: number;
  /** Not expired and its process not known to be gone. */
  readonly alive: boolean;
}

export interface WatchdogView {
  /** A live watchdog holds the book. */
  readonly watching: boolean;
  readonly lease: LeaseView | null;
}

function leaseView(lease: Lease | null, now: number): LeaseView | null {
  if (!lease) return null;
  return {
    pid: lease.pid,
    host: lease.host,
    purpose: lease.purpose,
    acquiredAt: lease.acquiredAt,
    expiresAt: lease.expiresAt,
    alive: lease.expiresAt > now && !holderGone(lease),
  };
}

/** Judge the main loop from its last heartbeat and the loop lease. Pure but for `isAlive`. */
export function judgeLoop(input: {
  readonly beat: Heartbeat | null;
  readonly lease: Lease | null;
  readonly now: number;
  readonly timeoutMs: number;
  readonly isAlive?: (pid: number) => boolean;
}): LoopView {
  const isAlive = input.isAlive ?? processAlive;
  const lease = leaseView(input.lease, input.now);
  const beat = input.beat;
  const heartbeat = beat
    ? {
        time: beat.time,
        ageMs: input.now - beat.time,
        pid: beat.pid,
        phase: beat.phase,
        cycleId: beat.cycleId,
      }
    : null;
  const view = (state: LoopState, detail: string): LoopView => ({ state, detail, heartbeat, lease });
  // A loop that holds the lease but has not beaten yet (or beat last as an earlier, stopped run).
  const starting = lease?.alive === true && (!beat || (beat.phase === 'stopped' && lease.pid !== beat.pid));
  if (starting) return view('running', `pid ${lease.pid} holds the loop lease; no heartbeat from it yet`);
  if (!beat) return view('none', 'no heartbeat on this book');
  const age = `${(Math.max(0, input.now - beat.time) / 1000).toFixed(1)} s ago`;
  if (beat.phase === 'stopped')
    return view('stopped', `last heartbeat ${age}, marked stopped (pid ${beat.pid})`);
  if (!isAlive(beat.pid))
    return view('gone', `pid ${beat.pid} is gone without a clean stop; last heartbeat ${age}`);
  if (input.now - beat.time > input.timeoutMs)
    return view(
      'frozen',
      `pid ${beat.pid} is alive but its last heartbeat was ${age} (timeout ${input.timeoutMs / 1000} s)`,
    );
  return view('running', `pid ${beat.pid}, heartbeat ${age} (${beat.phase})`);
}

/** The loop and watchdog leases as the journal holds them now. */
export function readLeases(
  journal: Journal,
  now: number,
): { readonly loop: Lease | null; readonly watchdog: WatchdogView } {
  const wd = leaseView(journal.leases.current(WATCHDOG_LEASE), now);
  return { loop: journal.leases.current(LOOP_LEASE), watchdog: { watching: wd?.alive ?? false, lease: wd } };
}
