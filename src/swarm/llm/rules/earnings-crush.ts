import { daysToExpiry } from '../../context/chain-analytics.js';
import { creditStructure } from './credit-structures.js';
import {
  clamp,
  num,
  proposal,
  volPts,
  wingWidth,
  type ContractSignal,
  type RulesScreen,
} from './screen-kit.js';

/**
 * earnings_crush: the context has no earnings calendar, so an event is read from the term structure.
 * When front-month ATM IV exceeds the back month's by `min_term_premium` and the front expiry is
 * within `max_front_dte` days, sell a front-month iron condor (shorts within `max_delta_exposure`)
 * to collect the premium the event has put on the front.
 */
export const earningsCrush: RulesScreen = (p, context) => {
  const minPremium = num(p, 'min_term_premium', 0.05);
  const maxFrontDte = num(p, 'max_front_dte', 14);
  const maxDelta = num(p, 'max_delta_exposure', 0.25);
  const out: ContractSignal[] = [];
  for (const { snapshot: s } of context.symbols) {
    const { front, back } = s.termStructure;
    if (!front || !back || front.iv === null || back.iv === null) continue;
    const premium = front.iv - back.iv;
    const frontDte = daysToExpiry(front.expiry, s.today);
    if (premium < minPremium || frontDte > maxFrontDte) continue;
    const rows = s.rowsByExpiry.get(front.expiry) ?? [];
    const structure = creditStructure(
      s,
      rows,
      'neutral',
      maxDelta,
      wingWidth(s, num(p, 'wing_width_pct', 0.05)),
    );
    if (!structure || Math.abs(structure.netDelta) > maxDelta) continue;
    const signal = proposal({
      underlying: s.symbol,
      strategy: structure.strategy,
      view: 'neutral',
      legs: structure.legs,
      confidence: 0.45 + 0.4 * clamp((premium - minPremium) / Math.max(minPremium, 0.01), 0, 1),
      thesis: `front IV ${volPts(front.iv)} over back ${volPts(back.iv)} by ${volPts(premium)} (>= ${volPts(minPremium)}): event premium on ${front.expiry}; sell it, defined risk`,
      horizonDays: Math.max(1, frontDte),
    });
    if (signal) out.push(signal);
  }
  return out;
};
