import type { LlmRequest } from '../llm/provider.js';
import type { InstanceContext } from '../context/market-context.js';
import type { SwarmInstance } from '../instances/instance-schema.js';
import { OUTPUT_CONTRACT } from './output-contract.js';
import { renderContext } from './render-context.js';

export interface PromptSettings {
  readonly model: string | null;
  readonly maxOutputTokens: number;
  readonly temperature: number;
}

/**
 * What an instance is sent. Static first, so providers can cache it: the output contract (the same
 * for every instance), then the rendered template (the same every cycle); then this cycle's context.
 */
export function buildRequest(
  instance: SwarmInstance,
  context: InstanceContext,
  settings: PromptSettings,
): LlmRequest {
  return {
    instanceId: instance.id,
    model: settings.model,
    system: [
      { text: OUTPUT_CONTRACT, cache: false },
      { text: `# Your strategy (instance ${instance.id})\n\n${instance.prompt}`, cache: true },
    ],
    user: `${renderContext(context)}\n\nReply with the JSON object the output contract describes.`,
    maxOutputTokens: settings.maxOutputTokens,
    temperature: settings.temperature,
    structured: {
      template: instance.template.fileName,
      rulesScreen: instance.template.frontMatter.rules,
      parameters: instance.parameters,
      context,
    },
  };
}
