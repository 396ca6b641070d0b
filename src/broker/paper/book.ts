/**
 * The paper book in memory: cash and positions, with average prices and realised P&L, and the
 * ledger lines each change books. Loaded from the store at the start of a transaction, changed by
 * trades, expiries, assignments and dividends, and written back by the store.
 */
import { contractKey, multiplierOf, type Contract, type Position } from '../../domain/index.js';

export type LedgerKind = 'trade' | 'commission' | 'expiry' | 'exercise' | 'assignment' | 'dividend';

/** One money movement worth recording: realised P&L, a commission (negative), a dividend. */
export interface LedgerEntry {
  readonly time: number;
  readonly kind: LedgerKind;
  /** Realised dollars (P&L, -commission, dividend). */
  readonly amount: number;
  readonly contractKey: string | null;
  readonly note: string;
}

export interface PositionRecord {
  contract: Contract;
  /** Signed contracts (or shares). */
  quantity: number;
  /** Dollars per share. */
  averagePrice: number;
  /** Dollars realised on this contract so far (commissions excluded). */
  realizedPnl: number;
}

const EPS = 1e-9;

export class Book {
  readonly positions: Map<string, PositionRecord>;
  readonly changed = new Set<string>();
  readonly entries: LedgerEntry[] = [];

  constructor(
    public cash: number,
    positions: Iterable<PositionRecord>,
  ) {
    this.positions = new Map([...positions].map((p) => [contractKey(p.contract), { ...p }]));
  }

  /** Signed quantity held of a contract (0 when none). */
  quantityOf(contract: Contract): number {
    return this.positions.get(contractKey(contract))?.quantity ?? 0;
  }

  /** Open positions (quantity not zero), as the port reports them. */
  openPositions(): Position[] {
    return [...this.positions.values()]
      .filter((p) => Math.abs(p.quantity) > EPS)
      .map((p) => ({
        contract: p.contract,
        quantity: p.quantity,
        averagePrice: p.averagePrice,
        realizedPnl: p.realizedPnl,
      }));
  }

  /**
   * Trades `delta` (signed) at `price` per share. Cash moves at `cashPrice` (the price paid), the
   * position's basis at `price` (they differ only for exercise and assignment). Returns realised P&L.
   */
  trade(
    contract: Contract,
    delta: number,
    price: number,
    time: number,
    kind: LedgerKind = 'trade',
    cashPrice = price,
  ): number {
    if (Math.abs(delta) < EPS) return 0;
    const key = contractKey(contract);
    const m = multiplierOf(contract);
    const pos = this.positions.get(key) ?? { contract, quantity: 0, averagePrice: 0, realizedPnl: 0 };
    this.cash -= delta * cashPrice * m;
    let realized = 0;
    const q = pos.quantity;
    if (Math.abs(q) < EPS || Math.sign(q) === Math.sign(delta)) {
      pos.averagePrice =
        (pos.averagePrice * Math.abs(q) + price * Math.abs(delta)) / (Math.abs(q) + Math.abs(delta));
      pos.quantity = q + delta;
    } else {
      const closed = Math.min(Math.abs(delta), Math.abs(q));
      realized = closed * (price - pos.averagePrice) * m * Math.sign(q);
      pos.quantity = q + delta;
      if (Math.abs(pos.quantity) < EPS) {
        pos.quantity = 0;
        pos.averagePrice = 0;
      } else if (Math.sign(pos.quantity) !== Math.sign(q)) {
        pos.averagePrice = price;
      }
    }
    pos.realizedPnl += realized;
    this.positions.set(key, pos);
    this.changed.add(key);
    if (realized !== 0 || kind !== 'trade') {
      this.entries.push({
        time,
        kind,
        amount: realized,
        contractKey: key,
        note: `${kind} ${delta > 0 ? '+' : ''}${delta} ${key} @ ${price}`,
      });
    }
    return realized;
  }

  /** Removes a position without any cash (an option exercised or assigned: the stock trade carries the money). */
  remove(contract: Contract, time: number, kind: LedgerKind, note: string): PositionRecord | null {
    const key = contractKey(contract);
    const pos = this.positions.get(key);
    if (!pos || Math.abs(pos.quantity) < EPS) return null;
    const before = { ...pos };
    pos.quantity = 0;
    pos.averagePrice = 0;
    this.changed.add(key);
    this.entries.push({ time, kind, amount: 0, contractKey: key, note });
    return before;
  }

  /** Charges a commission (dollars, positive). */
  charge(amount: number, time: number, note: string): void {
    if (amount === 0) return;
    this.cash -= amount;
    this.entries.push({ time, kind: 'commission', amount: -amount, contractKey: null, note });
  }

  /** Pays (or, for a short, takes) a dividend of `perShare` on a stock position. */
  dividend(contract: Contract, perShare: number, time: number): void {
    const key = contractKey(contract);
    const pos = this.positions.get(key);
    if (!pos || Math.abs(pos.quantity) < EPS) return;
    const amount = pos.quantity * perShare * multiplierOf(contract);
    this.cash += amount;
    pos.realizedPnl += amount;
    this.changed.add(key);
    this.entries.push({
      time,
      kind: 'dividend',
      amount,
      contractKey: key,
      note: `dividend ${perShare} on ${pos.quantity} ${key}`,
    });
  }
}
