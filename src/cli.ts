#!/usr/bin/env node
/**
 * recipe-ci on a command line: the same actions, the same core, inputs from flags (or INPUT_*
 * variables), logs on stderr, outputs as one JSON object on stdout. Exit codes: 0 success,
 * 1 failure, 2 bad input, 130 cancelled.
 *
 *   recipe-ci readiness --hosts 10.0.0.5 --private-key-path key --timeout 5m
 *   recipe-ci provision post --state-file .recipe-ci/provision.state.json
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actions } from './actions/index.ts';
import { checkInputNames, parseArgs } from './cli/args.ts';
import { formatHelp, parseActionMetadata } from './cli/metadata.ts';
import { ConfigurationError, getErrorMessage } from './shared/errors.ts';
import { createCliRunner } from './platform/cli-runner.ts';
import { ExitCode, runStep } from './platform/run.ts';

// This file sits one level below the package root both as src/cli.ts and as dist/cli.js.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const names = Object.keys(actions).join(', ');
  if (args.action === undefined) {
    process.stdout.write(
      `usage: recipe-ci <action> [main|post] [--input value]…\nactions: ${names}\n`,
    );
    return args.help ? ExitCode.ok : ExitCode.configuration;
  }
  const definition = actions[args.action];
  if (definition === undefined) {
    throw new ConfigurationError(`unknown action "${args.action}"; choose one of: ${names}.`);
  }
  const metadataFile = join(packageRoot, 'actions', args.action, 'action.yml');
  const metadata = parseActionMetadata(readFileSync(metadataFile, 'utf8'));
  if (args.help) {
    process.stdout.write(formatHelp(args.action, metadata));
    return ExitCode.ok;
  }
  checkInputNames(args.action, args.inputs.keys(), new Set(metadata.inputs.map((i) => i.name)));
  const defaults = new Map<string, string>();
  for (const input of metadata.inputs) {
    if (input.default !== undefined) defaults.set(input.name, input.default);
  }
  const runner = createCliRunner({
    flags: args.inputs,
    defaults,
    env: process.env,
    stateFile: args.stateFile ?? join('.recipe-ci', `${args.action}.state.json`),
    summaryFile: args.summaryFile,
    write: (text) => process.stderr.write(text),
  });
  const code = await runStep(definition, args.phase, runner, {
    onSecondSignal: () => {
      process.exit(ExitCode.cancelled);
    },
  });
  process.stdout.write(`${JSON.stringify(runner.outputs, null, 2)}\n`);
  return code;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`recipe-ci: ${getErrorMessage(error)}\n`);
  process.exitCode = error instanceof ConfigurationError ? ExitCode.configuration : ExitCode.failed;
}
