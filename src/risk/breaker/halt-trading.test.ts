import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../journal/index.js';
import { haltTrading, resumeTrading } from './index.js';

const opened: Journal[] = [];
afterEach(() => opened.splice(0).forEach((j) => j.close()));
function fresh(): Journal {
  const j = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-halt-')) });
  opened.push(j);
  return j;
}

describe('haltTrading', () => {
  it('halts only tighten: REDUCING while HALTED changes nothing and journals nothing', () => {
    const j = fresh();
    const first = haltTrading(j, { state: 'HALTED', reason: 'incident', time: 1 });
    expect(first.change).toMatchObject({ state: 'HALTED', previous: 'ACTIVE', actor: 'person' });
    const looser = haltTrading(j, { state: 'REDUCING', reason: 'just closing', time: 2 });
    expect(looser.change).toBeNull();
    expect(looser.status).toMatchObject({ state: 'HALTED', reason: 'incident', actor: 'person' });
    expect(j.querySafetyEvents({ code: 'BREAKER_TRIPPED' })).toHaveLength(1);
  });

  it('tightens REDUCING to HALTED, and after a resume may set REDUCING again', () => {
    const j = fresh();
    haltTrading(j, { state: 'REDUCING', reason: 'earnings', time: 1 });
    expect(haltTrading(j, { state: 'HALTED', reason: 'worse', time: 2 }).change?.previous).toBe('REDUCING');
    resumeTrading(j, { reason: 'looked', time: 3 });
    expect(haltTrading(j, { state: 'REDUCING', reason: 'again', time: 4 }).status.state).toBe('REDUCING');
  });
});
