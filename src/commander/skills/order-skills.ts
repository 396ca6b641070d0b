import { z } from 'zod';
import { clientOrderId, instanceId, MAX_INSTANCE_IDS, option, type OrderIntent } from '../../domain/index.js';
import { defineSkill } from './skill.js';

const legInput = z
  .object({
    symbol: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/),
    expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    strike: z.number().positive(),
    right: z.enum(['call', 'put']),
    side: z.enum(['buy', 'sell']),
    ratio: z.number().int().positive().max(10).default(1),
  })
  .strict();

export const placeOrderWithGuardSkill = defineSkill({
  name: 'place_order_with_guard',
  description:
    'Propose a limit order (one leg or a combo). The execution gate checks it now against every hard limit and answers accepted or the codes it breaks. Accepted proposals are sent when you submit your decision, and checked again then. limitPrice is the net per unit in dollars per share (never negative); priceEffect says whether you pay it (debit) or receive it (credit).',
  example:
    'place_order_with_guard({"legs":[{"symbol":"AMD","expiry":"2026-12-18","strike":95,"right":"put","side":"sell"},{"symbol":"AMD","expiry":"2026-12-18","strike":90,"right":"put","side":"buy"}],"quantity":2,"limitPrice":1.15,"priceEffect":"credit","rationale":"IV rank 85, 3 instances agree"})',
  input: z
    .object({
      legs: z.array(legInput).min(1).max(4),
      quantity: z.number().int().positive(),
      limitPrice: z.number().positive(),
      priceEffect: z.enum(['debit', 'credit']),
      rationale: z.string().max(2000),
      instanceIds: z.array(z.string()).max(MAX_INSTANCE_IDS).default([]),
    })
    .strict(),
  run: async (a, env) => {
    const intent: OrderIntent = {
      clientOrderId: clientOrderId(`${env.input.cycleId}-p${env.proposals.length + 1}`),
      legs: a.legs.map((l) => ({
        contract: option(l.symbol, l.expiry, l.strike, l.right),
        side: l.side,
        ratio: l.ratio,
      })),
      quantity: a.quantity,
      orderType: 'limit',
      limitPrice: a.limitPrice,
      priceEffect: a.priceEffect,
      timeInForce: 'day',
      rationale: a.rationale,
      instanceIds: a.instanceIds.map((id) => instanceId(id)),
      cycleId: env.input.cycleId,
      origin: 'commander',
    };
    const check = await env.checkOrder(intent);
    if (check.accepted) env.proposals.push(intent);
    return { ...check, clientOrderId: intent.clientOrderId, queued: check.accepted };
  },
});

export const submitDecisionSkill = defineSkill({
  name: 'submit_decision',
  description:
    'End the cycle. kind "trade" sends every accepted proposal; "no_trade" sends nothing. Give the reason either way.',
  example:
    'submit_decision({"kind":"no_trade","reason":"IV rank below 50 everywhere; nothing worth the risk"})',
  input: z.object({ kind: z.enum(['trade', 'no_trade']), reason: z.string().min(1).max(4000) }).strict(),
  run: (a, env) => {
    env.decision = a;
    return { ok: true, proposalsToSend: a.kind === 'trade' ? env.proposals.length : 0 };
  },
});
