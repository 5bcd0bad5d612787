#!/usr/bin/env node
/**
 * recipe-ci on a command line: the same actions, the same core, inputs from flags (or INPUT_*
 * variables), logs on stderr, outputs as one JSON object on stdout. Exit codes: 0 success,
 * 1 failure, 2 bad input, 130 cancelled.
 *
 *   recipe-ci run --recipe notes --targets "$(cat targets.yml)" --backend command
 *   recipe-ci readiness --hosts 10.0.0.5 --private-key-path key --timeout 5m
 *   recipe-ci provision post --state-file .recipe-ci/provision.state.json
 *
 * `run` alone runs its main step and then its post step (every cleanup) in one go; its secrets
 * come from the environment (SSH_PRIVATE_KEY, …), never from flags.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actions } from './actions/index.ts';
import { createRunAction } from './actions/run.ts';
import { checkInputNames, parseArgs, type CliArgs } from './cli/args.ts';
import { formatHelp, parseActionMetadata } from './cli/metadata.ts';
import { ConfigurationError, getErrorMessage } from './shared/errors.ts';
import { createCliRunner, type CliRunner } from './platform/cli-runner.ts';
import type { ActionDefinition } from './platform/context.ts';
import { ExitCode, runStep } from './platform/run.ts';
import { tellParent } from './platform/step-channel.ts';
import { endRunningPrograms } from './process/run-program.ts';
import { RUN_SECRETS, secretVariable } from './run/run-values.ts';

// This file sits one level below the package root both as src/cli.ts and as dist/cli.js.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * On a second signal, how long a single action's programs have after their SIGTERM before
 * SIGKILL: well within the 1.5 s actions/run gives its steps (platform/entry.ts), so a step has
 * ended its own programs before the run ends the step.
 */
const STEP_SECOND_SIGNAL_GRACE_MS = 500;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const names = ['run', ...Object.keys(actions)].join(', ');
  if (args.action === undefined) {
    process.stdout.write(
      `usage: recipe-ci <action> [main|post] [--input value]…\nactions: ${names}\n`,
    );
    return args.help ? ExitCode.ok : ExitCode.configuration;
  }
  const definition = args.action === 'run' ? createRunAction(packageRoot) : actions[args.action];
  if (definition === undefined) {
    throw new ConfigurationError(`unknown action "${args.action}"; choose one of: ${names}.`);
  }
  const metadataFile = join(packageRoot, 'actions', args.action, 'action.yml');
  const metadata = parseActionMetadata(readFileSync(metadataFile, 'utf8'));
  if (args.help) {
    process.stdout.write(formatHelp(args.action, metadata));
    return ExitCode.ok;
  }
  if (args.action === 'run') refuseSecretFlags(args.inputs.keys());
  const flags = metadata.inputs.filter(
    (i) => args.action !== 'run' || !(RUN_SECRETS as readonly string[]).includes(i.name),
  );
  checkInputNames(args.action, args.inputs.keys(), new Set(flags.map((i) => i.name)));
  const defaults = new Map<string, string>();
  for (const input of metadata.inputs) {
    // A `${{ … }}` default (report's github.token) means nothing off a runner: no default.
    if (input.default !== undefined && !input.default.includes('${{')) {
      defaults.set(input.name, input.default);
    }
  }
  const makeRunner = (stateFile: string): CliRunner =>
    createCliRunner({
      flags: args.inputs,
      defaults,
      env: process.env,
      stateFile,
      summaryFile: args.summaryFile,
      write: (text) => process.stderr.write(text),
    });
  if (args.action === 'run' && !args.phaseGiven) return runBoth(definition, args, makeRunner);
  const runner = makeRunner(args.stateFile ?? join('.recipe-ci', `${args.action}.state.json`));
  const code = await runStep(definition, args.phase, runner, {
    onSecondSignal: () => {
      // Stop at once, and end the programs this step started: they have process groups of their
      // own and would outlive it.
      void endRunningPrograms(STEP_SECOND_SIGNAL_GRACE_MS).finally(() => {
        process.exit(ExitCode.cancelled);
      });
    },
  });
  process.stdout.write(`${JSON.stringify(runner.outputs, null, 2)}\n`);
  return code;
}

/**
 * `recipe-ci run`: main, then post with main's state, as a runner runs a step and its post.
 * A second Ctrl-C does not skip the cleanup: the steps already stop at the first.
 */
async function runBoth(
  definition: ActionDefinition,
  args: CliArgs,
  makeRunner: (stateFile: string) => CliRunner,
): Promise<number> {
  const stateDir =
    args.stateFile === undefined ? mkdtempSync(join(tmpdir(), 'recipe-ci-run-state-')) : undefined;
  const runner = makeRunner(args.stateFile ?? join(stateDir ?? '', 'run.state.json'));
  try {
    const code = await runStep(definition, 'main', runner, {
      onSecondSignal: () => {
        runner.log.warning('run: already stopping; every post step still runs');
      },
    });
    await runStep(definition, 'post', runner);
    const left = runner.outputs.leftovers ?? '';
    const result = runner.outputs.result;
    if (result === undefined) printNoRun(code === ExitCode.configuration ? 'invalid' : 'failed');
    else process.stdout.write(`${JSON.stringify(JSON.parse(result), null, 2)}\n`);
    return code === ExitCode.ok && left !== '' ? ExitCode.failed : code;
  } finally {
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
  }
}

/** `recipe-ci run`'s one JSON object when no target ran: a caller parses stdout whatever happened. */
function printNoRun(status: 'invalid' | 'failed'): void {
  process.stdout.write(
    `${JSON.stringify({ status, targets: [], skipped: [], leftovers: [] }, null, 2)}\n`,
  );
}

/** A secret on a command line is readable by every user of the machine (ps, /proc). */
function refuseSecretFlags(given: Iterable<string>): void {
  for (const name of given) {
    if ((RUN_SECRETS as readonly string[]).includes(name)) {
      throw new ConfigurationError(
        `--${name} is a secret and is not taken as a flag (every user of this machine can read a command line); set the environment variable ${secretVariable(name)} instead.`,
      );
    }
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`recipe-ci: ${getErrorMessage(error)}\n`);
  // A calling run reads verdicts from its channel, not from this log: a post that could not even
  // start (its state unreadable) may have left everything its main made.
  const post = process.argv[3] === 'post';
  tellParent(process.env, { kind: post ? 'leftover' : 'error', message: getErrorMessage(error) });
  const bad = error instanceof ConfigurationError;
  if (process.argv[2] === 'run') printNoRun(bad ? 'invalid' : 'failed');
  process.exitCode = bad ? ExitCode.configuration : ExitCode.failed;
}
