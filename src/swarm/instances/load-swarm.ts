import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zodIssues, type InstanceId } from '../../domain/index.js';
import { SwarmFilesError, type SwarmFileIssue } from '../errors.js';
import { parseJsonText } from '../untrusted.js';
import {
  checkParameters,
  loadTemplate,
  tryRenderTemplate,
  type SwarmTemplate,
} from '../templates/template.js';
import type { TemplateParameters } from '../templates/template-schema.js';
import { RULES_SCREEN_NAMES, hasRulesScreen } from '../llm/rules-catalog.js';
import { instanceFileSchema, type SwarmInstance } from './instance-schema.js';

export const TEMPLATES_DIR = 'swarm_intelligence/templates';
export const INSTANCES_DIR = 'swarm_intelligence/active_instances';

/** A file's name and text, read from disk or made in memory (tests, the bench). */
export interface SourceFile {
  readonly fileName: string;
  readonly text: string;
}

/** Every template and instance, valid ones only. */
export interface SwarmDefinition {
  /** By file name, e.g. `vol_sniper.md`. */
  readonly templates: ReadonlyMap<string, SwarmTemplate>;
  /** All valid instances, enabled or not, in file-name order. */
  readonly instances: readonly SwarmInstance[];
}

function issuesFor(file: string, issues: readonly { path: string; message: string }[]): SwarmFileIssue[] {
  return issues.map((i) => ({ file, path: i.path, message: i.message }));
}

/** Checks the parameters against the named template, whether or not the rest of the file is valid. */
function checkAgainstTemplate(
  file: string,
  raw: Record<string, unknown>,
  templates: ReadonlyMap<string, SwarmTemplate>,
  brokenTemplates: ReadonlySet<string>,
): { template: SwarmTemplate; parameters: TemplateParameters; prompt: string } | SwarmFileIssue[] {
  const name = raw.template;
  if (typeof name !== 'string') return []; // the schema has said what is wrong with it
  const template = templates.get(name);
  if (!template) {
    const message = brokenTemplates.has(name)
      ? `template "${name}" has problems of its own (see its file)`
      : `template "${name}" does not exist in ${TEMPLATES_DIR}/ (have: ${[...templates.keys()].join(', ') || 'none'})`;
    return [{ file, path: 'template', message }];
  }
  const params = checkParameters(template, raw.parameters ?? {});
  if (!params.ok) return issuesFor(file, params.issues);
  const rendered = tryRenderTemplate(
    template,
    params.value,
    typeof raw.id === 'string' ? raw.id : 'instance',
  );
  if (!rendered.ok)
    return [{ file, path: 'parameters', message: `template does not render: ${rendered.error}` }];
  return { template, parameters: params.value, prompt: rendered.text.trim() };
}

/** One instance file: every problem in it (schema, template, parameters), or the instance. */
function loadInstance(
  file: string,
  text: string,
  templates: ReadonlyMap<string, SwarmTemplate>,
  brokenTemplates: ReadonlySet<string>,
): { instance: SwarmInstance | null; issues: SwarmFileIssue[] } {
  const json = parseJsonText(text);
  if (!json.ok) return { instance: null, issues: [{ file, path: '', message: json.message }] };
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) {
    return { instance: null, issues: [{ file, path: '', message: 'expected a JSON object' }] };
  }
  const parsed = instanceFileSchema.safeParse(json.value);
  const issues = parsed.success ? [] : issuesFor(file, zodIssues(parsed.error, json.value));
  const checked = checkAgainstTemplate(
    file,
    json.value as Record<string, unknown>,
    templates,
    brokenTemplates,
  );
  if (Array.isArray(checked)) issues.push(...checked);
  if (!parsed.success || Array.isArray(checked)) return { instance: null, issues };
  const f = parsed.data;
  const pool = checked.parameters.symbol_pool;
  return {
    issues,
    instance: {
      id: f.id as InstanceId,
      file,
      template: checked.template,
      enabled: f.enabled,
      description: f.description ?? null,
      provider: f.provider,
      model: f.model,
      parameters: checked.parameters,
      symbolPool: Array.isArray(pool) ? (pool as readonly string[]) : [],
      prompt: checked.prompt,
    },
  };
}

/**
 * Builds the swarm from file contents, collecting every problem in every file: front matter and
 * template syntax, instance JSON and schema, unknown templates, parameters against declarations,
 * duplicate ids. Pure; `loadSwarm` reads the files.
 */
export function buildSwarm(
  templateFiles: readonly SourceFile[],
  instanceFiles: readonly SourceFile[],
): { swarm: SwarmDefinition; issues: SwarmFileIssue[] } {
  const issues: SwarmFileIssue[] = [];
  const templates = new Map<string, SwarmTemplate>();
  const broken = new Set<string>();
  for (const { fileName, text } of [...templateFiles].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const loaded = loadTemplate(fileName, text);
    issues.push(...issuesFor(`${TEMPLATES_DIR}/${fileName}`, loaded.issues));
    const screen = loaded.template?.frontMatter.rules;
    if (loaded.template && screen && !hasRulesScreen(screen)) {
      issues.push({
        file: `${TEMPLATES_DIR}/${fileName}`,
        path: 'front matter.rules',
        message: `unknown rules screen "${screen}" (have: ${RULES_SCREEN_NAMES.join(', ')}; or null for none)`,
      });
      broken.add(fileName);
      continue;
    }
    if (loaded.template) templates.set(fileName, loaded.template);
    else broken.add(fileName);
  }
  const instances: SwarmInstance[] = [];
  const firstFileOf = new Map<string, string>();
  for (const { fileName, text } of [...instanceFiles].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const file = `${INSTANCES_DIR}/${fileName}`;
    const loaded = loadInstance(file, text, templates, broken);
    issues.push(...loaded.issues);
    if (!loaded.instance) continue;
    const first = firstFileOf.get(loaded.instance.id);
    if (first) {
      issues.push({
        file,
        path: 'id',
        message: `duplicate id "${loaded.instance.id}": ${first} has it already`,
      });
      continue;
    }
    firstFileOf.set(loaded.instance.id, file);
    instances.push(loaded.instance);
  }
  return { swarm: { templates, instances }, issues };
}

async function readDir(
  rootDir: string,
  dir: string,
  extension: string,
  issues: SwarmFileIssue[],
): Promise<SourceFile[]> {
  let names: string[];
  try {
    names = (await readdir(join(rootDir, dir))).filter((n) => n.endsWith(extension)).sort();
  } catch (err) {
    issues.push({ file: dir, path: '', message: `cannot read the folder: ${(err as Error).message}` });
    return [];
  }
  if (names.length === 0) issues.push({ file: dir, path: '', message: `no ${extension} files` });
  const files: SourceFile[] = [];
  for (const fileName of names) {
    try {
      files.push({ fileName, text: await readFile(join(rootDir, dir, fileName), 'utf8') });
    } catch (err) {
      issues.push({
        file: `${dir}/${fileName}`,
        path: '',
        message: `cannot read: ${(err as Error).message}`,
      });
    }
  }
  return files;
}

/** Reads `<root>/swarm_intelligence/{templates,active_instances}` and builds the swarm. */
export async function loadSwarm(
  rootDir: string,
): Promise<{ swarm: SwarmDefinition; issues: SwarmFileIssue[] }> {
  const readIssues: SwarmFileIssue[] = [];
  const templateFiles = await readDir(rootDir, TEMPLATES_DIR, '.md', readIssues);
  const instanceFiles = await readDir(rootDir, INSTANCES_DIR, '.json', readIssues);
  const built = buildSwarm(templateFiles, instanceFiles);
  return { swarm: built.swarm, issues: [...readIssues, ...built.issues] };
}

/** Every problem in every swarm file, at once (`swarmdesk validate`). Empty when all is well. */
export async function validateSwarmFiles(rootDir: string): Promise<SwarmFileIssue[]> {
  return (await loadSwarm(rootDir)).issues;
}

/** Loads the swarm, or throws `SwarmFilesError` listing every problem. */
export async function loadSwarmOrThrow(rootDir: string): Promise<SwarmDefinition> {
  const { swarm, issues } = await loadSwarm(rootDir);
  if (issues.length) throw new SwarmFilesError(issues);
  return swarm;
}
