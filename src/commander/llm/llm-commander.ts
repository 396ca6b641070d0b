import type { Clock, Decision } from '../../domain/index.js';
import type { CommanderOptions } from '../commander-options.js';
import type { Commander, CommanderInput, CommanderResult } from '../commander-input.js';
import { runSkill } from '../skills/registry.js';
import type { OrderCheck, SkillEnv } from '../skills/skill.js';
import type { ToolChat, ToolResult } from './tool-chat.js';

export interface LlmTranscriptEntry {
  readonly step: number;
  readonly text: string;
  readonly calls: readonly { name: string; args: unknown; ok: boolean; result: unknown }[];
}

export interface LlmCommanderResult extends CommanderResult {
  readonly transcript: readonly LlmTranscriptEntry[];
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
  /** Why the loop ended. */
  readonly ended: 'decision' | 'model_stopped' | 'max_steps' | 'deadline' | 'token_budget' | 'error';
}

export interface LlmCommanderDeps {
  readonly clock: Clock;
  readonly options: CommanderOptions;
  /** A fresh conversation per cycle. */
  readonly openChat: (input: CommanderInput) => ToolChat;
  /** The gate in dry-run mode. */
  readonly checkOrder: (intent: Parameters<SkillEnv['checkOrder']>[0]) => Promise<OrderCheck>;
}

const END_REASONS: Record<Exclude<LlmCommanderResult['ended'], 'decision'>, string> = {
  model_stopped: 'the model stopped without calling submit_decision',
  max_steps: 'the step limit was reached',
  deadline: 'the deadline passed',
  token_budget: 'the token budget was spent',
  error: 'the LLM call failed',
};

/**
 * The LLM Commander: a bounded tool-use loop (max steps, deadline, token budget) that ends with a
 * structured Decision. Anything but an explicit `submit_decision` ends in a no-trade with the
 * reason: an LLM that rambles, stalls or fails never produces a default trade.
 */
export class LlmCommander implements Commander {
  readonly kind = 'llm' as const;

  constructor(private readonly deps: LlmCommanderDeps) {}

  async decide(input: CommanderInput): Promise<LlmCommanderResult> {
    const { clock, options } = this.deps;
    const chat = this.deps.openChat(input);
    const env: SkillEnv = { input, checkOrder: this.deps.checkOrder, proposals: [], decision: null };
    const transcript: LlmTranscriptEntry[] = [];
    const usage = { inputTokens: 0, outputTokens: 0 };
    const controller = new AbortController();
    const deadline = clock.setTimeout(
      () => controller.abort(new Error('commander deadline')),
      options.deadlineMs,
    );
    let ended: LlmCommanderResult['ended'] = 'max_steps';
    let errorText = '';
    let pending: ToolResult[] = [];
    try {
      for (let step = 1; step <= options.maxSteps; step++) {
        let reply;
        try {
          reply = await chat.send(pending, controller.signal);
        } catch (e) {
          ended = controller.signal.aborted ? 'deadline' : 'error';
          errorText = (e as Error).message;
          break;
        }
        usage.inputTokens += reply.inputTokens;
        usage.outputTokens += reply.outputTokens;
        const calls: LlmTranscriptEntry['calls'][number][] = [];
        pending = [];
        for (const call of reply.toolCalls) {
          const outcome = await runSkill(call.name, call.args, env);
          const result = outcome.ok ? outcome.result : { error: outcome.error };
          calls.push({ name: call.name, args: call.args, ok: outcome.ok, result });
          pending.push({ id: call.id, content: JSON.stringify(result), isError: !outcome.ok });
        }
        transcript.push({ step, text: reply.text, calls });
        if (env.decision) {
          ended = 'decision';
          break;
        }
        if (usage.inputTokens + usage.outputTokens > options.maxTokens) {
          ended = 'token_budget';
          break;
        }
        if (reply.toolCalls.length === 0) {
          ended = 'model_stopped';
          break;
        }
        if (controller.signal.aborted) {
          ended = 'deadline';
          break;
        }
      }
    } finally {
      deadline.cancel();
    }
    const decidedBy = { kind: 'llm' as const, provider: chat.provider, model: chat.model };
    let decision: Decision;
    if (ended === 'decision' && env.decision!.kind === 'trade' && env.proposals.length > 0) {
      decision = {
        kind: 'trade',
        cycleId: input.cycleId,
        intents: env.proposals,
        rationale: env.decision!.reason,
        decidedBy,
      };
    } else if (ended === 'decision') {
      const reason =
        env.decision!.kind === 'trade'
          ? `chose to trade but no proposal passed the gate: ${env.decision!.reason}`
          : env.decision!.reason;
      decision = { kind: 'no_trade', cycleId: input.cycleId, reason, decidedBy };
    } else {
      const why = END_REASONS[ended] + (errorText ? ` (${errorText})` : '');
      decision = {
        kind: 'no_trade',
        cycleId: input.cycleId,
        reason: `no decision: ${why}; nothing is sent`,
        decidedBy,
      };
    }
    return { decision, evaluations: [], transcript, usage, ended };
  }
}
