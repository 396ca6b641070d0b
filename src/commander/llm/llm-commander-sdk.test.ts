import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../../../test/fakes/llm-server/index.js';
import { RealClock } from '../../domain/index.js';
import { commanderOptionsSchema } from '../commander-options.js';
import type { CommanderInput } from '../commander-input.js';
import { toolDefinitions } from '../skills/registry.js';
import {
  ACCOUNT,
  CYCLE,
  EXPIRY,
  NOW,
  consensus,
  fixtureChain,
  putSpread,
} from '../test-support/chain-fixture.js';
import { AnthropicToolChat } from './anthropic-chat.js';
import { LlmCommander } from './llm-commander.js';
import { OpenAiToolChat } from './openai-chat.js';

const input: CommanderInput = {
  cycleId: CYCLE,
  now: NOW,
  chains: new Map([['AMD', fixtureChain('AMD')]]),
  account: ACCOUNT,
  positions: [],
  openOrders: [],
  signals: [consensus(putSpread(90, 85))],
  limits: { maxContractsPerOrder: 10, maxLossPerTrade: 2000, maxOrdersPerCycle: 5 },
};

const order = {
  legs: [
    { symbol: 'AMD', expiry: EXPIRY, strike: 90, right: 'put', side: 'sell' },
    { symbol: 'AMD', expiry: EXPIRY, strike: 85, right: 'put', side: 'buy' },
  ],
  quantity: 1,
  limitPrice: 1.05,
  priceEffect: 'credit',
  rationale: 'rich IV',
};

let server: FakeLlmServer;
beforeAll(async () => {
  server = await FakeLlmServer.start({
    handler: (r) => {
      const script = [
        {
          kind: 'tool_calls' as const,
          calls: [
            { name: 'consult_swarm', input: {} },
            { name: 'get_portfolio', input: {} },
          ],
        },
        { kind: 'tool_calls' as const, calls: [{ name: 'place_order_with_guard', input: order }] },
        {
          kind: 'tool_calls' as const,
          text: 'Done.',
          calls: [{ name: 'submit_decision', input: { kind: 'trade', reason: 'one defined-risk spread' } }],
        },
      ];
      return script[r.indexForModel] ?? { kind: 'text', text: 'nothing more' };
    },
  });
});
afterAll(() => server.close());

function commander(chat: (i: CommanderInput) => AnthropicToolChat | OpenAiToolChat) {
  return new LlmCommander({
    clock: new RealClock(),
    options: commanderOptionsSchema.parse({}),
    openChat: chat,
    checkOrder: () => Promise.resolve({ accepted: true, codes: [], messages: [] }),
  });
}

describe('LLM Commander over the real SDKs (fake server)', () => {
  it('Anthropic: tool_use blocks in, tool_result blocks back, a structured decision out', async () => {
    const client = new Anthropic({ apiKey: 'test-key', baseURL: server.anthropicBaseUrl, maxRetries: 0 });
    const model = 'commander-anthropic';
    const r = await commander(
      () => new AnthropicToolChat(client, model, 'system prompt', toolDefinitions(), 'go'),
    ).decide(input);
    expect(r.ended).toBe('decision');
    expect(r.decision).toMatchObject({
      kind: 'trade',
      decidedBy: { kind: 'llm', provider: 'anthropic', model },
    });
    const calls = server.requests.filter((q) => q.model === model);
    expect(calls).toHaveLength(3);
    const second = calls[1]!.body as {
      messages: { role: string; content: { type: string; tool_use_id?: string }[] }[];
      tools: { name: string }[];
      system: { cache_control?: unknown }[];
    };
    const results = second.messages[2]!.content;
    expect(results.map((c) => [c.type, c.tool_use_id])).toEqual([
      ['tool_result', 'call_' + String(calls[0]!.index) + '_0'],
      ['tool_result', 'call_' + String(calls[0]!.index) + '_1'],
    ]);
    expect(second.tools.map((t) => t.name)).toContain('place_order_with_guard');
    expect(second.system[0]!.cache_control).toEqual({ type: 'ephemeral' });
  });

  it('OpenAI-compatible: tool_calls in, role "tool" messages back, a structured decision out', async () => {
    const client = new OpenAI({ apiKey: 'test-key', baseURL: server.openaiBaseUrl, maxRetries: 0 });
    const model = 'commander-openai';
    const r = await commander(
      () => new OpenAiToolChat(client, model, 'system prompt', toolDefinitions(), 'go'),
    ).decide(input);
    expect(r.decision).toMatchObject({
      kind: 'trade',
      decidedBy: { kind: 'llm', provider: 'openai', model },
    });
    if (r.decision.kind === 'trade')
      expect(r.decision.intents[0]).toMatchObject({ quantity: 1, limitPrice: 1.05, priceEffect: 'credit' });
    const calls = server.requests.filter((q) => q.model === model);
    const third = calls[2]!.body as { messages: { role: string; tool_call_id?: string }[] };
    expect(third.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual([
      `call_${calls[0]!.index}_0`,
      `call_${calls[0]!.index}_1`,
      `call_${calls[1]!.index}_0`,
    ]);
  });
});
