import { z } from 'zod';
import { blackScholesIv, calculateGreeks, fractionalKelly, kellyCriterion } from '../../quant/index.js';
import { defineSkill } from './skill.js';

const right = z.enum(['call', 'put']);
const common = {
  spot: z.number().positive(),
  strike: z.number().positive(),
  timeYears: z.number().positive().max(10),
  rate: z.number().min(-0.1).max(0.5),
  dividendYield: z.number().min(0).max(0.5).default(0),
  right,
};

export const blackScholesIvSkill = defineSkill({
  name: 'black_scholes_iv',
  description:
    'Implied volatility (annualised, 1.00 = 100 %) of a European option price (dollars per share).',
  example:
    'black_scholes_iv({"spot":100,"strike":95,"timeYears":0.08,"rate":0.04,"price":1.2,"right":"put"})',
  input: z.object({ ...common, price: z.number().positive() }).strict(),
  run: (a) => ({ iv: blackScholesIv(a) }),
});

export const calculateGreeksSkill = defineSkill({
  name: 'calculate_greeks',
  description:
    'Black-Scholes-Merton price and Greeks per share: delta, gamma, vega (per 1.00 vol), theta (per year, −∂V/∂T), rho (per 1.00 rate).',
  example:
    'calculate_greeks({"spot":100,"strike":95,"timeYears":0.08,"rate":0.04,"volatility":0.45,"right":"put"})',
  input: z.object({ ...common, volatility: z.number().positive().max(5) }).strict(),
  run: (a) => calculateGreeks(a),
});

export const kellyCriterionSkill = defineSkill({
  name: 'kelly_criterion',
  description:
    'Kelly fraction of equity to risk on a binary bet: p − (1−p)·loss/win (≤ 0 = no edge). With fraction and cap, the fractional Kelly the book sizes with.',
  example:
    'kelly_criterion({"winProbability":0.7,"winAmount":150,"lossAmount":350,"fraction":0.25,"cap":0.02})',
  input: z
    .object({
      winProbability: z.number().min(0).max(1),
      winAmount: z.number().positive(),
      lossAmount: z.number().positive(),
      fraction: z.number().gt(0).max(1).optional(),
      cap: z.number().min(0).max(1).optional(),
    })
    .strict(),
  run: (a) => ({
    kelly: kellyCriterion(a),
    fractional:
      a.fraction !== undefined ? fractionalKelly({ ...a, fraction: a.fraction, cap: a.cap ?? 1 }) : undefined,
  }),
});
