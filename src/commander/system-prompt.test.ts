import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { commanderOptionsSchema } from './commander-options.js';
import { loadCommanderPrompt, renderCommanderPrompt, PromptError } from './system-prompt.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('commander system prompt', () => {
  it('states the live limits, so the prompt cannot disagree with the gate', () => {
    const config = parseConfig({ risk: { maxContractsPerOrder: 7, maxLossPerTrade: 1234 } });
    const text = loadCommanderPrompt(root, {
      mode: 'paper',
      risk: config.risk,
      commander: commanderOptionsSchema.parse({}),
      now: Date.parse('2026-11-24T15:00:00Z'),
    });
    expect(text).toContain('At most 7 contracts');
    expect(text).toContain('Max loss $1234 per trade');
    expect(text).toContain('2026-11-24 10:00 in New York');
    for (const skill of ['consult_swarm', 'place_order_with_guard', 'kelly_criterion', 'get_portfolio'])
      expect(text).toContain(`\`${skill}\``);
    expect(text).not.toContain('{{');
  });

  it('fails clearly on an undefined variable', () => {
    expect(() =>
      renderCommanderPrompt(
        'limit {{ risk.nope.deeper }}',
        { mode: 'paper', risk: {}, commander: commanderOptionsSchema.parse({}), now: 0 },
        'x.md',
      ),
    ).toThrow(PromptError);
  });
});
