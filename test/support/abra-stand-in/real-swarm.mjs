// The abra stand-in over a real Docker Swarm (ABRA_STAND_IN_DOCKER names the docker CLI, with
// DOCKER_HOST as the tests set it): what abra itself does to a server, done with the docker CLI.
// - deploy and upgrade: `docker stack deploy` of the recipe's own compose.yml, interpolated from
//   the app env (plus STACK_NAME), as abra deploys a recipe;
// - secrets: `docker secret create` with the generated value, named <stack>_<secret>_<version>;
// - undeploy: `docker stack rm`, then waits until the stack's containers and networks are gone
//   (abra waits too, and the volumes cannot be removed before);
// - rm: the stack's secrets and its volumes (by the stack label `docker stack deploy` sets);
// - backup and restore: the volumes' data on the engine's own disk: here, or on a server reached
//   over ssh (the server's tar, through the same ssh as the engine);
// - app run: `docker exec` in the service's running container;
// - app logs: `docker service logs` of each of the stack's services.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { onServer, serverEngine } from './server-ssh.mjs';
import {
  copyRemoteVolumeIn,
  copyRemoteVolumeOut,
  copyVolumeIn,
  copyVolumeOut,
} from './volume-copy.mjs';

const cli = process.env.ABRA_STAND_IN_DOCKER ?? 'docker';
const STACK_LABEL = 'com.docker.stack.namespace';

function docker(args, options = {}) {
  return execFileSync(cli, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}
const lines = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const ofStack = (kind, stack) =>
  lines(docker([kind, 'ls', '-q', '--filter', `label=${STACK_LABEL}=${stack}`]));
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Waits until `gone()` holds, for up to a minute; says so when it did not. */
function waitFor(gone, what) {
  for (let i = 0; i < 240; i++) {
    if (gone()) return;
    sleep(250);
  }
  throw new Error(`stand-in: ${what} still there after 60 s`);
}

export const realSwarm = {
  real: true,

  deployed(stack) {
    return ofStack('service', stack).length > 0;
  },

  /** What `abra app logs` shows: each service's log (its tasks, exited ones too), prefixed. */
  logs(stack) {
    const services = lines(
      docker([
        'service',
        'ls',
        '--format',
        '{{.Name}}',
        '--filter',
        `label=${STACK_LABEL}=${stack}`,
      ]),
    );
    return services
      .map((service) => {
        // The CLI writes a task's stderr to its own stderr: both are the service's log.
        const shown = spawnSync(cli, ['service', 'logs', '--tail', '50', service], {
          encoding: 'utf8',
        });
        return `${shown.stdout}${shown.stderr}`;
      })
      .join('');
  },

  missingSecret(names) {
    const existing = new Set(lines(docker(['secret', 'ls', '--format', '{{.Name}}'])));
    return names.find((n) => !existing.has(n));
  },

  createSecret(name, value = randomBytes(24).toString('hex')) {
    const made = spawnSync(cli, ['secret', 'create', name, '-'], {
      input: value,
      encoding: 'utf8',
    });
    return made.status === 0 ? undefined : made.stderr.trim();
  },

  deploy({ stack, composeFile, appEnv }) {
    docker(
      [
        'stack',
        'deploy',
        '--compose-file',
        composeFile,
        '--resolve-image',
        'never',
        '--prune',
        stack,
      ],
      {
        env: { ...process.env, ...appEnv, STACK_NAME: stack },
      },
    );
  },

  undeploy(stack) {
    docker(['stack', 'rm', stack]);
    waitFor(
      () =>
        lines(docker(['ps', '-aq', '--filter', `label=${STACK_LABEL}=${stack}`])).length === 0 &&
        ofStack('network', stack).length === 0,
      `the containers and networks of ${stack}`,
    );
  },

  removeData(stack) {
    for (const name of lines(docker(['secret', 'ls', '--format', '{{.Name}}']))) {
      if (name.startsWith(`${stack}_`)) docker(['secret', 'rm', name]);
    }
    const volumes = ofStack('volume', stack);
    if (volumes.length > 0) docker(['volume', 'rm', ...volumes]);
  },

  volumes(stack) {
    return ofStack('volume', stack);
  },

  volumePath(name) {
    return docker(['volume', 'inspect', '--format', '{{.Mountpoint}}', name]).trim();
  },

  saveVolume(name, into) {
    const path = this.volumePath(name);
    if (serverEngine() === null) copyVolumeOut(path, into);
    else copyRemoteVolumeOut(onServer, path, into);
  },

  loadVolume(from, name) {
    const path = this.volumePath(name);
    if (serverEngine() === null) copyVolumeIn(from, path);
    else copyRemoteVolumeIn(onServer, from, path);
  },

  /** Runs `command` in the running container of `service`, as `abra app run` does. */
  run(stack, service, command) {
    const [container] = lines(
      docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_${service}`]),
    );
    if (container === undefined) {
      return { status: 1, stdout: '', stderr: `no running container of ${stack}_${service}\n` };
    }
    const ran = spawnSync(cli, ['exec', container, ...command], { encoding: 'utf8' });
    return { status: ran.status ?? 1, stdout: ran.stdout, stderr: ran.stderr };
  },
};
