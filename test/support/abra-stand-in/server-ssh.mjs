// How the abra stand-in reaches a server that is not this machine, the way abra and Docker do:
// `server add <host>` takes User and Port for <host> from $HOME/.ssh/config (as abra does) and
// keeps the endpoint where Docker keeps contexts ($HOME/.docker); every later command on an app
// of that server connects with the `ssh` first on PATH and the process's environment, as Docker's
// SSH connection helper does. So a run without the machine's identity, its pinned host key or the
// same HOME fails here as it would with abra.
// - With a real engine (ABRA_STAND_IN_DOCKER), the server's own engine is the swarm: the real
//   docker CLI talks to it through its SSH connection helper (`-H ssh://user@host:port`, which
//   runs `ssh -l user -p port -- host docker system dial-stdio`), and every later docker call of
//   the stand-in goes there (DOCKER_HOST);
// - recorded (no engine), it runs `true` over ssh instead: the connection alone is checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

const home = () => process.env.HOME || homedir();
const contextFile = (server) =>
  join(home(), '.docker', 'contexts', 'recipe-ci-stand-in', `${server}.json`);

/** User and Port of the first `Host` block whose patterns name `host` (no wildcards needed). */
function sshConfigFor(host) {
  const file = join(home(), '.ssh', 'config');
  const found = { user: userInfo().username, port: '22' };
  if (!existsSync(file)) return found;
  let matching = false;
  const seen = new Set();
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const [key = '', ...rest] = raw.trim().split(/\s+/);
    const value = rest.join(' ').replace(/^"(.*)"$/, '$1');
    if (/^host$/i.test(key)) matching = rest.includes(host) || rest.includes('*');
    else if (matching && /^(user|port)$/i.test(key) && !seen.has(key.toLowerCase())) {
      seen.add(key.toLowerCase());
      found[key.toLowerCase()] = value;
    }
  }
  return found;
}

/** The endpoint `server add` kept, or undefined. */
function endpointOf(server) {
  const file = contextFile(server);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** The last line of what a failed ssh or docker call said. */
function lastLine(error) {
  return String(error.stderr ?? error.message)
    .trim()
    .split('\n')
    .at(-1);
}

/**
 * Connects as Docker would; returns an error message, or undefined when the server answered.
 * With a real engine, DOCKER_HOST then names the server's engine for every later docker call.
 */
export function reach(server) {
  const endpoint = endpointOf(server);
  if (endpoint === undefined)
    return `no Docker context for ${server} in ${home()}/.docker (was the server added with this HOME?)`;
  const { user, port } = endpoint;
  const engine = process.env.ABRA_STAND_IN_DOCKER;
  try {
    if (engine) {
      const host = `ssh://${user}@${server}:${port}`;
      execFileSync(engine, ['-H', host, 'info', '--format', '{{.Swarm.LocalNodeState}}'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        env: process.env,
      });
      process.env.DOCKER_HOST = host;
      return undefined;
    }
    execFileSync('ssh', ['-l', user, '-p', port, '--', server, 'true'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
      env: process.env,
    });
    return undefined;
  } catch (error) {
    return `cannot reach ${server} over ssh as ${user}@${server}:${port}: ${lastLine(error)}`;
  }
}

/** DOCKER_HOST's parts when it names a server's engine over ssh, else null. */
export function serverEngine() {
  return /^ssh:\/\/([^@]+)@([^:]+):(\d+)$/.exec(process.env.DOCKER_HOST ?? '');
}

/**
 * A shell command on the server DOCKER_HOST names over ssh (`ssh://user@host:port`), with
 * `input` on its stdin; undefined when DOCKER_HOST is not such a server.
 */
export function onServer(command, input) {
  const match = serverEngine();
  if (!match) return undefined;
  const [, user, host, port] = match;
  return spawnSync('ssh', ['-l', user, '-p', port, '--', host, command], {
    input,
    maxBuffer: 256 << 20,
    env: process.env,
  });
}

/**
 * `abra server add <host>`: the endpoint from the SSH config, kept, then checked once. With a
 * real engine it is also a Docker context named after the server, as abra makes one, so that
 * `docker --context <host>` (our swarm queries) reaches the same engine.
 */
export function addServer(server) {
  const { user, port } = sshConfigFor(server);
  mkdirSync(join(contextFile(server), '..'), { recursive: true });
  writeFileSync(contextFile(server), JSON.stringify({ user, port }));
  const engine = process.env.ABRA_STAND_IN_DOCKER;
  if (engine) {
    const made = spawnSync(
      engine,
      ['context', 'create', server, '--docker', `host=ssh://${user}@${server}:${port}`],
      { encoding: 'utf8', env: process.env },
    );
    if (made.status !== 0) return `docker context create ${server}: ${made.stderr.trim()}`;
  }
  return reach(server);
}
