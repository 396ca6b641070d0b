import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import {
  AnthropicToolChat,
  LlmCommander,
  OpenAiToolChat,
  RulesCommander,
  loadCommanderPrompt,
  toolDefinitions,
  type Commander,
  type CommanderInput,
} from '../commander/index.js';
import type { SwarmdeskConfig } from '../config/index.js';
import { SwarmdeskError, type Clock } from '../domain/index.js';
import type { OrderGate } from '../risk/index.js';
import { DEFAULT_MODELS, NO_KEY_PLACEHOLDER, parseLlmSelection, resolveBaseUrl } from '../swarm/index.js';

export class LlmSetupError extends SwarmdeskError {
  constructor(message: string) {
    super('LLM_SETUP', message);
  }
}

/** `provider:model` for the Commander: the run's override (`--llm`/SWARMDESK_LLM), else the config's default. */
export function commanderSelection(config: SwarmdeskConfig, env: NodeJS.ProcessEnv, override?: string) {
  const raw = override ?? env.SWARMDESK_LLM;
  if (raw) return parseLlmSelection(raw, config.llm, override ? '--llm' : 'SWARMDESK_LLM');
  return parseLlmSelection(config.llm.provider, config.llm, 'llm.provider');
}

function apiKey(kind: 'anthropic' | 'openai', baseUrl: string | undefined, env: NodeJS.ProcessEnv): string {
  const name = kind === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
  const key = env[name]?.trim();
  if (key) return key;
  if (baseUrl) return NO_KEY_PLACEHOLDER; // a local/self-hosted server takes any key
  throw new LlmSetupError(
    `the Commander uses ${kind} but ${name} is not set; keys come only from the environment`,
  );
}

/**
 * The rules Commander unless an LLM is configured; an LLM Commander talks through the official SDK
 * of its provider, with the gate as a dry run behind `place_order_with_guard`.
 */
export function createCommander(input: {
  config: SwarmdeskConfig;
  /** I/O time: the Commander's deadline. */
  clock: Clock;
  gate: OrderGate;
  env: NodeJS.ProcessEnv;
  llmOverride?: string;
}): Commander {
  const { config, clock, gate, env } = input;
  const selection = commanderSelection(config, env, input.llmOverride);
  if (selection.provider === 'rules') return new RulesCommander(config.commander);
  const kind = selection.provider;
  const model = selection.model ?? DEFAULT_MODELS[kind];
  const baseURL = resolveBaseUrl(kind, config.llm, env);
  const key = apiKey(kind, baseURL, env);
  const tools = toolDefinitions();
  // No SDK retries: they would multiply the Commander's deadline; its bounded loop is the retry policy.
  const client =
    kind === 'anthropic'
      ? new Anthropic({ apiKey: key, baseURL, maxRetries: 0, timeout: config.commander.deadlineMs })
      : new OpenAI({ apiKey: key, baseURL, maxRetries: 0, timeout: config.commander.deadlineMs });
  const openChat = (ci: CommanderInput) => {
    const system = loadCommanderPrompt(config.contentDir, {
      mode: config.mode,
      risk: config.risk,
      commander: config.commander,
      now: ci.now,
    });
    const first = `Cycle ${ci.cycleId}. The swarm returned ${ci.signals.length} consensus signal(s). Sense, think, decide, act; finish with submit_decision.`;
    return kind === 'anthropic'
      ? new AnthropicToolChat(client as Anthropic, model, system, tools, first)
      : new OpenAiToolChat(client as OpenAI, model, system, tools, first);
  };
  return new LlmCommander({
    clock,
    options: config.commander,
    openChat,
    checkOrder: async (intent) => {
      const r = await gate.placeOrderWithGuard(intent, { dryRun: true });
      return r.accepted
        ? { accepted: true, codes: [], messages: [] }
        : { accepted: false, codes: [...r.codes], messages: r.rejections.map((x) => x.message) };
    },
  });
}
