/**
 * The abra backend reads the app's services and tasks with the docker CLI (swarm.ts), through the
 * Docker context abra makes for the server. abra itself carries Docker's client library, so a
 * runner image with abra and without docker (node:20, which Drone and Woodpecker pipelines use)
 * would deploy the app and then fail every health gate with "docker: not found". Checked before
 * anything is made, with how to install it. `docker --version` asks no daemon.
 */
import { describeEnd, runProgram, succeeded } from '../process/run-program.ts';
import { ConfigurationError } from '../shared/errors.ts';

const VERSION_TIMEOUT_MS = 20_000;

export const INSTALL_DOCKER_HINT =
  'install the Docker CLI (Debian and Ubuntu: apt-get install docker.io; no daemon needs to run on the runner)';

/** Throws a ConfigurationError unless `docker --version` answers; returns its first line. */
export async function checkDockerCli(options: {
  docker?: string | undefined;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}): Promise<string> {
  const docker = options.docker ?? 'docker';
  const result = await runProgram(docker, ['--version'], {
    env: options.env,
    timeoutMs: VERSION_TIMEOUT_MS,
    signal: options.signal,
  });
  const why = 'backend abra reads the app’s services through Docker’s CLI';
  if (result.spawnError !== undefined) {
    throw new ConfigurationError(
      `${why}, and there is no ${docker} on PATH (${result.spawnError}); ${INSTALL_DOCKER_HINT}`,
    );
  }
  const said = result.output.trim().split('\n')[0] ?? '';
  if (!succeeded(result)) {
    throw new ConfigurationError(
      `${why}, and \`${docker} --version\` ${describeEnd(result, '20s')}${said ? `: ${said}` : ''}; ${INSTALL_DOCKER_HINT}`,
    );
  }
  return said;
}
