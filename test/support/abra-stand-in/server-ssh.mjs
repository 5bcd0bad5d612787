// How the abra stand-in reaches a server that is not this machine, the way abra and Docker do:
// `server add <host>` takes User and Port for <host> from $HOME/.ssh/config (as abra does) and
// keeps the endpoint where Docker keeps contexts ($HOME/.docker); every later command on an app
// of that server opens `ssh -l <user> -p <port> -- <host> …` with the `ssh` first on PATH and
// the process's environment, as Docker's SSH connection helper does. So a run without the
// machine's identity, its pinned host key or the same HOME fails here as it would with abra.
// It runs `true` on the server instead of `docker system dial-stdio`: the lab guest has no Docker.
import { execFileSync } from 'node:child_process';
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

/** Connects as Docker would; returns an error message, or undefined when the server answered. */
export function reach(server) {
  const file = contextFile(server);
  if (!existsSync(file))
    return `no Docker context for ${server} in ${home()}/.docker (was the server added with this HOME?)`;
  const { user, port } = JSON.parse(readFileSync(file, 'utf8'));
  try {
    execFileSync('ssh', ['-l', user, '-p', port, '--', server, 'true'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
      env: process.env,
    });
    return undefined;
  } catch (error) {
    const said = String(error.stderr ?? error.message)
      .trim()
      .split('\n')
      .at(-1);
    return `cannot reach ${server} over ssh as ${user}@${server}:${port}: ${said}`;
  }
}

/** `abra server add <host>`: the endpoint from the SSH config, kept, then checked once. */
export function addServer(server) {
  const { user, port } = sshConfigFor(server);
  mkdirSync(join(contextFile(server), '..'), { recursive: true });
  writeFileSync(contextFile(server), JSON.stringify({ user, port }));
  return reach(server);
}
