/**
 * An action's action.yml, read by the command line so that it uses the same defaults and
 * documentation as the runner does — defaults are written once, in action.yml.
 */
import { parse } from 'yaml';

export interface InputMetadata {
  name: string;
  description: string;
  required: boolean;
  default: string | undefined;
}

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: InputMetadata[];
  outputs: { name: string; description: string }[];
  runs: { using: string; main: string; post?: string };
}

type Entries = Record<string, { description?: string; required?: boolean; default?: unknown }>;

export function parseActionMetadata(text: string): ActionMetadata {
  const doc = parse(text) as {
    name: string;
    description: string;
    inputs?: Entries;
    outputs?: Entries;
    runs: ActionMetadata['runs'];
  };
  return {
    name: doc.name,
    description: doc.description,
    inputs: Object.entries(doc.inputs ?? {}).map(([name, spec]) => ({
      name,
      description: spec.description ?? '',
      required: spec.required === true,
      default: scalarText(spec.default),
    })),
    outputs: Object.entries(doc.outputs ?? {}).map(([name, spec]) => ({
      name,
      description: spec.description ?? '',
    })),
    runs: doc.runs,
  };
}

/** YAML may type a default as a number or boolean; the runner passes every input as text. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return undefined;
  return JSON.stringify(value);
}

/** `--help` for one action, from its metadata. */
export function formatHelp(action: string, metadata: ActionMetadata): string {
  const lines = [`recipe-ci ${action} [main|post] [--input value]…`, '', metadata.description, ''];
  lines.push('Inputs:');
  for (const input of metadata.inputs) {
    const extra = input.required
      ? ' (required)'
      : input.default
        ? ` (default: ${input.default})`
        : '';
    lines.push(`  --${input.name}${extra}`, `      ${input.description}`);
  }
  lines.push('', 'Outputs (printed as JSON on stdout):');
  for (const output of metadata.outputs) lines.push(`  ${output.name}: ${output.description}`);
  return `${lines.join('\n')}\n`;
}

// Prettier would realign the tables; the generator owns their layout.
const DOCS_START =
  '<!-- action-docs:start (generated from action.yml by `npm run docs`) -->\n<!-- prettier-ignore-start -->';
const DOCS_END = '<!-- prettier-ignore-end -->\n<!-- action-docs:end -->';

/** The inputs and outputs tables of an action's README, generated so they never drift. */
export function formatDocs(metadata: ActionMetadata): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();
  const lines = [
    DOCS_START,
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
  ];
  for (const input of metadata.inputs) {
    const fallback = input.default === undefined ? '' : `\`${input.default}\``;
    lines.push(
      `| \`${input.name}\` | ${input.required ? 'yes' : 'no'} | ${fallback} | ${cell(input.description)} |`,
    );
  }
  lines.push('', '| output | description |', '| --- | --- |');
  for (const output of metadata.outputs)
    lines.push(`| \`${output.name}\` | ${cell(output.description)} |`);
  lines.push('', DOCS_END);
  return lines.join('\n');
}

/** The README with its generated block replaced (or appended when it has none yet). */
export function withDocs(readme: string, metadata: ActionMetadata): string {
  const start = readme.indexOf(DOCS_START);
  const end = readme.indexOf(DOCS_END);
  if (start === -1 || end === -1) return `${readme.trimEnd()}\n\n${formatDocs(metadata)}\n`;
  return `${readme.slice(0, start)}${formatDocs(metadata)}${readme.slice(end + DOCS_END.length)}`;
}
