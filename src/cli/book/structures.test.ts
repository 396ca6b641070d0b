import { describe, expect, it } from 'vitest';
import { clientOrderId, option, stock, type Leg, type Position } from '../../domain/index.js';
import { groupStructures } from './structures.js';

const P100 = option('XYZ', '2026-04-17', 100, 'put');
const P95 = option('XYZ', '2026-04-17', 95, 'put');
const C110 = option('XYZ', '2026-05-15', 110, 'call');
const pos = (contract: Position['contract'], quantity: number): Position => ({
  contract,
  quantity,
  averagePrice: 1,
  realizedPnl: 0,
});
const vertical: Leg[] = [
  { contract: P100, side: 'buy', ratio: 1 },
  { contract: P95, side: 'sell', ratio: 1 },
];
const fill = (id: string, legs: Leg[], filledQuantity: number) => ({
  clientOrderId: clientOrderId(id),
  legs,
  filledQuantity,
});

describe('groupStructures', () => {
  it('puts the legs of a filled spread together under the order that opened it', () => {
    const groups = groupStructures(
      [pos(P100, 2), pos(P95, -2), pos(stock('XYZ'), 100), pos(C110, -1)],
      [fill('spread-1', vertical, 2)],
    );
    expect(groups.map((g) => [g.label, g.openedBy, g.legs.map((l) => l.quantity)])).toEqual([
      ['+2 XYZ 2026-04-17 100 P / -2 XYZ 2026-04-17 95 P', 'spread-1', [2, -2]],
      ['XYZ 2026-05-15', null, [-1]],
      ['XYZ stock', null, [100]],
    ]);
  });

  it('claims only the units still held the same way round; the rest goes by underlying and expiry', () => {
    const groups = groupStructures([pos(P100, 3), pos(P95, -1)], [fill('spread-1', vertical, 2)]);
    expect(
      groups.map((g) => [
        g.openedBy,
        g.legs.map((l) => [
          l.position.contract.kind === 'option' ? l.position.contract.strike : 0,
          l.quantity,
        ]),
      ]),
    ).toEqual([
      [
        'spread-1',
        [
          [100, 1],
          [95, -1],
        ],
      ],
      [null, [[100, 2]]],
    ]);
  });

  it('lets no closing order claim what it closed', () => {
    const closing: Leg[] = [
      { contract: P100, side: 'sell', ratio: 1 },
      { contract: P95, side: 'buy', ratio: 1 },
    ];
    const groups = groupStructures([pos(P100, 1), pos(P95, -1)], [fill('close-1', closing, 1)]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ openedBy: null, label: 'XYZ 2026-04-17' });
  });
});
