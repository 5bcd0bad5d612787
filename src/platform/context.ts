/**
 * What an action's main or post step is given: parsed-once inputs, outputs, state, the secret
 * registry, logging, reporting and the cancellation signal. Built by the run wrapper from a Runner.
 */
import type { Platform } from './detect.ts';
import { Inputs } from './inputs.ts';
import { Outputs } from './outputs.ts';
import type { Report } from './report.ts';
import type { Logger, Runner } from './runner.ts';
import { Secrets } from './secrets.ts';
import { StateStore } from './state.ts';

export type Phase = 'main' | 'post';

export interface ActionContext {
  readonly phase: Phase;
  readonly platform: Platform;
  readonly inputs: Inputs;
  readonly outputs: Outputs;
  readonly state: StateStore;
  readonly secrets: Secrets;
  readonly log: Logger;
  /** Aborted when the runner cancels the step; long waits must listen to it. */
  readonly signal: AbortSignal;
  readonly group: <T>(title: string, fn: () => Promise<T>) => Promise<T>;
  /** Write a result to the log and to the job summary. */
  readonly publish: (report: Report) => Promise<void>;
  /** Markdown for the job summary only (e.g. what a step run as a child wrote to its own). */
  readonly appendSummary: (markdown: string) => Promise<void>;
  /** Set an env variable for this step and every later step of the job (GITHUB_ENV). */
  readonly exportVariable: (name: string, value: string) => void;
}

/** One action: its name (the prefix of its failures), its main step and, if it creates things, a post step. */
export interface ActionDefinition {
  readonly name: string;
  main(context: ActionContext): Promise<void>;
  post?(context: ActionContext): Promise<void>;
}

export function createContext(runner: Runner, phase: Phase, signal: AbortSignal): ActionContext {
  const secrets = new Secrets((value) => {
    runner.mask(value);
  });
  for (const value of runner.knownSecrets ?? []) secrets.add(value);
  const source = runner.inputs;
  const inputs = new Inputs({
    get: (name) => source.get(name),
    label: (name) => source.label(name),
    onSecret: (value) => {
      secrets.add(value);
      source.onSecret(value);
    },
  });
  return {
    phase,
    platform: runner.platform,
    inputs,
    outputs: new Outputs((name, value) => {
      runner.setOutput(name, value);
    }, secrets),
    state: new StateStore(runner, secrets),
    secrets,
    log: runner.log,
    signal,
    group: (title, fn) => runner.group(title, fn),
    exportVariable: (name, value) => {
      runner.exportVariable(name, value);
    },
    appendSummary: (markdown) => runner.appendSummary(secrets.redact(markdown)),
    publish: async (report) => {
      for (const line of report.toLogLines()) runner.log.info(line);
      // A summary file is not a log line: nothing masks it for us.
      await runner.appendSummary(secrets.redact(report.toMarkdown()));
    },
  };
}
