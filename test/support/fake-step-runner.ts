/**
 * A fake of the chain's step runner (src/run/target-chain.ts StepRunner) for unit tests: no
 * processes, no root. Each step's behaviour is scripted by "<action> <phase>"; every call is
 * recorded in order with the inputs it was given, and steps print and report through the same
 * callbacks a real step process uses (log lines as data, verdicts and leftovers on the channel).
 */
import type { StepProcessOptions, StepProcessResult } from '../../src/run/step-process.ts';
import type { StepRunner } from '../../src/run/target-chain.ts';

export interface ScriptedStep {
  code?: number;
  outputs?: Record<string, string>;
  /** Log lines the step prints (data). */
  log?: string[];
  /** Reported on the channel. */
  warnings?: string[];
  errors?: string[];
  leftovers?: string[];
  /** Runs before the step ends: wait, abort something, throw. A number it returns is the code. */
  during?: (options: StepProcessOptions) => Promise<unknown>;
}

export interface StepCall {
  step: string;
  inputs: Readonly<Record<string, string>>;
  workDir: string;
  /** RECIPE_CI_JOB_STATUS as the step saw it. */
  jobStatus: string | undefined;
}

export interface FakeStepRunner {
  run: StepRunner;
  calls: StepCall[];
  /** "<action> <phase>" of every call, in order. */
  steps(): string[];
}

const HANDED_ON: Record<string, Record<string, string>> = {
  'provision main': { hosts: '192.0.2.7', user: 'root', 'private-key-path': '/k' },
  'readiness main': { 'known-hosts': '192.0.2.7 ssh-ed25519 AAAA' },
};

/** `script(action, phase, workDir)` says what a step does; unscripted steps pass. */
export function fakeStepRunner(
  script: (step: string, workDir: string) => ScriptedStep | undefined = () => undefined,
): FakeStepRunner {
  const calls: StepCall[] = [];
  const run: StepRunner = async (action, phase, inputs, options) => {
    const step = `${action} ${phase}`;
    calls.push({
      step,
      inputs,
      workDir: options.workDir,
      jobStatus: options.env.RECIPE_CI_JOB_STATUS,
    });
    const scripted = script(step, options.workDir) ?? {};
    for (const line of scripted.log ?? []) options.onLine(line);
    for (const message of scripted.warnings ?? []) options.onVerdict('warning', message);
    for (const message of scripted.errors ?? []) options.onVerdict('error', message);
    const returned = await scripted.during?.(options);
    const code = typeof returned === 'number' ? returned : (scripted.code ?? 0);
    const result: StepProcessResult = {
      action,
      phase,
      code,
      outputs: scripted.outputs ?? HANDED_ON[step] ?? {},
      log: scripted.log ?? [],
      warnings: scripted.warnings ?? [],
      errors: scripted.errors ?? [],
      leftovers: scripted.leftovers ?? [],
      summaryFile: `${options.workDir}/summary/${action}-${phase}.md`,
      seconds: 0,
    };
    return result;
  };
  return { run, calls, steps: () => calls.map((c) => c.step) };
}
