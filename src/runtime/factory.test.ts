import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../domain/index.js';
import { FactoryError, simStart } from './factory.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'swarmdesk-factory-'));

describe('simStart: one simulated market per data dir', () => {
  it('the first process writes the configured start and the clock time it stood there; later ones read both', () => {
    const dataDir = dir();
    const first = simStart(
      dataDir,
      new SimulatedClock(Date.parse('2026-12-03T17:00:00Z')),
      '2026-03-10T15:00:00Z',
    );
    expect(first).toEqual({ startTime: '2026-03-10T15:00:00Z', clockAnchor: '2026-12-03T17:00:00.000Z' });
    const second = simStart(dataDir, new SimulatedClock(Date.parse('2026-12-04T09:00:00Z')));
    expect(second).toEqual(first);
    expect(JSON.parse(readFileSync(join(dataDir, 'sim-market.json'), 'utf8'))).toEqual(first);
  });

  it('without a configured start, the market starts now', () => {
    const s = simStart(dir(), new SimulatedClock(Date.parse('2026-12-03T17:00:00Z')));
    expect(s).toEqual({ startTime: '2026-12-03T17:00:00.000Z', clockAnchor: '2026-12-03T17:00:00.000Z' });
  });

  it('refuses a configured start that differs from the data dir’s market, naming both and the file', () => {
    const dataDir = dir();
    simStart(dataDir, new SimulatedClock(0), '2026-03-10T15:00:00Z');
    expect(() => simStart(dataDir, new SimulatedClock(0), '2026-06-01T15:00:00Z')).toThrow(
      /sim-market\.json: this data dir's simulated market started at 2026-03-10T15:00:00Z, but marketData\.startTime is 2026-06-01T15:00:00Z/,
    );
  });

  it('reads a file from before the anchor was kept as a market that ran from its start', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'sim-market.json'), JSON.stringify({ startTime: '2026-03-10T15:00:00Z' }));
    expect(simStart(dataDir, new SimulatedClock(0))).toEqual({
      startTime: '2026-03-10T15:00:00Z',
      clockAnchor: '2026-03-10T15:00:00Z',
    });
  });

  it('refuses a damaged file with a typed error that says how to start over', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'sim-market.json'), '{"startTime": 7}');
    expect(() => simStart(dataDir, new SimulatedClock(0))).toThrow(FactoryError);
    writeFileSync(join(dataDir, 'sim-market.json'), 'nope');
    expect(() => simStart(dataDir, new SimulatedClock(0))).toThrow(
      /not JSON.*delete it to start a new simulated market/,
    );
  });
});
