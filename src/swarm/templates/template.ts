import nunjucks from 'nunjucks';
import { parse as parseYaml } from 'yaml';
import { SwarmdeskError, zodIssues, type Issue } from '../../domain/index.js';
import {
  frontMatterSchema,
  parametersSchema,
  sampleParameters,
  type TemplateFrontMatter,
  type TemplateParameters,
} from './template-schema.js';

/** A template, loaded and compiled: front matter plus a nunjucks body. */
export interface SwarmTemplate {
  /** File name, e.g. `vol_sniper.md`; instances name templates by it. */
  readonly fileName: string;
  readonly frontMatter: TemplateFrontMatter;
  readonly body: string;
  readonly compiled: nunjucks.Template;
}

/** Autoescape off (this is a prompt, not HTML); an undefined variable is an error, not "". */
const environment = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Adds the offending `{{ … }}` to nunjucks' "[Line n, Column m]" messages, which do not name it. */
function explainNunjucksError(err: unknown, source: string): string {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
  const at = /\[Line (\d+), Column (\d+)\]/.exec(message);
  if (!at) return message;
  const line = source.split('\n')[Number(at[1]) - 1] ?? '';
  const open = line.lastIndexOf('{{', Math.max(0, Number(at[2]) + 1));
  const close = line.indexOf('}}', Math.max(open, 0));
  const snippet = open >= 0 && close > open ? line.slice(open, close + 2) : line.trim();
  const hint = /undefined value/.test(message) ? ' (a variable the instance does not define)' : '';
  return `${message}${hint}: ${snippet}`;
}

/**
 * Parses and compiles a template file. Problems (front matter, YAML, schema, nunjucks syntax, a
 * variable the declared parameters do not define) come back as issues, all of them.
 */
export function loadTemplate(
  fileName: string,
  text: string,
): { template: SwarmTemplate | null; issues: Issue[] } {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return {
      template: null,
      issues: [{ path: '', message: 'expected YAML front matter between "---" lines at the top' }],
    };
  }
  let yamlValue: unknown;
  try {
    yamlValue = parseYaml(match[1]!);
  } catch (err) {
    return {
      template: null,
      issues: [{ path: 'front matter', message: `not valid YAML: ${(err as Error).message}` }],
    };
  }
  const fm = frontMatterSchema.safeParse(yamlValue);
  if (!fm.success) return { template: null, issues: zodIssues(fm.error, yamlValue, 'front matter') };
  const issues: Issue[] = [];
  const expectedName = fileName.replace(/\.md$/, '');
  if (fm.data.name !== expectedName) {
    issues.push({
      path: 'front matter.name',
      message: `expected "${expectedName}" (the file name), got "${fm.data.name}"`,
    });
  }
  for (const [name, decl] of Object.entries(fm.data.parameters)) {
    if (decl.type === 'enum' && decl.default !== undefined && !decl.values.includes(decl.default)) {
      issues.push({
        path: `front matter.parameters.${name}.default`,
        message: `expected one of the values, got "${decl.default}"`,
      });
    }
  }
  const body = match[2]!;
  let compiled: nunjucks.Template;
  try {
    compiled = new nunjucks.Template(body, environment, fileName, true);
  } catch (err) {
    return {
      template: null,
      issues: [...issues, { path: 'body', message: explainNunjucksError(err, body) }],
    };
  }
  const template: SwarmTemplate = { fileName, frontMatter: fm.data, body, compiled };
  const sample = tryRender(template, sampleParameters(fm.data.parameters), 'sample');
  if (!sample.ok)
    issues.push({
      path: 'body',
      message: `${sample.error} (rendering with sample values of the declared parameters)`,
    });
  return { template: issues.length ? null : template, issues };
}

/** Checks an instance's parameters against what the template declares; fills in defaults. */
export function checkParameters(
  template: SwarmTemplate,
  parameters: unknown,
): { ok: true; value: TemplateParameters } | { ok: false; issues: Issue[] } {
  const result = parametersSchema(template.frontMatter.parameters).safeParse(parameters);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: zodIssues(result.error, parameters, 'parameters') };
}

function tryRender(
  template: SwarmTemplate,
  parameters: TemplateParameters,
  instanceId: string,
): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: template.compiled.render({ ...parameters, instance_id: instanceId }) };
  } catch (err) {
    return { ok: false, error: explainNunjucksError(err, template.body) };
  }
}

/** A render that failed: the template uses a variable the parameters do not define. */
export class TemplateRenderError extends SwarmdeskError {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super('TEMPLATE_RENDER_FAILED', `${template}: ${message}`);
  }
}

/**
 * Renders a template with an instance's parameters (and `instance_id`). Parameters only: never a
 * model's output. Throws `TemplateRenderError` when a variable is undefined.
 */
export function renderTemplate(
  template: SwarmTemplate,
  parameters: TemplateParameters,
  instanceId: string,
): string {
  const result = tryRender(template, parameters, instanceId);
  if (!result.ok) throw new TemplateRenderError(template.fileName, result.error);
  return result.text.trim();
}

/** Like `renderTemplate`, but the failure is a value (for validation). */
export function tryRenderTemplate(
  template: SwarmTemplate,
  parameters: TemplateParameters,
  instanceId: string,
): { ok: true; text: string } | { ok: false; error: string } {
  return tryRender(template, parameters, instanceId);
}
