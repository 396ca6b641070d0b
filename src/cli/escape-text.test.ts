import { describe, expect, it } from 'vitest';
import { escapeControl } from './escape-text.js';

describe('escapeControl', () => {
  it('shows ANSI escapes, newlines, C1 and bidi controls literally and leaves plain text alone', () => {
    expect(escapeControl('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
    expect(escapeControl('line one\nline two\r\tend')).toBe('line one\\nline two\\r\\tend');
    expect(escapeControl('csi \u009b2J del \u007f rlo \u202e')).toBe('csi \\u009b2J del \\u007f rlo \\u202e');
    expect(escapeControl('earnings week: NVDA 150 C, ünïcödé ok')).toBe(
      'earnings week: NVDA 150 C, ünïcödé ok',
    );
  });
});
