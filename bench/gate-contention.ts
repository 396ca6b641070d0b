/**
 * The gate lease under contention, for `npm run bench -- gate`: K contender processes
 * (`gate-contender.ts`) on one book, started on one barrier, each sending its share of the orders.
 * Real processes, each with its own market, broker connection and journal handle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPaperBroker } from '../src/broker/paper/index.js';
import { SimulatedClock } from '../src/domain/index.js';
import { openJournal } from '../src/journal/index.js';
import { createSimMarket } from '../src/market/sim/index.js';
import type { RiskLimits } from '../src/risk/index.js';
import { CONTENDER_MARKET_TIME, type ContenderReport, type ContenderSpec } from './gate-contender.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONTENDER = join(here, 'gate-contender.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ContentionResult {
  readonly contenders: number;
  readonly decisions: number;
  /** Every decision's wait for the lease, ms, all contenders together. */
  readonly waits: readonly number[];
  readonly holds: readonly number[];
  readonly accepted: number;
  readonly refused: Readonly<Record<string, number>>;
  /** Decisions per second, all contenders together: from the first start to the last end. */
  readonly decisionsPerSecond: number;
}

/** The q-quantile (0..1) of `xs`, nearest rank; NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Create the book (journal schema, paper account) once, so contenders do not race to initialise it. */
async function prepareBook(dataDir: string): Promise<void> {
  const clock = new SimulatedClock(CONTENDER_MARKET_TIME);
  const market = createSimMarket({ symbols: ['NVDA'], seed: 11 }, clock);
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await broker.connect();
  await broker.disconnect();
  openJournal({ dataDir }).close();
  await market.close();
}

function runContender(spec: ContenderSpec, onReady: () => void): Promise<ContenderReport> {
  const child = spawn(process.execPath, ['--import', TSX, CONTENDER, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let ready = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!ready && out.includes('ready\n')) {
      ready = true;
      onReady();
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{'))
        reject(new Error(`gate contender exited ${code}:\n${err}${out}`));
      else resolve(JSON.parse(last) as ContenderReport);
    }),
  );
}

/** `contenders` processes share `decisions` orders on one fresh book. */
export async function contention(
  contenders: number,
  decisions: number,
  risk: RiskLimits,
): Promise<ContentionResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-bench-lease-'));
  try {
    await prepareBook(dataDir);
    const go = join(dataDir, 'go');
    const each = Math.round(decisions / contenders);
    let readyCount = 0;
    const reports = await Promise.all(
      Array.from({ length: contenders }, (_, k) =>
        runContender({ dataDir, go, decisions: each, prefix: `c${k}`, risk }, () => {
          if (++readyCount === contenders) writeFileSync(go, '');
        }),
      ),
    );
    const refused: Record<string, number> = {};
    for (const r of reports)
      for (const [c, n] of Object.entries(r.refused)) refused[c] = (refused[c] ?? 0) + n;
    const span = Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt));
    const made = each * contenders;
    return {
      contenders,
      decisions: made,
      waits: reports.flatMap((r) => r.waits),
      holds: reports.flatMap((r) => r.holds),
      accepted: reports.reduce((s, r) => s + r.accepted, 0),
      refused,
      decisionsPerSecond: made / (span / 1000),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
