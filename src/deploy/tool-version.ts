/**
 * `<tool> --version`, asked before a backend changes anything: a tool that is missing or does not
 * answer is a ConfigurationError that says what needs it and how to install it. What it said is
 * the caller's to judge (abra-version.ts reads a release from it).
 */
import { describeEnd, runProgram, succeeded } from '../process/run-program.ts';
import { ConfigurationError } from '../shared/errors.ts';

const VERSION_TIMEOUT_MS = 20_000;

/** The answer's whole output and its first line; throws `${needs}, and …; ${hint}` otherwise. */
export async function askVersion(
  program: string,
  needs: string,
  hint: string,
  options: { env: NodeJS.ProcessEnv; signal: AbortSignal },
): Promise<{ output: string; said: string }> {
  const result = await runProgram(program, ['--version'], {
    env: options.env,
    timeoutMs: VERSION_TIMEOUT_MS,
    signal: options.signal,
  });
  if (result.spawnError !== undefined) {
    throw new ConfigurationError(
      `${needs}, and there is no ${program} on PATH (${result.spawnError}); ${hint}`,
    );
  }
  const said = result.output.trim().split('\n')[0] ?? '';
  if (!succeeded(result)) {
    throw new ConfigurationError(
      `${needs}, and \`${program} --version\` ${describeEnd(result, '20s')}${said ? `: ${said}` : ''}; ${hint}`,
    );
  }
  return { output: result.output, said };
}
