/** One tool call the model asked for. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly args: unknown;
}

/** The model's answer to one turn. */
export interface ToolChatReply {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Why the model stopped: `tool_use` means it wants the calls answered. */
  readonly stop: 'tool_use' | 'end' | 'max_tokens' | 'other';
}

export interface ToolResult {
  readonly id: string;
  readonly content: string;
  readonly isError: boolean;
}

/** A conversation with tools, over one provider's wire format. */
export interface ToolChat {
  readonly provider: 'anthropic' | 'openai';
  readonly model: string;
  /** Send the pending tool results (none on the first turn) and get the model's next reply. */
  send(results: readonly ToolResult[], signal: AbortSignal): Promise<ToolChatReply>;
}

export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
}
