/**
 * A gate race through the command line: `swarmdesk order` processes started together on one
 * workspace. Nothing lines them up past their start (CLI start-up jitter spreads them), but the
 * bound must hold all the same.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { formatStrike, type OrderIntent, type SafetyCode } from '../../domain/index.js';
import { startCli, workspace } from '../../runtime/test-support/cli-process.js';
import type { RaceOutcome } from './gate-race-protocol.js';
import { openRaceBook } from './race-book.js';
import type { FamilyBuilder } from './race-families.js';
import { judgeTrial, type TrialReport } from './race-trial.js';

/** `order <buy|sell> <qty> <SYMBOL> <expiry> <strike> <C|P> --limit <price>` for a single-leg intent. */
function orderArgs(intent: OrderIntent): string[] {
  const [leg] = intent.legs;
  if (intent.legs.length !== 1 || leg?.contract.kind !== 'option')
    throw new Error('the CLI race sends single options');
  const c = leg.contract;
  return [
    'order',
    leg.side,
    String(intent.quantity),
    c.symbol,
    c.expiry,
    formatStrike(c.strike),
    c.right === 'call' ? 'C' : 'P',
    '--limit',
    String(intent.limitPrice),
    '--json',
  ];
}

interface CliJson {
  readonly accepted: boolean;
  readonly clientOrderId: string;
  readonly codes: readonly SafetyCode[];
  readonly status?: string | null;
}

async function runTogether(argsList: readonly string[][], cwd: string): Promise<RaceOutcome[]> {
  const started = Date.now();
  const children = argsList.map((args) => startCli(args, cwd));
  return Promise.all(
    children.map(async (child) => {
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      const out = child.output();
      const json = /^\{[\s\S]*^\}$/m.exec(out)?.[0];
      if ((code !== 0 && code !== 1) || json === undefined)
        throw new Error(`swarmdesk order exited ${code}:\n${out}`);
      const r = JSON.parse(json) as CliJson;
      return {
        pid: child.pid!,
        clientOrderId: r.clientOrderId,
        accepted: r.accepted,
        codes: r.codes,
        status: r.status ?? null,
        firedAt: started,
        answeredAt: Date.now(),
      };
    }),
  );
}

/** Build `build`'s family on a fresh workspace's book, send its orders as `swarmdesk order` processes, judge the book. */
export async function cliRaceTrial(build: FamilyBuilder, tag: string): Promise<TrialReport> {
  const ws = workspace();
  // The book's sim start is written before any CLI starts, so every one of them sees one market.
  const book = await openRaceBook(ws.dataDir);
  try {
    const family = await build(book, tag);
    const config = JSON.parse(readFileSync(ws.config, 'utf8')) as Record<string, unknown>;
    writeFileSync(ws.config, JSON.stringify({ ...config, risk: family.risk }, null, 1));
    const outcomes = await runTogether(
      family.intents.map((i) => [...orderArgs(i), '--config', ws.config]),
      ws.dir,
    );
    return await judgeTrial(book, family, outcomes);
  } finally {
    await book.close();
    rmSync(ws.dir, { recursive: true, force: true });
  }
}
