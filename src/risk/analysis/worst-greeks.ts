/**
 * Net Greeks at their worst over every fill of the working orders. Each Greek is linear in what
 * fills, so its largest magnitude is at one of two extremes — every order that pushes it up fills
 * and the rest do not, or the reverse — and partial fills never do worse.
 */
import { GREEK_NAMES, type NetGreeks } from './greeks.js';

/** Per Greek, the signed value of largest magnitude of `fixed` plus any fill of `working`. */
export function worstGreeks(fixed: NetGreeks, working: readonly NetGreeks[]): NetGreeks {
  const out = { ...fixed };
  for (const name of GREEK_NAMES) {
    let up = fixed[name];
    let down = fixed[name];
    for (const w of working) {
      if (w[name] > 0) up += w[name];
      else down += w[name];
    }
    out[name] = Math.abs(up) >= Math.abs(down) ? up : down;
  }
  return out;
}

/** The sum of two sets of net Greeks. */
export function addGreeks(a: NetGreeks, b: NetGreeks): NetGreeks {
  return {
    delta: a.delta + b.delta,
    gamma: a.gamma + b.gamma,
    vega: a.vega + b.vega,
    theta: a.theta + b.theta,
  };
}
