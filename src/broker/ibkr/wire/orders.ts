/**
 * Orders, domain ↔ IB wire (pure). Single legs: BUY/SELL at the per-share limit. Combos: a BAG
 * contract with the legs' conIds, action BUY always, and the signed net price (negative = a
 * credit), so `limitPrice` + `priceEffect` map one to one. Every order carries our client order
 * id as `orderRef` and `transmit: true` (a plain object without it is never transmitted).
 */
import {
  OrderAction,
  OrderType,
  SecType,
  TimeInForce,
  type ComboLeg,
  type Contract as IbContract,
  type Order as IbOrder,
  type OrderStatus as IbOrderStatus,
} from '@stoqey/ib';
import {
  signedNetPrice,
  type Contract,
  type Leg,
  type OrderIntent,
  type OrderStatus,
  type TimeInForce as OurTif,
} from '../../../domain/index.js';
import { qualifiedIbContract } from './contracts.js';

/** What the wire needs of a resolved leg contract. */
export interface ResolvedContract {
  readonly conId: number;
  readonly tradingClass?: string;
}

const TIF: Record<OurTif, TimeInForce> = { day: TimeInForce.DAY, gtc: TimeInForce.GTC, ioc: TimeInForce.IOC };

export function toIbTif(tif: OurTif): TimeInForce {
  return TIF[tif];
}

export function fromIbTif(tif: string | undefined): OurTif {
  if (tif === 'GTC') return 'gtc';
  if (tif === 'IOC') return 'ioc';
  return 'day';
}

/** The contract and order IB gets for an intent whose legs are resolved (in leg order). */
export function toIbOrder(
  intent: OrderIntent,
  resolved: readonly ResolvedContract[],
  account: string,
  whatIf = false,
): { contract: IbContract; order: IbOrder } {
  const single = intent.legs.length === 1 ? intent.legs[0]! : null;
  const base: IbOrder = {
    orderType: intent.orderType === 'market' ? OrderType.MKT : OrderType.LMT,
    totalQuantity: intent.quantity,
    tif: toIbTif(intent.timeInForce),
    account,
    orderRef: intent.clientOrderId,
    transmit: true,
    ...(whatIf ? { whatIf: true } : {}),
  };
  if (single) {
    const r = resolved[0]!;
    return {
      contract: qualifiedIbContract(single.contract, r.conId, r.tradingClass),
      order: {
        ...base,
        action: single.side === 'buy' ? OrderAction.BUY : OrderAction.SELL,
        ...(intent.orderType === 'limit' ? { lmtPrice: intent.limitPrice! } : {}),
      },
    };
  }
  const comboLegs: ComboLeg[] = intent.legs.map((leg, i) => ({
    conId: resolved[i]!.conId,
    ratio: leg.ratio,
    action: leg.side === 'buy' ? OrderAction.BUY : OrderAction.SELL,
    exchange: 'SMART',
  }));
  const net = signedNetPrice(intent);
  return {
    contract: {
      symbol: intent.legs[0]!.contract.symbol,
      secType: SecType.BAG,
      exchange: 'SMART',
      currency: 'USD',
      comboLegs,
    },
    order: {
      ...base,
      action: OrderAction.BUY,
      ...(intent.orderType === 'limit' && net !== null ? { lmtPrice: roundPrice(net) } : {}),
    },
  };
}

function roundPrice(p: number): number {
  return Math.round(p * 1e6) / 1e6;
}

/**
 * An order IB holds, back as an intent (reconciling orders after a restart, adopting orders
 * another client placed). `legContract` resolves a BAG leg's conId; null when it cannot.
 */
export function fromIbOrder(
  contract: Contract | null,
  ibContract: IbContract,
  order: IbOrder,
  legContract: (conId: number) => Contract | null,
  clientOrderId: OrderIntent['clientOrderId'],
): OrderIntent | null {
  const buy = order.action === OrderAction.BUY;
  let legs: Leg[];
  let signed: number | null;
  const lmt = order.lmtPrice;
  if (ibContract.secType === SecType.BAG) {
    const parts = ibContract.comboLegs ?? [];
    if (parts.length === 0) return null;
    legs = [];
    for (const part of parts) {
      const c = legContract(part.conId ?? 0);
      if (!c) return null;
      const legBuy = part.action === OrderAction.BUY;
      legs.push({ contract: c, side: legBuy === buy ? 'buy' : 'sell', ratio: part.ratio ?? 1 });
    }
    signed = lmt === undefined ? null : buy ? lmt : -lmt;
  } else {
    if (!contract) return null;
    legs = [{ contract, side: buy ? 'buy' : 'sell', ratio: 1 }];
    signed = lmt === undefined ? null : buy ? lmt : -lmt;
  }
  const market = order.orderType === OrderType.MKT;
  return {
    clientOrderId,
    legs,
    quantity: order.totalQuantity ?? 0,
    orderType: market ? 'market' : 'limit',
    limitPrice: market || signed === null ? null : roundPrice(Math.abs(signed)),
    priceEffect:
      signed === null
        ? legs.length === 1 && legs[0]!.side === 'sell'
          ? 'credit'
          : 'debit'
        : signed >= 0
          ? 'debit'
          : 'credit',
    timeInForce: fromIbTif(order.tif),
    rationale: `adopted from IB (order ${order.orderId ?? '?'}, client ${order.clientId ?? '?'}, perm ${order.permId ?? '?'})`,
    instanceIds: [],
    cycleId: null,
    origin: 'reconcile',
  };
}

/**
 * IB's order status as ours. `filled`/`total` decide between partially filled and the rest;
 * null for a status that says nothing (Unknown).
 */
export function fromIbStatus(
  status: IbOrderStatus | string,
  filled: number,
  total: number,
): OrderStatus | null {
  const some = filled > 0;
  const all = total > 0 && filled >= total;
  switch (status) {
    case 'ApiPending':
    case 'PendingSubmit':
      return 'pending_submit';
    case 'PreSubmitted':
      return all ? 'filled' : some ? 'partially_filled' : 'submitted';
    case 'Submitted':
      return all ? 'filled' : some ? 'partially_filled' : 'working';
    case 'PendingCancel':
      return 'cancel_pending';
    case 'ApiCancelled':
    case 'Cancelled':
      return all ? 'filled' : 'cancelled';
    case 'Filled':
      return 'filled';
    case 'Inactive':
      return 'rejected';
    default:
      return null;
  }
}

/**
 * IB's average fill price as ours: signed like `signedNetPrice` (+ paid, − received). A single
 * SELL's positive price is a credit; a BAG's price already carries the sign (for action BUY).
 */
export function signedFillPrice(action: string | undefined, avg: number): number {
  return action === OrderAction.SELL ? -avg : avg;
}
