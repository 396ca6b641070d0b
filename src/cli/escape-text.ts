/**
 * Text from the journal or a broker (reasons, messages, ids) as it may be printed to a terminal:
 * control characters shown as escapes, never sent raw. Every CLI printer of such text uses this.
 */

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, and the bidi controls
// that reorder what a terminal shows.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as an escape: newline `\n`, ESC `\u001b`, and so on. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
