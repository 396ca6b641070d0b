import { parseJsonText } from '../untrusted.js';

export type Extracted =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'unparseable' | 'ambiguous_output'; readonly detail: string };

/** The end index (exclusive) of a balanced JSON-ish span starting at `start`, string-aware; -1 if none. */
function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** An object, or a non-empty array of objects: what a reply's JSON can be (`[1]` in prose is not). */
function isCandidate(value: unknown): boolean {
  if (Array.isArray(value))
    return value.length > 0 && value.every((v) => v !== null && typeof v === 'object');
  return value !== null && typeof value === 'object';
}

/** Every top-level span of the text that parses as a JSON object (or an array of objects). */
function jsonSpans(text: string): unknown[] {
  const found: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '{' && ch !== '[') {
      i++;
      continue;
    }
    const end = balancedEnd(text, i);
    const parsed = end > 0 ? parseJsonText(text.slice(i, end)) : null;
    if (parsed?.ok && isCandidate(parsed.value)) {
      found.push(parsed.value);
      i = end;
    } else i++;
  }
  return found;
}

const FENCE = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/g;

/**
 * Finds the one JSON block in a model's reply, tolerating prose around it and code fences. Fenced
 * blocks are looked at first. Two or more blocks are ambiguous and refused: we never guess which.
 */
export function extractJson(text: string): Extracted {
  const fenced = [...text.matchAll(FENCE)].flatMap((m) => jsonSpans(m[1] ?? ''));
  const candidates = fenced.length ? fenced : jsonSpans(text);
  if (candidates.length === 1) return { ok: true, value: candidates[0] };
  if (candidates.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous_output',
      detail: `${candidates.length} JSON blocks in the output; expected one`,
    };
  }
  const trimmed = text.trim();
  return {
    ok: false,
    reason: 'unparseable',
    detail: trimmed
      ? `no JSON object in the output (starts: ${JSON.stringify(trimmed.slice(0, 80))})`
      : 'empty output',
  };
}
