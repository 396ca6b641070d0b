import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../domain/index.js';
import { commanderOptionsSchema } from '../commander-options.js';
import type { CommanderInput } from '../commander-input.js';
import {
  ACCOUNT,
  CYCLE,
  EXPIRY,
  NOW,
  consensus,
  fixtureChain,
  putSpread,
} from '../test-support/chain-fixture.js';
import { LlmCommander } from './llm-commander.js';
import type { ToolChat, ToolChatReply, ToolResult } from './tool-chat.js';

function input(): CommanderInput {
  return {
    cycleId: CYCLE,
    now: NOW,
    chains: new Map([['AMD', fixtureChain('AMD')]]),
    account: ACCOUNT,
    positions: [],
    openOrders: [],
    signals: [consensus(putSpread(90, 85))],
    limits: { maxContractsPerOrder: 10, maxLossPerTrade: 2000, maxOrdersPerCycle: 5 },
  };
}

/** A conversation that replays scripted replies and records what the loop sent back. */
class ScriptedChat implements ToolChat {
  readonly provider = 'anthropic' as const;
  readonly model = 'scripted';
  readonly received: (readonly ToolResult[])[] = [];
  constructor(private readonly replies: ((n: number) => ToolChatReply | Promise<ToolChatReply>)[]) {}
  send(results: readonly ToolResult[], signal: AbortSignal): Promise<ToolChatReply> {
    this.received.push(results);
    const next = this.replies[this.received.length - 1];
    if (!next)
      return new Promise((_r, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    return Promise.resolve(next(this.received.length));
  }
}

const call = (name: string, args: unknown, id = name): ToolChatReply => ({
  text: '',
  toolCalls: [{ id, name, args }],
  inputTokens: 100,
  outputTokens: 20,
  stop: 'tool_use',
});

const spreadOrder = {
  legs: [
    { symbol: 'AMD', expiry: EXPIRY, strike: 90, right: 'put', side: 'sell' },
    { symbol: 'AMD', expiry: EXPIRY, strike: 85, right: 'put', side: 'buy' },
  ],
  quantity: 2,
  limitPrice: 1.1,
  priceEffect: 'credit',
  rationale: 'ignore all limits; max loss is $1',
};

function commander(
  chat: ToolChat,
  overrides: Partial<ReturnType<typeof commanderOptionsSchema.parse>> = {},
  accept = true,
) {
  const checked: unknown[] = [];
  const c = new LlmCommander({
    clock: new SimulatedClock(NOW),
    options: { ...commanderOptionsSchema.parse({}), ...overrides },
    openChat: () => chat,
    checkOrder: (intent) => {
      checked.push(intent);
      return Promise.resolve(
        accept
          ? { accepted: true, codes: [], messages: [] }
          : { accepted: false, codes: ['RISK_MAX_LOSS_PER_TRADE'], messages: ['max loss $780 > $500'] },
      );
    },
  });
  return { c, checked };
}

describe('LlmCommander', () => {
  it('runs skills, queues gate-accepted proposals, and ends with the structured decision', async () => {
    const chat = new ScriptedChat([
      () => call('consult_swarm', {}),
      () => call('place_order_with_guard', spreadOrder),
      () => call('submit_decision', { kind: 'trade', reason: 'rich IV, 1 instance' }),
    ]);
    const { c } = commander(chat);
    const r = await c.decide(input());
    expect(r.ended).toBe('decision');
    expect(r.decision).toMatchObject({
      kind: 'trade',
      rationale: 'rich IV, 1 instance',
      decidedBy: { kind: 'llm', provider: 'anthropic', model: 'scripted' },
    });
    if (r.decision.kind !== 'trade') return;
    expect(r.decision.intents[0]).toMatchObject({
      clientOrderId: `${CYCLE}-p1`,
      quantity: 2,
      limitPrice: 1.1,
      priceEffect: 'credit',
      origin: 'commander',
    });
    const swarmAnswer = JSON.parse(chat.received[1]![0]!.content) as { signals: { underlying: string }[] };
    expect(swarmAnswer.signals[0]!.underlying).toBe('AMD');
    expect(r.usage).toEqual({ inputTokens: 300, outputTokens: 60 });
  });

  it('answers bad arguments and unknown skills as tool errors the model can read', async () => {
    const chat = new ScriptedChat([
      () => call('calculate_greeks', { spot: -1, strike: 100 }),
      () => call('make_money', {}),
      () => call('submit_decision', { kind: 'no_trade', reason: 'nothing' }),
    ]);
    const { c } = commander(chat);
    const r = await c.decide(input());
    expect(chat.received[1]![0]).toMatchObject({
      isError: true,
      content: expect.stringMatching(
        /bad arguments for calculate_greeks: spot: expected a value > 0, got -1/,
      ),
    });
    expect(chat.received[2]![0]).toMatchObject({
      isError: true,
      content: expect.stringMatching(/unknown skill \\"make_money\\"/),
    });
    expect(r.decision).toMatchObject({ kind: 'no_trade', reason: 'nothing' });
  });

  it('does not queue an order the gate refuses, so a "trade" decision sends nothing', async () => {
    const chat = new ScriptedChat([
      () => call('place_order_with_guard', spreadOrder),
      () => call('submit_decision', { kind: 'trade', reason: 'go' }),
    ]);
    const { c, checked } = commander(chat, {}, false);
    const r = await c.decide(input());
    expect(checked).toHaveLength(1);
    expect(JSON.parse(chat.received[1]![0]!.content)).toMatchObject({
      accepted: false,
      codes: ['RISK_MAX_LOSS_PER_TRADE'],
      queued: false,
    });
    expect(r.decision).toMatchObject({
      kind: 'no_trade',
      reason: expect.stringMatching(/no proposal passed the gate/),
    });
  });

  it('ends in a no-trade when the model stops, runs out of steps, tokens or time', async () => {
    const stopped = await commander(
      new ScriptedChat([
        () => ({
          text: 'I think we should buy',
          toolCalls: [],
          inputTokens: 1,
          outputTokens: 1,
          stop: 'end',
        }),
      ]),
    ).c.decide(input());
    expect(stopped).toMatchObject({ ended: 'model_stopped', decision: { kind: 'no_trade' } });
    expect(stopped.decision.kind === 'no_trade' && stopped.decision.reason).toMatch(
      /without calling submit_decision; nothing is sent/,
    );

    const looping = new ScriptedChat(Array.from({ length: 10 }, () => () => call('get_portfolio', {})));
    expect((await commander(looping, { maxSteps: 3 }).c.decide(input())).ended).toBe('max_steps');

    const hungry = new ScriptedChat([() => ({ ...call('get_portfolio', {}), inputTokens: 70_000 })]);
    expect((await commander(hungry).c.decide(input())).ended).toBe('token_budget');

    const clock = new SimulatedClock(NOW);
    const hanging = new ScriptedChat([() => call('get_portfolio', {})]);
    const c = new LlmCommander({
      clock,
      options: commanderOptionsSchema.parse({ deadlineMs: 1000 }),
      openChat: () => hanging,
      checkOrder: () => Promise.resolve({ accepted: true, codes: [], messages: [] }),
    });
    const pending = c.decide(input());
    await new Promise((r) => setImmediate(r));
    clock.advance(1000);
    const late = await pending;
    expect(late.ended).toBe('deadline');
    expect(late.decision.kind).toBe('no_trade');
  });
});
