/**
 * The abra backend reads the app's services and tasks with the docker CLI (swarm.ts), through the
 * Docker context abra makes for the server. abra itself carries Docker's client library, so a
 * runner image with abra and without docker (node:20, which Drone and Woodpecker pipelines use)
 * would deploy the app and then fail every health gate with "docker: not found". Checked before
 * anything is made, with how to install it. `docker --version` asks no daemon.
 */
import { askVersion } from './tool-version.ts';

export const INSTALL_DOCKER_HINT =
  'install the Docker CLI (Debian and Ubuntu: apt-get install docker.io; no daemon needs to run on the runner)';

/** Throws a ConfigurationError unless `docker --version` answers; returns its first line. */
export async function checkDockerCli(options: {
  docker?: string | undefined;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}): Promise<string> {
  const needs = 'backend abra reads the app’s services through Docker’s CLI';
  return (await askVersion(options.docker ?? 'docker', needs, INSTALL_DOCKER_HINT, options)).said;
}
