import type { CycleId } from './ids.js';
import type { OrderIntent } from './order.js';

/** What the Commander decided this cycle: orders with their reasons, or an explicit no-trade. */
export type Decision =
  | {
      readonly kind: 'trade';
      readonly cycleId: CycleId;
      readonly intents: readonly OrderIntent[];
      readonly rationale: string;
      readonly decidedBy: DecidedBy;
    }
  | {
      readonly kind: 'no_trade';
      readonly cycleId: CycleId;
      readonly reason: string;
      readonly decidedBy: DecidedBy;
    };

/** Who decided: the rules Commander, or an LLM named by provider and model. */
export type DecidedBy =
  { readonly kind: 'rules' } | { readonly kind: 'llm'; readonly provider: string; readonly model: string };
