/**
 * Market-data snapshots (`reqMktData` with snapshot=1): top of book, sizes, volume and IB's model
 * Greeks, live or delayed tick types alike, complete at `tickSnapshotEnd`.
 */
import { EventName, type Contract as IbContract } from '@stoqey/ib';
import type { IbConnection } from '../connection.js';
import type { IbRequests } from '../requests.js';

/** One market-data snapshot: top of book, sizes, and IB's model Greeks (IB's units) when an option. */
export interface TickSnapshot {
  bid: number | null;
  ask: number | null;
  last: number | null;
  close: number | null;
  bidSize: number;
  askSize: number;
  volume: number;
  /** 1 live, 2 frozen, 3 delayed, 4 delayed-frozen: what IB actually sent. */
  marketDataType: number;
  model: {
    readonly iv: number | undefined;
    readonly delta: number | undefined;
    readonly gamma: number | undefined;
    /** Per vol point (IB's unit). */
    readonly vega: number | undefined;
    /** Per calendar day (IB's unit). */
    readonly theta: number | undefined;
    readonly undPrice: number | undefined;
  } | null;
}

/** Tick types, live and delayed. */
const BID = [1, 66];
const ASK = [2, 67];
const LAST = [4, 68];
const CLOSE = [9, 75];
const BID_SIZE = [0, 69];
const ASK_SIZE = [3, 70];
const VOLUME = [8, 74];
const MODEL = [13, 83];

export function emptySnapshot(): TickSnapshot {
  return {
    bid: null,
    ask: null,
    last: null,
    close: null,
    bidSize: 0,
    askSize: 0,
    volume: 0,
    marketDataType: 1,
    model: null,
  };
}

/** IB sends -1 for "no price"; a bid of 0 is a real (zero) bid, an ask of 0 is no offer. */
function price(value: number, zeroIsNone: boolean): number | null {
  if (!Number.isFinite(value) || value < 0 || (zeroIsNone && value === 0)) return null;
  return value;
}

export class SnapshotRequests {
  constructor(
    private readonly requests: IbRequests,
    private readonly connection: IbConnection,
  ) {}

  /** A market-data snapshot (`reqMktData` with snapshot=1), complete at `tickSnapshotEnd`. */
  snapshot(contract: IbContract, timeoutMs: number): Promise<TickSnapshot> {
    return this.requests.subscribe<TickSnapshot>(
      'market data snapshot',
      (reqId, done) => {
        const snap = emptySnapshot();
        return [
          [
            EventName.tickPrice,
            (id: number, field: number, value: number) => {
              if (id !== reqId) return;
              if (BID.includes(field)) snap.bid = price(value, false);
              else if (ASK.includes(field)) snap.ask = price(value, true);
              else if (LAST.includes(field)) snap.last = price(value, true);
              else if (CLOSE.includes(field)) snap.close = price(value, true);
            },
          ],
          [
            EventName.tickSize,
            (id: number, field: number | undefined, value: number | undefined) => {
              if (id !== reqId || field === undefined) return;
              const v = value ?? 0;
              if (BID_SIZE.includes(field)) snap.bidSize = v;
              else if (ASK_SIZE.includes(field)) snap.askSize = v;
              else if (VOLUME.includes(field)) snap.volume = v;
            },
          ],
          [
            EventName.tickOptionComputation,
            (
              id: number,
              field: number,
              _attrib: number | undefined,
              iv?: number,
              delta?: number,
              _optPrice?: number,
              _pvDividend?: number,
              gamma?: number,
              vega?: number,
              theta?: number,
              undPrice?: number,
            ) => {
              if (id !== reqId || !MODEL.includes(field)) return;
              snap.model = { iv, delta, gamma, vega, theta, undPrice };
            },
          ],
          [
            EventName.marketDataType,
            (id: number, type: number) => {
              if (id === reqId) snap.marketDataType = type;
            },
          ],
          [
            EventName.tickSnapshotEnd,
            (id: number) => {
              if (id === reqId) done(snap);
            },
          ],
        ];
      },
      (reqId) => this.connection.api().reqMktData(reqId, contract, '', true, false),
      timeoutMs,
    );
  }
}
