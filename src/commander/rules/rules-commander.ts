import {
  MAX_INSTANCE_IDS,
  clientOrderId,
  midPrice,
  signedNetPrice,
  structureProfile,
  yearsToExpiry,
  type ConsensusSignal,
  type Decision,
  type OrderIntent,
} from '../../domain/index.js';
import { fractionalKelly, kellyContracts } from '../../quant/index.js';
import type { CommanderOptions } from '../commander-options.js';
import type { Commander, CommanderInput, CommanderResult, SignalEvaluation } from '../commander-input.js';
import { resolveStructure } from './resolve-structure.js';
import { probabilityOfProfit } from './win-probability.js';

interface Candidate {
  readonly intent: Omit<OrderIntent, 'clientOrderId'>;
  readonly evaluation: SignalEvaluation;
  readonly score: number;
}

function skip(s: ConsensusSignal, reason: string, extra: Partial<SignalEvaluation> = {}): SignalEvaluation {
  return {
    key: s.key,
    underlying: s.signal.underlying,
    strategy: s.signal.strategy,
    verdict: 'skip',
    reason,
    ...extra,
  };
}

/**
 * The deterministic Commander (the default without an LLM). For each consensus signal it prices
 * the structure from the current chain, computes max loss and the implied probability of profit,
 * tilts that probability by the swarm's mean confidence (±confidenceTilt/2, stated in the
 * rationale), sizes with fractional Kelly under the limits, and ranks by Kelly × confidence.
 * Conflicting signals and undefined-risk structures are never traded.
 */
export class RulesCommander implements Commander {
  readonly kind = 'rules' as const;

  constructor(private readonly options: CommanderOptions) {}

  decide(input: CommanderInput): Promise<CommanderResult> {
    return Promise.resolve(this.decideNow(input));
  }

  decideNow(input: CommanderInput): CommanderResult {
    const evaluations: SignalEvaluation[] = [];
    const candidates: Candidate[] = [];
    for (const s of input.signals) {
      const outcome = this.evaluate(s, input);
      if ('intent' in outcome) candidates.push(outcome);
      else evaluations.push(outcome);
    }
    candidates.sort((a, b) => b.score - a.score || a.evaluation.key.localeCompare(b.evaluation.key));
    const limit = Math.min(this.options.maxIntentsPerCycle, input.limits.maxOrdersPerCycle);
    const chosen: Candidate[] = [];
    const underlyings = new Set<string>();
    for (const c of candidates) {
      const u = c.evaluation.underlying;
      if (chosen.length >= limit)
        evaluations.push({
          ...c.evaluation,
          verdict: 'skip',
          reason: `ranked below the ${limit} best this cycle`,
        });
      else if (underlyings.has(u))
        evaluations.push({ ...c.evaluation, verdict: 'skip', reason: `already trading ${u} this cycle` });
      else {
        chosen.push(c);
        underlyings.add(u);
        evaluations.push(c.evaluation);
      }
    }
    const intents: OrderIntent[] = chosen.map((c, i) => ({
      ...c.intent,
      clientOrderId: clientOrderId(`${input.cycleId}-o${i + 1}`),
    }));
    const decision: Decision =
      intents.length > 0
        ? {
            kind: 'trade',
            cycleId: input.cycleId,
            intents,
            rationale: chosen.map((c) => c.evaluation.reason).join(' | '),
            decidedBy: { kind: 'rules' },
          }
        : {
            kind: 'no_trade',
            cycleId: input.cycleId,
            reason:
              input.signals.length === 0
                ? 'the swarm proposed nothing this cycle'
                : `no signal passed: ${evaluations.map((e) => `${e.underlying} ${e.strategy}: ${e.reason}`).join('; ')}`,
            decidedBy: { kind: 'rules' },
          };
    return { decision, evaluations };
  }

  private evaluate(s: ConsensusSignal, input: CommanderInput): Candidate | SignalEvaluation {
    const o = this.options;
    const sig = s.signal;
    if (s.conflictsWith.length > 0)
      return skip(s, `instances disagree on direction (${s.conflictsWith.length} opposite signal(s))`);
    if (sig.action !== 'open') return skip(s, 'closing signals are left to a person or the LLM Commander');
    if (s.confidence.mean < o.minConfidence) {
      return skip(s, `mean confidence ${s.confidence.mean.toFixed(2)} below ${o.minConfidence}`);
    }
    const chain = input.chains.get(sig.underlying);
    if (!chain) return skip(s, `no chain for ${sig.underlying} this cycle`);
    const working = input.openOrders.find((ord) =>
      ord.intent.legs.some((l) => l.contract.symbol === sig.underlying),
    );
    if (working) return skip(s, `an order on ${sig.underlying} is still working (${working.clientOrderId})`);
    const held = input.positions.find((p) => p.quantity !== 0 && p.contract.symbol === sig.underlying);
    if (held) {
      return skip(
        s,
        `already holding ${sig.underlying} (one structure per underlying; manage or close it first)`,
      );
    }
    const structure = resolveStructure(sig, chain, o.priceConcession);
    if ('reason' in structure) return skip(s, structure.reason);
    const multiplier =
      structure.legs[0]!.contract.kind === 'option' ? structure.legs[0]!.contract.multiplier : 1;
    const signed = signedNetPrice(structure)!;
    const profile = structureProfile(structure.legs, signed);
    if (!Number.isFinite(profile.maxLoss) || profile.maxLoss <= 0) {
      return skip(
        s,
        profile.maxLoss === Infinity ? 'undefined risk (unbounded loss)' : 'no risk computed (max loss 0)',
      );
    }
    const spot = midPrice(chain.underlying) ?? chain.underlying.last;
    const ivs = structure.rows.map((r) => r.iv).filter((v): v is number => v !== null);
    const expiries = structure.legs
      .flatMap((l) => (l.contract.kind === 'option' ? [l.contract.expiry] : []))
      .sort();
    if (!spot || ivs.length === 0 || expiries.length === 0) return skip(s, 'no spot or IV to judge the odds');
    const impliedVol = ivs.reduce((a, b) => a + b, 0) / ivs.length;
    const forecastVol = impliedVol * (1 - o.volRiskPremium);
    const implied = probabilityOfProfit(profile, {
      spot,
      volatility: forecastVol,
      timeYears: yearsToExpiry(expiries[0]!, chain.time),
      rate: chain.rate,
      dividendYield: chain.dividendYield,
    });
    const tilt = (s.confidence.mean - 0.5) * o.confidenceTilt;
    const p = Math.min(0.99, Math.max(0.01, implied + tilt));
    // Unbounded upside is sized as if capped at 3× the risk: Kelly needs a finite win.
    const win = Math.min(profile.maxProfit, 3 * profile.maxLoss);
    if (!(win > 0)) return skip(s, 'no profit possible at this price');
    const kelly = fractionalKelly({
      winProbability: p,
      winAmount: win,
      lossAmount: profile.maxLoss,
      fraction: o.kellyFraction,
      cap: o.kellyCap,
    });
    const base = { winProbability: p, kellyFraction: kelly, maxLossPerUnit: profile.maxLoss * multiplier };
    if (kelly <= 0)
      return skip(
        s,
        `no edge: P(profit) ${(p * 100).toFixed(1)} % for +${win.toFixed(2)} / −${profile.maxLoss.toFixed(2)}`,
        base,
      );
    const byKelly = kellyContracts({
      equity: input.account.netLiquidation,
      riskFraction: kelly,
      maxLossPerContract: profile.maxLoss * multiplier,
    });
    const byLimit = Math.floor(input.limits.maxLossPerTrade / (profile.maxLoss * multiplier));
    // The per-order contract limit counts every leg: a 4-leg condor ×3 is 12 contracts.
    const contractsPerUnit = structure.legs.reduce((n, l) => n + l.ratio, 0);
    const byContracts = Math.floor(input.limits.maxContractsPerOrder / contractsPerUnit);
    const quantity = Math.min(byKelly, byLimit, byContracts);
    if (quantity < 1) {
      return skip(
        s,
        `size rounds to 0 contracts (Kelly allows ${byKelly} at ${(kelly * 100).toFixed(2)} % of equity, the max-loss limit ${byLimit}, the per-order limit ${byContracts} of a ${contractsPerUnit}-leg structure)`,
        base,
      );
    }
    const score = kelly * s.confidence.mean;
    const reason =
      `${sig.underlying} ${sig.strategy} ×${quantity} @ ${structure.limitPrice.toFixed(2)} ${structure.priceEffect}: ` +
      `P(profit) ${(implied * 100).toFixed(1)} % at vol ${(forecastVol * 100).toFixed(1)} % (implied ${(impliedVol * 100).toFixed(1)} % less the ${(o.volRiskPremium * 100).toFixed(0)} % risk premium) tilted ${tilt >= 0 ? '+' : ''}${(tilt * 100).toFixed(1)} pts by confidence ${s.confidence.mean.toFixed(2)} ` +
      `(${s.agreement} instance(s)); max loss $${(profile.maxLoss * multiplier * quantity).toFixed(0)}; ${(kelly * 100).toFixed(2)} % Kelly`;
    return {
      score,
      evaluation: {
        key: s.key,
        underlying: sig.underlying,
        strategy: sig.strategy,
        verdict: 'trade',
        reason,
        ...base,
        quantity,
        score,
      },
      intent: {
        legs: structure.legs,
        quantity,
        orderType: 'limit',
        limitPrice: structure.limitPrice,
        priceEffect: structure.priceEffect,
        timeInForce: 'day',
        rationale: reason,
        // The intent carries at most MAX_INSTANCE_IDS; a larger consensus is cited by its first ones.
        instanceIds: s.instanceIds.slice(0, MAX_INSTANCE_IDS),
        cycleId: input.cycleId,
        origin: 'commander',
      },
    };
  }
}
