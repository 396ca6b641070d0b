import { commonMultiplier, contractKey, type OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/**
 * 3a. Structures the gate can judge: one underlying; each contract once; a combo of options with one
 * multiplier (stock trades as a single leg).
 */
export function checkOrderStructure(intent: OrderIntent, _ctx: GateContext): Rejection | null {
  const symbols = [...new Set(intent.legs.map((l) => l.contract.symbol))];
  if (symbols.length > 1) {
    return reject(
      'ORDER_STRUCTURE_UNSUPPORTED',
      `the legs span ${symbols.length} underlyings (${symbols.join(', ')}); one per order`,
    );
  }
  const keys = intent.legs.map((l) => contractKey(l.contract));
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) {
    return reject(
      'ORDER_STRUCTURE_UNSUPPORTED',
      `${repeated} appears in more than one leg; give each contract once`,
    );
  }
  if (intent.legs.length > 1) {
    if (intent.legs.some((l) => l.contract.kind === 'stock')) {
      return reject(
        'ORDER_STRUCTURE_UNSUPPORTED',
        'a combo with a stock leg is not supported; trade the stock as its own order',
      );
    }
    if (commonMultiplier(intent.legs) === null) {
      return reject('ORDER_STRUCTURE_UNSUPPORTED', 'the option legs have different multipliers');
    }
  }
  return null;
}
