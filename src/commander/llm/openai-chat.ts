import type OpenAI from 'openai';
import type { ToolChat, ToolChatReply, ToolResult, ToolSpec } from './tool-chat.js';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** The Commander's conversation over OpenAI-compatible chat completions (OpenAI, Ollama, vLLM, llama.cpp). */
export class OpenAiToolChat implements ToolChat {
  readonly provider = 'openai' as const;
  private readonly messages: Message[] = [];

  constructor(
    private readonly client: OpenAI,
    readonly model: string,
    system: string,
    private readonly tools: readonly ToolSpec[],
    firstUserMessage: string,
    private readonly maxTokens = 4096,
  ) {
    this.messages.push({ role: 'system', content: system }, { role: 'user', content: firstUserMessage });
  }

  async send(results: readonly ToolResult[], signal: AbortSignal): Promise<ToolChatReply> {
    for (const r of results) this.messages.push({ role: 'tool', tool_call_id: r.id, content: r.content });
    const response = await this.client.chat.completions.create(
      {
        model: this.model,
        max_tokens: this.maxTokens,
        messages: this.messages,
        tools: this.tools.map((t) => ({
          type: 'function' as const,
          function: { name: t.name, description: t.description, parameters: t.inputSchema },
        })),
      },
      { signal },
    );
    const choice = response.choices[0];
    if (!choice) throw new Error('the model returned no choices');
    const message = choice.message;
    this.messages.push({ role: 'assistant', content: message.content ?? '', tool_calls: message.tool_calls });
    const toolCalls = (message.tool_calls ?? []).flatMap((c) => {
      if (c.type !== 'function') return [];
      let args: unknown;
      try {
        args = c.function.arguments ? JSON.parse(c.function.arguments) : {};
      } catch {
        // Unparseable arguments go to the skill as they are; its schema answers with a tool error.
        args = c.function.arguments;
      }
      return [{ id: c.id, name: c.function.name, args }];
    });
    return {
      text: message.content ?? '',
      toolCalls,
      inputTokens: response.usage?.prompt_tokens ?? 0,
      outputTokens: response.usage?.completion_tokens ?? 0,
      stop:
        toolCalls.length > 0
          ? 'tool_use'
          : choice.finish_reason === 'length'
            ? 'max_tokens'
            : choice.finish_reason === 'stop'
              ? 'end'
              : 'other',
    };
  }
}
