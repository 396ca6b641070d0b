export { commanderOptionsSchema, type CommanderOptions } from './commander-options.js';
export type {
  Commander,
  CommanderInput,
  CommanderResult,
  SignalEvaluation,
  SizingLimits,
} from './commander-input.js';
export { RulesCommander } from './rules/rules-commander.js';
export { probabilityOfProfit } from './rules/win-probability.js';
export { resolveStructure } from './rules/resolve-structure.js';
export {
  LlmCommander,
  type LlmCommanderResult,
  type LlmCommanderDeps,
  type LlmTranscriptEntry,
} from './llm/llm-commander.js';
export { AnthropicToolChat } from './llm/anthropic-chat.js';
export { OpenAiToolChat } from './llm/openai-chat.js';
export type { ToolChat, ToolChatReply, ToolCall, ToolResult, ToolSpec } from './llm/tool-chat.js';
export { SKILLS, runSkill, toolDefinitions, type SkillOutcome } from './skills/registry.js';
export type { OrderCheck, Skill, SkillEnv } from './skills/skill.js';
export {
  loadCommanderPrompt,
  renderCommanderPrompt,
  PromptError,
  COMMANDER_PROMPT_FILE,
} from './system-prompt.js';
