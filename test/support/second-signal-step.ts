/**
 * A step as a runner starts it (platform/entry.ts) whose main runs one child step the way
 * actions/run runs its steps (run/step-process.ts): through the process runner, in its own
 * process group, cancelled with the run and given minutes to stop. For the tests of a second
 * signal; run from the repository's root:
 *
 *   node --import tsx test/support/second-signal-step.ts stubborn <pid-file>
 *     the child step ignores SIGTERM and writes its pid to <pid-file>
 *   node --import tsx test/support/second-signal-step.ts cli <create-command>
 *     the child step is `recipe-ci provision main` with a command provider running <create-command>
 */
import { runActionStep } from '../../src/platform/entry.ts';
import { runProgram } from '../../src/process/run-program.ts';

const [mode, argument = ''] = process.argv.slice(2);

const STUBBORN = `
process.on('SIGTERM', () => undefined);
require('node:fs').writeFileSync(${JSON.stringify(argument)}, String(process.pid));
setTimeout(() => undefined, 60_000);
`;

const step =
  mode === 'stubborn'
    ? ['-e', STUBBORN]
    : [
        '--import',
        'tsx',
        'src/cli.ts',
        'provision',
        'main',
        '--provider',
        'command',
        '--create-command',
        argument,
        '--destroy-command',
        'true',
        '--state-file',
        `${process.env.RUNNER_TEMP ?? '.'}/provision.state.json`,
      ];

await runActionStep(
  {
    name: 'outer',
    main: async (context) => {
      await runProgram(process.execPath, step, {
        signal: context.signal,
        killGraceMs: 3 * 60_000,
        onLine: (line) => {
          process.stderr.write(`step: ${line}\n`);
        },
      });
    },
  },
  'main',
);
