import { describe, expect, it } from 'vitest';
import { checkParameters, loadTemplate, renderTemplate, TemplateRenderError } from './template.js';

const template = (front: string, body = 'Trade {{ symbol_pool | join(", ") }} above {{ min_iv_rank }}.') =>
  `---\n${front}\n---\n${body}\n`;

const FRONT = `name: demo
description: a demo
parameters:
  symbol_pool: { type: symbols }
  min_iv_rank: { type: number, min: 0, max: 100 }
  mode: { type: enum, values: [calm, wild], default: calm }
  wing: { type: integer, min: 1, default: 2 }`;

function load(front = FRONT, body?: string) {
  return loadTemplate('demo.md', template(front, body));
}

describe('loadTemplate', () => {
  it('loads front matter and compiles the body', () => {
    const { template: t, issues } = load();
    expect(issues).toEqual([]);
    expect(t!.frontMatter).toMatchObject({
      name: 'demo',
      rules: null,
      context: { dte: [21, 60], maxExpiries: 2 },
    });
  });

  it('requires front matter, valid YAML and the declared schema', () => {
    expect(loadTemplate('demo.md', 'no front matter').issues[0]!.message).toMatch(/front matter/);
    expect(load('name: [unclosed').issues[0]).toMatchObject({ path: 'front matter' });
    const bad = load(
      'name: demo\ndescription: d\nparameters:\n  x: { type: decimal }\n  symbol_pool: { type: symbols }\nextra: 1',
    );
    expect(bad.template).toBeNull();
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['front matter', 'front matter.parameters.x.type']);
  });

  it('insists on a symbol_pool parameter and a name matching the file', () => {
    expect(load('name: demo\ndescription: d\nparameters: {}').issues[0]).toMatchObject({
      path: 'front matter.parameters.symbol_pool',
    });
    expect(loadTemplate('other.md', template(FRONT)).issues[0]).toMatchObject({ path: 'front matter.name' });
  });

  it('reports an enum default that is not one of its values', () => {
    const r = load(FRONT.replace('default: calm', 'default: stormy'));
    expect(r.issues).toEqual([expect.objectContaining({ path: 'front matter.parameters.mode.default' })]);
  });

  it('reports template syntax errors with their place', () => {
    const r = load(FRONT, 'Trade {% if %}');
    expect(r.issues[0]).toMatchObject({ path: 'body' });
    expect(r.issues[0]!.message).toMatch(/Line 1/);
  });

  it('refuses a body that uses a variable no parameter declares, naming it', () => {
    const r = load(FRONT, 'Trade {{ symbol_pool }} with {{ undeclared_knob }}.');
    expect(r.template).toBeNull();
    expect(r.issues[0]!.message).toMatch(/\{\{ undeclared_knob \}\}/);
  });
});

describe('renderTemplate', () => {
  const t = load().template!;

  it('renders with the parameters, autoescape off', () => {
    const params = checkParameters(t, { symbol_pool: ['NVDA', 'AMD'], min_iv_rank: 80 });
    expect(params.ok).toBe(true);
    const text = renderTemplate(t, params.ok ? params.value : {}, 'x');
    expect(text).toBe('Trade NVDA, AMD above 80.');
    const amp = loadTemplate('demo.md', template(FRONT, '{{ mode }} <&> "{{ min_iv_rank }}"')).template!;
    expect(renderTemplate(amp, { symbol_pool: [], min_iv_rank: 1, mode: 'calm', wing: 2 }, 'x')).toBe(
      'calm <&> "1"',
    );
  });

  it('throws a typed error on an undefined variable instead of printing nothing', () => {
    expect(() => renderTemplate(t, { symbol_pool: ['NVDA'] }, 'x')).toThrow(TemplateRenderError);
  });
});

describe('checkParameters', () => {
  const t = load().template!;

  it('fills defaults', () => {
    const r = checkParameters(t, { symbol_pool: ['SPY'], min_iv_rank: 10 });
    expect(r).toEqual({ ok: true, value: { symbol_pool: ['SPY'], min_iv_rank: 10, mode: 'calm', wing: 2 } });
  });

  it('reports every problem: missing, wrong type, out of bounds, not in enum, undeclared, bad symbols', () => {
    const r = checkParameters(t, {
      symbol_pool: ['spy', 'SPY', 'SPY'],
      min_iv_rank: 101,
      mode: 'x',
      wing: 1.5,
      extra: true,
    });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'parameters',
      'parameters.min_iv_rank',
      'parameters.mode',
      'parameters.symbol_pool',
      'parameters.symbol_pool[0]',
      'parameters.wing',
    ]);
    const missing = checkParameters(t, {});
    expect(missing.ok ? [] : missing.issues.map((i) => i.path).sort()).toEqual([
      'parameters.min_iv_rank',
      'parameters.symbol_pool',
    ]);
  });
});
