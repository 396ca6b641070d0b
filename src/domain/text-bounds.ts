/**
 * Bounds on text that comes from outside (people at the CLI, LLMs, brokers). The intent schema
 * refuses anything longer; the journal clips what it stores to these, so no megabyte string
 * reaches a table or a terminal.
 */

/** Ids from outside (client order ids, cycle ids): 1–64 of `[A-Za-z0-9._:-]`. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const MAX_ID_LENGTH = 64;
/** Swarm instances an order may cite. */
export const MAX_INSTANCE_IDS = 50;
/** An order's rationale, in characters. */
export const MAX_RATIONALE_LENGTH = 4_000;
/** A breaker reason, in characters. */
export const MAX_REASON_LENGTH = 1_000;
/** A safety event's message, in characters, as journaled. */
export const MAX_EVENT_MESSAGE_LENGTH = 4_000;
/** A safety event's details, in characters of JSON, as journaled. */
export const MAX_EVENT_DETAILS_LENGTH = 16_000;

/**
 * `text` cut to at most `max` characters, ending in `… (N chars)` when it was cut, so a reader sees
 * it is an excerpt and how long the original was.
 */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `… (${text.length} chars)`;
  let end = Math.max(0, max - marker.length);
  // Never split a surrogate pair: half a character is not text.
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${marker}`;
}
