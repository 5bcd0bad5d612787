/**
 * A fake of the Actions runner's process environment: GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV
 * and GITHUB_STEP_SUMMARY files in a temporary folder, INPUT_* with action.yml defaults filled in
 * (as the runner does), and parsers for the files a step wrote. One instance is one job: what a
 * step exported through GITHUB_ENV is in the env of every later step, as on a runner.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActionMetadata } from '../../src/cli/metadata.ts';
import { tempDir } from './temp-dir.ts';

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** What the steps of this job exported through GITHUB_ENV so far. */
  exported: Record<string, string>;
  summary: string;
}

export class FakeActionsEnv {
  readonly dir = tempDir('recipe-ci-runner-');
  readonly files = {
    output: join(this.dir, 'output'),
    state: join(this.dir, 'state'),
    summary: join(this.dir, 'summary'),
    env: join(this.dir, 'env'),
  };

  constructor() {
    for (const file of Object.values(this.files)) writeFileSync(file, '');
  }

  /** The environment of a step of `action` with these inputs (defaults from action.yml). */
  env(action: string, inputs: Record<string, string>, state: Record<string, string> = {}) {
    const meta = parseActionMetadata(readFileSync(join('actions', action, 'action.yml'), 'utf8'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: this.files.output,
      GITHUB_STATE: this.files.state,
      GITHUB_STEP_SUMMARY: this.files.summary,
      GITHUB_ENV: this.files.env,
      RUNNER_TEMP: this.dir,
      ...parseCommandFile(readFileSync(this.files.env, 'utf8')),
    };
    for (const input of meta.inputs) {
      const value = inputs[input.name] ?? input.default;
      if (value !== undefined) env[`INPUT_${input.name.toUpperCase()}`] = value;
    }
    for (const [key, value] of Object.entries(state)) env[`STATE_${key}`] = value;
    return env;
  }

  /**
   * Run `dist/<action>/<phase>.js` as a runner would, in this environment, and collect what it
   * wrote. `env` adds to (or overrides) the runner's variables, e.g. GITHUB_RUN_ID.
   */
  async run(
    action: string,
    phase: 'main' | 'post',
    inputs: Record<string, string>,
    options: {
      state?: Record<string, string>;
      env?: NodeJS.ProcessEnv;
      onStdout?: Parameters<typeof runProcess>[2];
    } = {},
  ): Promise<StepResult> {
    const { code, stdout, stderr } = await runProcess(
      [join('dist', action, `${phase}.js`)],
      { ...this.env(action, inputs, options.state), ...options.env },
      options.onStdout,
    );
    return this.result(code, stdout, stderr);
  }

  result(code: number | null, stdout: string, stderr: string): StepResult {
    return {
      code,
      stdout,
      stderr,
      outputs: parseCommandFile(readFileSync(this.files.output, 'utf8')),
      state: parseCommandFile(readFileSync(this.files.state, 'utf8')),
      exported: parseCommandFile(readFileSync(this.files.env, 'utf8')),
      summary: readFileSync(this.files.summary, 'utf8'),
    };
  }
}

/** GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV use `name<<delimiter\nvalue\ndelimiter` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const body: string[] = [];
    while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i] ?? '');
    values[name] = body.join('\n');
  }
  return values;
}

/** Run a process to its end and collect what it printed. */
export function runProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  onStdout?: (chunk: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
