/**
 * One gate race trial: a fresh book, a family's orders fired by the pool's processes at the same
 * instant, then what the book holds against the family's bound and how each refusal was recorded.
 */
import { clientOrderId, type SafetyCode } from '../../domain/index.js';
import type { RaceOutcome } from './gate-race-protocol.js';
import type { RacePool } from './gate-race-pool.js';
import { openRaceBook, readBook, type RaceBook } from './race-book.js';
import type { FamilyBuilder, RaceFamily } from './race-families.js';

export interface TrialReport {
  readonly outcomes: readonly RaceOutcome[];
  readonly admits: number;
  /** What breaks the family's bound in the book afterwards. */
  readonly violations: readonly string[];
  /** Refusals that carry none of the family's codes. */
  readonly offFamily: readonly RaceOutcome[];
  /** Refusals whose codes are not each in the journal as a safety event for that order. */
  readonly unjournaled: readonly string[];
  /** Accepted orders missing from the journal or the broker. */
  readonly unrecorded: readonly string[];
}

function refusalRecords(book: RaceBook, outcomes: readonly RaceOutcome[]): string[] {
  const missing: string[] = [];
  for (const o of outcomes.filter((x) => !x.accepted)) {
    if (o.codes.length === 0) missing.push(`${o.clientOrderId}: refused without a code`);
    const logged = new Set<SafetyCode>(
      book.journal.querySafetyEvents({ clientOrderId: o.clientOrderId, limit: 100 }).map((e) => e.code),
    );
    for (const code of o.codes)
      if (!logged.has(code)) missing.push(`${o.clientOrderId}: ${code} not journaled`);
  }
  return missing;
}

async function acceptedRecords(book: RaceBook, outcomes: readonly RaceOutcome[]): Promise<string[]> {
  const missing: string[] = [];
  for (const o of outcomes.filter((x) => x.accepted)) {
    const id = clientOrderId(o.clientOrderId);
    if (book.journal.getOrder(id) === null) missing.push(`${o.clientOrderId}: not in the journal`);
    if ((await book.broker.orderByClientId(id)) === null)
      missing.push(`${o.clientOrderId}: not at the broker`);
  }
  return missing;
}

/** Check a finished trial's book against its family. */
export async function judgeTrial(
  book: RaceBook,
  family: RaceFamily,
  outcomes: readonly RaceOutcome[],
): Promise<TrialReport> {
  const state = await readBook(book);
  return {
    outcomes,
    admits: family.admits,
    violations: family.bound(state),
    offFamily: outcomes.filter((o) => !o.accepted && !o.codes.some((c) => family.codes.includes(c))),
    unjournaled: refusalRecords(book, outcomes),
    unrecorded: await acceptedRecords(book, outcomes),
  };
}

/** Build the family on a fresh book, fire its orders from the pool, judge the book. */
export async function raceTrial(
  pool: RacePool,
  build: FamilyBuilder,
  tag: string,
  options: { unserialised?: boolean } = {},
): Promise<TrialReport> {
  const book = await openRaceBook();
  try {
    const family = await build(book, tag);
    const outcomes = await pool.trial(
      family.intents.map((intent) => ({
        dataDir: book.dataDir,
        intent,
        risk: family.risk,
        unserialised: options.unserialised ?? false,
      })),
    );
    return await judgeTrial(book, family, outcomes);
  } finally {
    await book.close();
  }
}
