import { describe, expect, it } from 'vitest';
import { extractJson } from './extract-json.js';

describe('extractJson', () => {
  it('finds one JSON object among prose', () => {
    expect(extractJson('Looking at NVDA (IV rank 91) I propose:\n{"signals": []}\nThat is all.')).toEqual({
      ok: true,
      value: { signals: [] },
    });
  });

  it('prefers a fenced block and ignores braces in prose', () => {
    const text = 'My view {roughly} is neutral.\n```json\n{"signals": [{"a": "}"}]}\n```\nDone {ok}.';
    expect(extractJson(text)).toEqual({ ok: true, value: { signals: [{ a: '}' }] } });
  });

  it('does not mistake bracketed numbers in prose for the answer', () => {
    expect(extractJson('See note [1]. {"signals": []}')).toEqual({ ok: true, value: { signals: [] } });
  });

  it('refuses two JSON blocks as ambiguous', () => {
    expect(extractJson('{"signals": []} or maybe {"signals": [{}]}')).toMatchObject({
      ok: false,
      reason: 'ambiguous_output',
    });
  });

  it('refuses text without JSON, broken JSON and empty output as unparseable', () => {
    expect(extractJson('No trade today.')).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(extractJson('{"signals": [ {"underlying": "NVDA", }')).toMatchObject({
      ok: false,
      reason: 'unparseable',
    });
    expect(extractJson('   ')).toMatchObject({ ok: false, reason: 'unparseable', detail: 'empty output' });
  });
});
