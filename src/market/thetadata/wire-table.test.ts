import { describe, expect, it } from 'vitest';
import { v2Stamp, v2ToV3 } from './api-v2.js';
import { decodeTable } from './decode.js';
import { OPTION_QUOTE, STOCK_QUOTE, STRIKE_LIST } from './wire-schemas.js';
import {
  tableFromCsv,
  tableFromJson,
  tableFromNdjson,
  WireFormatError,
  type WireTable,
} from './wire-table.js';

const CSV =
  'timestamp,symbol,expiration,strike,right,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition\r\n' +
  '2025-08-20T15:59:59.805,AAPL,2026-01-16,275.000,CALL,5,6,1.47,50,25,6,1.50,50\r\n' +
  '2025-08-20T15:59:58,AAPL,2026-01-16,275.000,PUT,0,0,0.00,50,0,0,0.00,50\r\n';

const NESTED = JSON.stringify({
  response: [
    {
      contract: { symbol: 'AAPL', strike: 275.0, right: 'CALL', expiration: '2026-01-16' },
      data: [
        {
          bid_size: 5,
          bid_exchange: 6,
          bid: 1.47,
          bid_condition: 50,
          ask_size: 25,
          ask_exchange: 6,
          ask: 1.5,
          ask_condition: 50,
          timestamp: '2025-08-20T15:59:59.805',
        },
      ],
    },
    {
      contract: { symbol: 'AAPL', strike: 275.0, right: 'PUT', expiration: '2026-01-16' },
      data: [
        {
          ask_condition: 50,
          timestamp: '2025-08-20T15:59:58',
          bid_size: 0,
          bid_exchange: 0,
          bid: 0,
          bid_condition: 50,
          ask_size: 0,
          ask_exchange: 0,
          ask: 0,
        },
      ],
    },
  ],
});

const LEGACY = JSON.stringify({
  header: {
    format: [
      'timestamp',
      'symbol',
      'expiration',
      'strike',
      'right',
      'bid_size',
      'bid_exchange',
      'bid',
      'bid_condition',
      'ask_size',
      'ask_exchange',
      'ask',
      'ask_condition',
    ],
  },
  response: [
    ['2025-08-20T15:59:59.805', 'AAPL', '2026-01-16', 275, 'CALL', 5, 6, 1.47, 50, 25, 6, 1.5, 50],
    ['2025-08-20T15:59:58', 'AAPL', '2026-01-16', 275, 'PUT', 0, 0, 0, 50, 0, 0, 0, 50],
  ],
});

const NDJSON =
  '{"symbol":"AAPL","strike":275.000,"right":"CALL","expiration":"2026-01-16","bid_size":5,"bid_exchange":6,"bid":1.47,"bid_condition":50,"ask_size":25,"ask_exchange":6,"ask":1.50,"ask_condition":50,"timestamp":"2025-08-20T15:59:59.805"}\n' +
  '{"symbol":"AAPL","strike":275.000,"right":"PUT","expiration":"2026-01-16","bid_size":0,"bid_exchange":0,"bid":0,"bid_condition":50,"ask_size":0,"ask_exchange":0,"ask":0,"ask_condition":50,"timestamp":"2025-08-20T15:59:58"}\n';

const EXPECTED = [
  {
    symbol: 'AAPL',
    expiration: '2026-01-16',
    strike: 275,
    right: 'call',
    timestamp: Date.parse('2025-08-20T19:59:59.805Z'),
    bid_size: 5,
    bid: 1.47,
    bid_condition: 50,
    bid_exchange: 6,
    ask_size: 25,
    ask: 1.5,
    ask_condition: 50,
    ask_exchange: 6,
  },
  {
    symbol: 'AAPL',
    expiration: '2026-01-16',
    strike: 275,
    right: 'put',
    timestamp: Date.parse('2025-08-20T19:59:58Z'),
    bid_size: 0,
    bid: 0,
    bid_condition: 50,
    bid_exchange: 0,
    ask_size: 0,
    ask: 0,
    ask_condition: 50,
    ask_exchange: 0,
  },
];

function quotes(table: WireTable) {
  return decodeTable(table, OPTION_QUOTE, '/v3/option/snapshot/quote');
}

describe('terminal bodies as one table shape', () => {
  it('reads the same option quotes from CSV, nested JSON, legacy JSON and NDJSON', () => {
    expect(quotes(tableFromCsv(CSV))).toEqual(EXPECTED);
    expect(quotes(tableFromJson(NESTED).table)).toEqual(EXPECTED);
    expect(quotes(tableFromJson(LEGACY).table)).toEqual(EXPECTED);
    expect(quotes(tableFromNdjson(NDJSON))).toEqual(EXPECTED);
  });

  it('reads flat v3 JSON and an empty response', () => {
    const flat = tableFromJson(
      '{"response":[{"symbol":"AAPL","strike":80.000},{"symbol":"AAPL","strike":"82.5"}]}',
    ).table;
    expect(decodeTable(flat, STRIKE_LIST, 'x').map((r) => r.strike)).toEqual([80, 82.5]);
    expect(tableFromJson('{"response":[]}').table.length).toBe(0);
  });

  it('reads v2 bodies: header + row arrays, bulk {ticks, contract}, scalar lists, "null" strings and next_page', () => {
    const rows = tableFromJson(
      JSON.stringify({
        header: {
          latency_ms: 66,
          error_type: 'null',
          error_msg: 'null',
          next_page: 'null',
          format: [
            'ms_of_day',
            'bid_size',
            'bid_exchange',
            'bid',
            'bid_condition',
            'ask_size',
            'ask_exchange',
            'ask',
            'ask_condition',
            'date',
          ],
        },
        response: [[57599925, 14, 65, 14.05, 50, 5, 4, 14.4, 50, 20250103]],
      }),
    );
    expect(rows.nextPage).toBeNull();
    expect(decodeTable(v2ToV3(rows.table), STOCK_QUOTE, '/v2/snapshot/stock/quote')).toEqual([
      expect.objectContaining({
        symbol: null,
        timestamp: Date.parse('2025-01-03T20:59:59.925Z'),
        bid: 14.05,
        ask: 14.4,
      }),
    ]);

    const bulk = tableFromJson(
      JSON.stringify({
        header: {
          next_page: 'http://127.0.0.1:25510/v2/page/1',
          format: [
            'ms_of_day',
            'bid_size',
            'bid_exchange',
            'bid',
            'bid_condition',
            'ask_size',
            'ask_exchange',
            'ask',
            'ask_condition',
            'date',
          ],
        },
        response: [
          {
            ticks: [[57599934, 60, 7, 221.9, 50, 50, 1, 225.65, 50, 20250103]],
            contract: { root: 'AAPL', expiration: 20260116, strike: 20000, right: 'C' },
          },
          {
            ticks: [[34204994, 3, 1, 0.02, 50, 10, 1, 0.04, 50, 20250103]],
            contract: { root: 'AAPL', expiration: 20260116, strike: 20000, right: 'P' },
          },
        ],
      }),
    );
    expect(bulk.nextPage).toBe('http://127.0.0.1:25510/v2/page/1');
    const decoded = decodeTable(v2ToV3(bulk.table), OPTION_QUOTE, '/v2/bulk_snapshot/option/quote');
    expect(decoded.map((r) => [r.symbol, r.expiration, r.strike, r.right, r.timestamp])).toEqual([
      ['AAPL', '2026-01-16', 20, 'call', Date.parse('2025-01-03T20:59:59.934Z')],
      ['AAPL', '2026-01-16', 20, 'put', Date.parse('2025-01-03T14:30:04.994Z')],
    ]);

    const list = tableFromJson('{"header":{"format":["strike"]},"response":[5000000,5100000]}').table;
    expect(decodeTable(v2ToV3(list), STRIKE_LIST, '/v2/list/strikes').map((r) => r.strike)).toEqual([
      5000, 5100,
    ]);
  });

  it('reports a v2 error caught in a 200 header', () => {
    const body = tableFromJson(
      '{"header":{"error_type":"NO_DATA","error_msg":"No data","format":null},"response":null}',
    );
    expect(body.errorType).toBe('NO_DATA');
    expect(body.errorMessage).toBe('No data');
    expect(body.table.length).toBe(0);
  });

  it('writes v2 times as v3 stamps, and leaves unreadable ones for the decoder to name', () => {
    expect(v2Stamp(20250103, 34_200_000)).toBe('2025-01-03T09:30:00.000');
    expect(v2Stamp('20250103', 57_599_925)).toBe('2025-01-03T15:59:59.925');
    expect(v2Stamp(20250103, -1)).toBe('20250103 -1');
  });

  it('refuses bodies that are not the terminal’s', () => {
    expect(() => tableFromJson('{"response": [')).toThrow(WireFormatError);
    expect(() => tableFromJson('{"data": []}')).toThrow(/neither/);
    expect(() => tableFromJson('{"header":{"format":["a","b"]},"response":[[1]]}')).toThrow(
      /1 values for 2 columns/,
    );
    expect(() => tableFromJson('{"header":{"format":["a","b"]},"response":[{"ticks":[[1]]}]}')).toThrow(
      /bulk tick/,
    );
    expect(() => tableFromJson('{"response":[{"contract":{"symbol":"A"},"data":[1]}]}')).toThrow(
      /data row is not an object/,
    );
    expect(() => tableFromNdjson('{"a":1}\nnot json\n')).toThrow(/NDJSON line 2/);
  });
});

describe('decodeTable', () => {
  it('accepts numbers as text, rights in any spelling, and empty optional cells', () => {
    const t = tableFromCsv(
      'symbol,expiration,strike,right,timestamp,bid_size,bid,ask_size,ask\r\nX,20260116,5,c,2026-01-05T10:00:00,1,0.5,2,0.6\r\nX,20260116,5,Put,2026-01-05T10:00:00,1,0.5,2,0.6\r\n',
    );
    const rows = decodeTable(t, OPTION_QUOTE, 'q');
    expect(rows.map((r) => r.right)).toEqual(['call', 'put']);
    expect(rows[0]!.bid_condition).toBeNull();
    expect(rows[0]!.expiration).toBe('2026-01-16');
  });

  it('names the endpoint, row, column and value it cannot read, and a missing column', () => {
    const bad = tableFromCsv(
      'symbol,expiration,strike,right,timestamp,bid_size,bid,ask_size,ask\r\nX,2026-01-16,5,CALL,2026-01-05T10:00:00,1,0.5,2,0.6\r\nX,2026-01-16,5,CALL,2026-01-05T10:00:00,1.5,0.5,2,0.6\r\n',
    );
    expect(() => decodeTable(bad, OPTION_QUOTE, '/v3/option/snapshot/quote')).toThrow(
      '/v3/option/snapshot/quote: row 2, column "bid_size": expected an integer, got "1.5"',
    );
    const wrongRight = tableFromCsv(
      'symbol,expiration,strike,right,timestamp,bid_size,bid,ask_size,ask\r\nX,2026-01-16,5,BOTH,2026-01-05T10:00:00,1,0.5,2,0.6\r\n',
    );
    expect(() => decodeTable(wrongRight, OPTION_QUOTE, 'q')).toThrow(/expected CALL or PUT, got "BOTH"/);
    expect(() => decodeTable(tableFromCsv('symbol\r\nX\r\n'), OPTION_QUOTE, 'q')).toThrow(
      /no "expiration" column \(columns: symbol\)/,
    );
    expect(decodeTable(tableFromCsv(''), OPTION_QUOTE, 'q')).toEqual([]);
  });
});
