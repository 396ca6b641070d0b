import type Anthropic from '@anthropic-ai/sdk';
import type { ToolChat, ToolChatReply, ToolResult, ToolSpec } from './tool-chat.js';

type Message = Anthropic.Messages.MessageParam;

/**
 * The Commander's conversation over the Anthropic Messages API. The system prompt and the tool
 * definitions are the static prefix, marked for prompt caching.
 */
export class AnthropicToolChat implements ToolChat {
  readonly provider = 'anthropic' as const;
  private readonly messages: Message[] = [];

  constructor(
    private readonly client: Anthropic,
    readonly model: string,
    private readonly system: string,
    private readonly tools: readonly ToolSpec[],
    firstUserMessage: string,
    private readonly maxTokens = 4096,
  ) {
    this.messages.push({ role: 'user', content: firstUserMessage });
  }

  async send(results: readonly ToolResult[], signal: AbortSignal): Promise<ToolChatReply> {
    if (results.length > 0) {
      this.messages.push({
        role: 'user',
        content: results.map((r) => ({
          type: 'tool_result' as const,
          tool_use_id: r.id,
          content: r.content,
          is_error: r.isError,
        })),
      });
    }
    const tools = this.tools.map((t, i) => ({
      name: t.name,
      description: t.description,
      input_schema: t.inputSchema as Anthropic.Messages.Tool.InputSchema,
      ...(i === this.tools.length - 1 ? { cache_control: { type: 'ephemeral' as const } } : {}),
    }));
    const response = await this.client.messages.create(
      {
        model: this.model,
        max_tokens: this.maxTokens,
        system: [{ type: 'text', text: this.system, cache_control: { type: 'ephemeral' } }],
        tools,
        messages: this.messages,
      },
      { signal },
    );
    this.messages.push({ role: 'assistant', content: response.content });
    const toolCalls = response.content.flatMap((b) =>
      b.type === 'tool_use' ? [{ id: b.id, name: b.name, args: b.input }] : [],
    );
    const text = response.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
    return {
      text,
      toolCalls,
      inputTokens: response.usage.input_tokens + (response.usage.cache_read_input_tokens ?? 0),
      outputTokens: response.usage.output_tokens,
      stop:
        response.stop_reason === 'tool_use'
          ? 'tool_use'
          : response.stop_reason === 'end_turn'
            ? 'end'
            : response.stop_reason === 'max_tokens'
              ? 'max_tokens'
              : 'other',
    };
  }
}
