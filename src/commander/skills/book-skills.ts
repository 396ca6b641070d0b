import { z } from 'zod';
import { contractKey, midPrice } from '../../domain/index.js';
import { defineSkill } from './skill.js';

export const getPortfolioSkill = defineSkill({
  name: 'get_portfolio',
  description:
    'The account (net liquidation, cash, buying power, margin, P&L), positions (signed contracts) and working orders.',
  example: 'get_portfolio({})',
  input: z.object({}).strict(),
  run: (_a, env) => ({
    account: env.input.account,
    positions: env.input.positions.map((p) => ({
      contract: contractKey(p.contract),
      quantity: p.quantity,
      averagePrice: p.averagePrice,
    })),
    workingOrders: env.input.openOrders.map((o) => ({
      id: o.clientOrderId,
      status: o.status,
      legs: o.intent.legs.map((l) => `${l.side} ${l.ratio} ${contractKey(l.contract)}`),
      quantity: o.intent.quantity,
      limitPrice: o.intent.limitPrice,
      priceEffect: o.intent.priceEffect,
    })),
  }),
});

export const getMarketSnapshotSkill = defineSkill({
  name: 'get_market_snapshot',
  description:
    'Underlying quote and a slice of the option chain for one symbol: rows with |delta| in [minDelta, maxDelta], optionally one expiry. Prices per share; IV and Greeks from our quant.',
  example: 'get_market_snapshot({"symbol":"NVDA","expiry":"2026-12-18","minDelta":0.1,"maxDelta":0.4})',
  input: z
    .object({
      symbol: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/),
      expiry: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      minDelta: z.number().min(0).max(1).default(0.05),
      maxDelta: z.number().min(0).max(1).default(0.6),
      maxRows: z.number().int().positive().max(200).default(60),
    })
    .strict(),
  run: (a, env) => {
    const chain = env.input.chains.get(a.symbol);
    if (!chain)
      return {
        error: `no chain for ${a.symbol} this cycle; available: ${[...env.input.chains.keys()].join(', ') || 'none'}`,
      };
    const rows = chain.rows
      .filter((r) => (a.expiry ? r.contract.expiry === a.expiry : true))
      .filter(
        (r) => r.greeks && Math.abs(r.greeks.delta) >= a.minDelta && Math.abs(r.greeks.delta) <= a.maxDelta,
      )
      .slice(0, a.maxRows)
      .map((r) => ({
        expiry: r.contract.expiry,
        strike: r.contract.strike,
        right: r.contract.right,
        bid: r.quote.bid,
        ask: r.quote.ask,
        mid: midPrice(r.quote),
        iv: r.iv,
        delta: r.greeks?.delta ?? null,
        theta: r.greeks?.theta ?? null,
        vega: r.greeks?.vega ?? null,
        openInterest: r.openInterest,
        flags: r.flags,
      }));
    return {
      symbol: a.symbol,
      underlying: {
        bid: chain.underlying.bid,
        ask: chain.underlying.ask,
        last: chain.underlying.last,
        flags: chain.underlying.flags,
      },
      expiries: [...new Set(chain.rows.map((r) => r.contract.expiry))],
      rows,
    };
  },
});

export const consultSwarmSkill = defineSkill({
  name: 'consult_swarm',
  description:
    'This cycle’s consensus signals from the strategy swarm: each trade with its legs, agreement (how many instances), confidence mean/min/max, thesis and conflicts.',
  example: 'consult_swarm({})',
  input: z.object({}).strict(),
  run: (_a, env) => ({
    signals: env.input.signals.map((s) => ({
      key: s.key,
      underlying: s.signal.underlying,
      strategy: s.signal.strategy,
      view: s.signal.view,
      legs: s.signal.legs,
      proposedPrice: s.signal.limitPrice,
      priceEffect: s.signal.priceEffect,
      agreement: s.agreement,
      confidence: s.confidence,
      instances: s.instanceIds,
      conflictsWith: s.conflictsWith,
      thesis: s.signal.thesis,
    })),
  }),
});
