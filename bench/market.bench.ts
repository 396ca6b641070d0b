/**
 * `npm run bench -- market [--json] [--runs N]`: one full snapshot of every default simulated
 * chain (about 2,000 contracts each) with IV and Greeks from our quant, in ms. The peer measured
 * in the same run is the IV-and-Greeks part alone (re-solving every row of the snapshot with the
 * quant's whole-chain functions), so
 * the ratio says how much of a snapshot is analytics and how much is the market model.
 */
import { SimulatedClock, yearsToExpiry, type OptionChain } from '../src/domain/index.js';
import { analyticsMid, chainAnalytics } from '../src/market/chain-analytics.js';
import { createSimMarket } from '../src/market/sim/index.js';
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function analyticsOnly(chain: OptionChain): void {
  const u = chain.underlying;
  const n = chain.rows.length;
  const strikes = new Float64Array(n);
  const timeYears = new Float64Array(n);
  const isCall = new Uint8Array(n);
  const mids = new Float64Array(n);
  const years = new Map<string, number>();
  chain.rows.forEach((row, i) => {
    const e = row.contract.expiry;
    if (!years.has(e)) years.set(e, yearsToExpiry(e, chain.time));
    strikes[i] = row.contract.strike;
    timeYears[i] = years.get(e)!;
    isCall[i] = row.contract.right === 'call' ? 1 : 0;
    mids[i] = analyticsMid(row.quote) ?? NaN;
  });
  chainAnalytics({
    spot: analyticsMid(u) ?? u.last ?? 0,
    rate: chain.rate,
    dividendYield: chain.dividendYield,
    strikes,
    timeYears,
    isCall,
    mids,
  });
}

export default async function bench(options: BenchOptions): Promise<void> {
  const runsArg = options.args.indexOf('--runs');
  const runs = runsArg >= 0 ? Math.max(1, Number(options.args[runsArg + 1]) || 5) : 7;
  const clock = new SimulatedClock(Date.parse('2026-03-10T15:00:00Z'));
  const sim = createSimMarket({}, clock);
  const symbols = sim.symbols();

  // Warm up: the JIT, and the price paths up to now.
  for (const s of symbols) await sim.chain(s);

  const perSymbol = new Map<string, number[]>(symbols.map((s) => [s, []]));
  const totals: number[] = [];
  const analytics: number[] = [];
  const contracts = new Map<string, number>();
  for (let r = 0; r < runs; r++) {
    clock.advance(sim.options.stepMs); // a fresh quote step each run
    const chains: OptionChain[] = [];
    const start = performance.now();
    for (const s of symbols) {
      const t = performance.now();
      const chain = await sim.chain(s);
      perSymbol.get(s)!.push(performance.now() - t);
      contracts.set(s, chain.rows.length);
      chains.push(chain);
    }
    totals.push(performance.now() - start);
    const a = performance.now();
    for (const chain of chains) analyticsOnly(chain);
    analytics.push(performance.now() - a);
  }

  const total = [...contracts.values()].reduce((x, y) => x + y, 0);
  const result = {
    runs,
    contracts: total,
    snapshotMs: { median: median(totals), min: Math.min(...totals) },
    ivAndGreeksMs: { median: median(analytics), min: Math.min(...analytics) },
    perSymbol: symbols.map((s) => ({
      symbol: s,
      contracts: contracts.get(s)!,
      ms: median(perSymbol.get(s)!),
    })),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  printTable([
    ...result.perSymbol.map((p) => ({
      what: `chain ${p.symbol}`,
      contracts: p.contracts,
      'ms (median)': p.ms,
      'µs/contract': (p.ms * 1000) / p.contracts,
    })),
    {
      what: 'all six chains',
      contracts: total,
      'ms (median)': result.snapshotMs.median,
      'µs/contract': (result.snapshotMs.median * 1000) / total,
    },
    {
      what: 'peer: IV + Greeks only',
      contracts: total,
      'ms (median)': result.ivAndGreeksMs.median,
      'µs/contract': (result.ivAndGreeksMs.median * 1000) / total,
    },
  ]);
  process.stdout.write(
    `\nfull snapshot ${result.snapshotMs.median.toFixed(1)} ms (min ${result.snapshotMs.min.toFixed(1)}) over ${runs} runs; ` +
      `IV + Greeks are ${((100 * result.ivAndGreeksMs.median) / result.snapshotMs.median).toFixed(0)} % of it\n`,
  );
}
