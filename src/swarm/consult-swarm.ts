import {
  SwarmdeskError,
  type Clock,
  type ConsensusSignal,
  type InstanceId,
  type OptionChain,
  type Position,
  type Signal,
} from '../domain/index.js';
import type { MarketData } from '../market/index.js';
import { gatherMarket, type GatherOptions } from './context/gather-market.js';
import {
  buildInstanceContext,
  isAvailable,
  type IvStatsFn,
  type MarketSnapshot,
  type Sentiment,
} from './context/market-context.js';
import type { Refusal } from './errors.js';
import { executeSwarmConcurrent, type JobResult, type SwarmJob } from './execute/execute-concurrent.js';
import type { SwarmInstance } from './instances/instance-schema.js';
import { loadSwarmOrThrow, type SwarmDefinition } from './instances/load-swarm.js';
import { defaultLlmConfig, type LlmConfig } from './llm/llm-config.js';
import type { LlmProvider } from './llm/provider.js';
import { ProviderFactory, type Env } from './llm/provider-factory.js';
import {
  resolveLlmOverride,
  selectionForInstance,
  type LlmSelection,
  type SelectionSource,
} from './llm/selection.js';
import { ZERO_USAGE, addUsage, estimateTokens, priceUsage, type TokenUsage } from './llm/usage.js';
import { buildRequest } from './prompt/build-prompt.js';
import { deduplicateSignals } from './signal/deduplicate.js';
import { parseSignal } from './signal/parse-signal.js';

export type InstanceOutcomeKind = 'ok' | 'timeout' | 'error' | 'refused';

/** How one instance fared this cycle. The first four fields are the `--json` contract. */
export interface InstanceOutcome {
  readonly id: InstanceId;
  readonly outcome: InstanceOutcomeKind;
  /** Machine-readable: a FailureReason for timeout/error, a RefusalReason for refused. */
  readonly reason?: string;
  readonly usage?: TokenUsage;
  /** What exactly went wrong, for people. */
  readonly detail?: string;
  readonly provider: LlmSelection['provider'];
  /** The model that answered; null for rules, which is never a model. */
  readonly model: string | null;
  readonly selectedBy: SelectionSource;
  readonly template: string;
  /** Signals that passed every check. */
  readonly signals: readonly Signal[];
  /** Signals (or the whole output) refused, each with its reason. */
  readonly refusals: readonly Refusal[];
  /** The raw reply of a refused instance (first 8 KiB), to see what the model actually wrote. */
  readonly output?: string;
  readonly attempts: number;
  readonly durationMs: number;
}

/** The Think step's result. `signals`, `instances` and `usage` are the `swarmdesk swarm --json` shape. */
export interface SwarmResult {
  readonly signals: readonly ConsensusSignal[];
  readonly instances: readonly InstanceOutcome[];
  readonly usage: TokenUsage;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Symbols whose market data could not be had this cycle. */
  readonly unavailableSymbols: readonly { readonly symbol: string; readonly error: string }[];
  /** Where the time went, ms: seeing the market, asking the instances, judging and merging. */
  readonly timings: { readonly marketMs: number; readonly askMs: number; readonly judgeMs: number };
}

export interface ConsultSwarmOptions {
  /** Where to see the market; not needed when `snapshot` is given. */
  readonly market?: MarketData;
  /** This cycle's market, already seen (the Sense step, via `seeMarketForSwarm`); else gathered from `market`. */
  readonly snapshot?: MarketSnapshot;
  readonly clock: Clock;
  /** The swarm, already loaded; else it is read (and validated) from `rootDir`. */
  readonly swarm?: SwarmDefinition;
  readonly rootDir?: string;
  /** The parsed `llm` config section; defaults (rules) when omitted. */
  readonly config?: LlmConfig;
  /** `--llm provider:model`, overriding every instance for this run. */
  readonly llm?: string;
  /** Environment for SWARMDESK_LLM, base URLs and keys; process.env when omitted. */
  readonly env?: Env;
  /** The book, for each symbol's exposure. */
  readonly positions?: readonly Position[];
  /** IV rank/percentile from quant; without it IV rank is unknown (and screens that need it stand aside). */
  readonly ivStats?: IvStatsFn;
  readonly sentiment?: Readonly<Record<string, Exclude<Sentiment, 'unknown'>>>;
  /** Jitter source for retries (seed it in tests). */
  readonly random?: () => number;
  /** Replaces the adapter factory (tests). */
  readonly providerFor?: (selection: LlmSelection) => LlmProvider;
  /** Called as each instance is judged. */
  readonly onInstance?: (outcome: InstanceOutcome) => void;
}

interface Planned {
  readonly instance: SwarmInstance;
  readonly selection: LlmSelection;
  readonly source: SelectionSource;
}

const MAX_RECORDED_OUTPUT = 8192;

function judge(
  planned: Planned,
  result: JobResult,
  chains: ReadonlyMap<string, OptionChain>,
  config: LlmConfig,
): InstanceOutcome {
  const base = {
    id: planned.instance.id,
    provider: planned.selection.provider,
    model: planned.selection.model,
    selectedBy: planned.source,
    template: planned.instance.template.fileName,
    attempts: result.attempts,
    durationMs: result.durationMs,
    ...(result.attempts > 0 ? { usage: result.usage } : {}),
  };
  if (result.outcome !== 'ok') {
    return {
      ...base,
      outcome: result.outcome,
      reason: result.reason,
      detail: result.detail,
      signals: [],
      refusals: [],
    };
  }
  const parsed = parseSignal(result.response.text, {
    instanceId: planned.instance.id,
    pool: planned.instance.symbolPool,
    chains,
    maxSignals: config.maxSignalsPerInstance,
  });
  const model =
    planned.selection.provider === 'rules' ? null : (result.response.model ?? planned.selection.model);
  const first = parsed.outputRefusal ?? (parsed.signals.length === 0 ? parsed.refusals[0] : undefined);
  if (first) {
    return {
      ...base,
      model,
      outcome: 'refused',
      reason: first.reason,
      detail: first.detail,
      signals: [],
      refusals: parsed.refusals,
      output: result.response.text.slice(0, MAX_RECORDED_OUTPUT),
    };
  }
  return { ...base, model, outcome: 'ok', signals: parsed.signals, refusals: parsed.refusals };
}

function requireMarket(market: MarketData | undefined): MarketData {
  if (!market)
    throw new SwarmdeskError('SWARM_NO_MARKET', 'consultSwarm: give either `market` or `snapshot`');
  return market;
}

/**
 * Sees the market the way the given instances need it: every symbol of their pools once, with the
 * expirations their templates ask for. The Sense step can call this and hand the snapshot to
 * `consultSwarm`; otherwise `consultSwarm` calls it itself.
 */
export function seeMarketForSwarm(
  market: MarketData,
  instances: readonly SwarmInstance[],
  options: Omit<GatherOptions, 'specsFor'>,
): Promise<MarketSnapshot> {
  return gatherMarket(
    market,
    instances.flatMap((i) => i.symbolPool),
    {
      ...options,
      specsFor: (symbol) =>
        instances.filter((i) => i.symbolPool.includes(symbol)).map((i) => i.template.frontMatter.context),
    },
  );
}

/**
 * The whole Think step: load the swarm, see the market once per symbol, ask every enabled instance
 * concurrently (rules or an LLM), judge every output, and merge the same trades into consensus
 * signals. One instance failing never sinks the cycle; its outcome says why.
 */
export async function consultSwarm(options: ConsultSwarmOptions): Promise<SwarmResult> {
  const { clock } = options;
  const config = options.config ?? defaultLlmConfig();
  const env = options.env ?? process.env;
  const startedAt = clock.now();
  const swarm = options.swarm ?? (await loadSwarmOrThrow(options.rootDir ?? '.'));
  const override = resolveLlmOverride(config, { cli: options.llm, env });
  const factory = new ProviderFactory(config, env, clock);
  const providerFor = options.providerFor ?? ((s: LlmSelection) => factory.get(s));

  const plans: Planned[] = swarm.instances
    .filter((i) => i.enabled)
    .map((instance) => ({ instance, ...selectionForInstance(instance, config, override) }));
  const snapshot =
    options.snapshot ??
    (await seeMarketForSwarm(
      requireMarket(options.market),
      plans.map((p) => p.instance),
      {
        positions: options.positions,
        ivStats: options.ivStats,
        sentiment: options.sentiment,
      },
    ));
  const asked = clock.now();
  const chains = new Map<string, OptionChain>();
  for (const s of snapshot.symbols.values()) if (isAvailable(s)) chains.set(s.symbol, s.chain);

  const jobs: SwarmJob[] = plans.map(({ instance, selection }) => {
    const context = buildInstanceContext(
      snapshot,
      instance.symbolPool,
      instance.template.frontMatter.context,
    );
    const request = buildRequest(instance, context, {
      model: selection.model,
      maxOutputTokens: config.maxOutputTokens,
      temperature: config.temperature,
    });
    const promptTokens = estimateTokens(request.system.map((b) => b.text).join('') + request.user);
    const worst = priceUsage(
      {
        inputTokens: promptTokens,
        outputTokens: config.maxOutputTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        estimated: true,
      },
      selection.model,
      config,
    );
    const isRules = selection.provider === 'rules';
    return {
      instanceId: instance.id,
      provider: providerFor(selection),
      request,
      worstCaseTokens: isRules ? 0 : promptTokens + config.maxOutputTokens,
      worstCaseCostUsd: isRules ? 0 : worst.costUsd,
    };
  });

  const results = await executeSwarmConcurrent(jobs, {
    clock,
    concurrency: config.concurrency,
    callTimeoutMs: config.callTimeout,
    deadlineMs: config.deadline,
    retries: config.retries,
    budget: { maxTokens: config.budget.maxTokensPerCycle, maxCostUsd: config.budget.maxCostUsdPerCycle },
    price: (raw, model) => priceUsage(raw, model, config),
    random: options.random,
  });

  const judged = clock.now();
  const instances = results.map((result, i) => {
    const outcome = judge(plans[i]!, result, chains, config);
    options.onInstance?.(outcome);
    return outcome;
  });
  const signals = deduplicateSignals(instances.flatMap((o) => o.signals));
  const finishedAt = clock.now();
  return {
    signals,
    instances,
    usage: instances.reduce((sum, o) => (o.usage ? addUsage(sum, o.usage) : sum), ZERO_USAGE),
    startedAt,
    finishedAt,
    unavailableSymbols: [...snapshot.symbols.values()].flatMap((s) => (isAvailable(s) ? [] : [s])),
    timings: { marketMs: asked - startedAt, askMs: judged - asked, judgeMs: finishedAt - judged },
  };
}
