import {
  LlmCallError,
  type CallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../provider.js';
import { directionalDebit } from './directional-debit.js';
import { earningsCrush } from './earnings-crush.js';
import type { RulesScreen } from './screen-kit.js';
import { skewRelativeValue } from './skew-relative-value.js';
import { volSniper } from './vol-sniper.js';

/** The deterministic screens, by the name a template gives in its front matter (`rules:`). */
export const RULES_SCREENS: Readonly<Record<string, RulesScreen>> = {
  vol_sniper: volSniper,
  earnings_crush: earningsCrush,
  skew_relative_value: skewRelativeValue,
  directional_debit: directionalDebit,
};

/**
 * The `rules` provider: no LLM. It runs the template's deterministic screen on the same parameters
 * and context an LLM would get and answers in the same JSON contract, so its proposals go through
 * the same parser and checks. Always reported as rules (model null), never as a model.
 */
export class RulesProvider implements LlmProvider {
  readonly kind = 'rules' as const;

  constructor(private readonly maxSignals: number) {}

  complete(request: LlmRequest, call: CallOptions): Promise<LlmResponse> {
    if (call.signal.aborted) return Promise.reject(new LlmCallError('aborted', 'rules: aborted'));
    const name = request.structured.rulesScreen;
    const screen = name === null ? undefined : RULES_SCREENS[name];
    if (!screen) {
      return Promise.reject(
        new LlmCallError(
          'no_rules_screen',
          `rules: template ${request.structured.template} has ${name === null ? 'no rules screen' : `an unknown rules screen "${name}"`}; use an LLM provider for it`,
        ),
      );
    }
    const signals = screen(request.structured.parameters, request.structured.context)
      .sort((a, b) => b.confidence - a.confidence || a.underlying.localeCompare(b.underlying))
      .slice(0, this.maxSignals);
    return Promise.resolve({
      text: JSON.stringify({ signals }),
      model: null,
      stopReason: 'rules',
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, estimated: false },
    });
  }
}
