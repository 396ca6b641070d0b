/** The swarm: templates and instances, LLM providers, concurrent consultation, signal parsing and dedupe. */
export { consultSwarm, seeMarketForSwarm } from './consult-swarm.js';
export type {
  ConsultSwarmOptions,
  InstanceOutcome,
  InstanceOutcomeKind,
  SwarmResult,
} from './consult-swarm.js';

export {
  buildSwarm,
  loadSwarm,
  loadSwarmOrThrow,
  validateSwarmFiles,
  INSTANCES_DIR,
  TEMPLATES_DIR,
} from './instances/load-swarm.js';
export type { SourceFile, SwarmDefinition } from './instances/load-swarm.js';
export { instanceFileSchema } from './instances/instance-schema.js';
export type { InstanceFile, SwarmInstance } from './instances/instance-schema.js';
export { loadTemplate, renderTemplate, checkParameters, TemplateRenderError } from './templates/template.js';
export type { SwarmTemplate } from './templates/template.js';
export type {
  ContextSpec,
  ParameterDeclaration,
  TemplateFrontMatter,
  TemplateParameters,
} from './templates/template-schema.js';

export { executeSwarmConcurrent } from './execute/execute-concurrent.js';
export type { ExecuteOptions, JobResult, SwarmJob } from './execute/execute-concurrent.js';
export { seededRandom } from './execute/seeded-random.js';

export { parseSignal, validateSignal } from './signal/parse-signal.js';
export type { ParseContext, ParsedOutput, SignalCheck } from './signal/parse-signal.js';
export { deduplicateSignals } from './signal/deduplicate.js';
export { OUTPUT_CONTRACT } from './prompt/output-contract.js';
export { buildRequest } from './prompt/build-prompt.js';
export { renderContext } from './prompt/render-context.js';

export { gatherMarket } from './context/gather-market.js';
export {
  buildInstanceContext,
  buildSymbolSnapshot,
  sentimentFromRiskReversal,
} from './context/market-context.js';
export type {
  InstanceContext,
  IvStats,
  IvStatsFn,
  MarketSnapshot,
  Sentiment,
  SymbolSnapshot,
  SymbolUnavailable,
} from './context/market-context.js';

export {
  llmConfigSchema,
  defaultLlmConfig,
  priceOf,
  DEFAULT_MODELS,
  DEFAULT_PRICES,
  PROVIDER_KINDS,
} from './llm/llm-config.js';
export type { LlmConfig, LlmConfigInput, ModelPrice, ProviderKind } from './llm/llm-config.js';
export {
  parseLlmSelection,
  resolveLlmOverride,
  selectionForInstance,
  LlmSelectionError,
} from './llm/selection.js';
export type { LlmOverride, LlmSelection, SelectionSource } from './llm/selection.js';
export { ProviderFactory, resolveBaseUrl, NO_KEY_PLACEHOLDER } from './llm/provider-factory.js';
export { LlmCallError } from './llm/provider.js';
export type { CallOptions, LlmProvider, LlmRequest, LlmResponse, PromptBlock } from './llm/provider.js';
export { RULES_SCREEN_NAMES } from './llm/rules-catalog.js';
export type { TokenUsage } from './llm/usage.js';

export { SwarmFilesError, REFUSAL_REASONS, FAILURE_REASONS } from './errors.js';
export type { FailureReason, Refusal, RefusalReason, SwarmFileIssue } from './errors.js';
export { loadSwarm as loadInstances } from './instances/load-swarm.js';
