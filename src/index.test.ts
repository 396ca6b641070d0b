import { describe, expect, it } from 'vitest';
import * as api from './index.js';

/** The seed's skill names and the camelCase functions behind them (DESIGN.md, "The stable names"). */
const STABLE = {
  kelly_criterion: 'kellyCriterion',
  black_scholes_iv: 'blackScholesIv',
  calculate_greeks: 'calculateGreeks',
  place_order_with_guard: 'placeOrderWithGuard',
  consult_swarm: 'consultSwarm',
  load_instances: 'loadInstances',
  load_template: 'loadTemplate',
  render_template: 'renderTemplate',
  execute_swarm_concurrent: 'executeSwarmConcurrent',
  parse_signal: 'parseSignal',
  deduplicate_signals: 'deduplicateSignals',
  log_trade: 'logTrade',
  log_safety_event: 'logSafetyEvent',
  query_trades: 'queryTrades',
  save_snapshot: 'saveSnapshot',
  load_snapshot: 'loadSnapshot',
  list_snapshots: 'listSnapshots',
  trading_cycle: 'tradingCycle',
  send_heartbeat: 'sendHeartbeat',
  check_heartbeat: 'checkHeartbeat',
  monitor_loop: 'monitorLoop',
  panic_close_all_positions: 'panicCloseAllPositions',
  trigger_circuit_breaker: 'triggerCircuitBreaker',
} as const;

describe('public API', () => {
  it('exports a function for every stable name', () => {
    const exported = api as unknown as Record<string, unknown>;
    const missing = Object.values(STABLE).filter((name) => typeof exported[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('gives the Commander its tools under the seed’s snake_case names', () => {
    const tools = api.SKILLS.map((s) => s.name);
    for (const name of [
      'consult_swarm',
      'black_scholes_iv',
      'calculate_greeks',
      'kelly_criterion',
      'place_order_with_guard',
    ]) {
      expect(tools).toContain(name);
    }
  });
});
