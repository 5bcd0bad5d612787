/**
 * How abra reaches the handed-over machine with the run's key and only the pinned host key,
 * without touching the runner user's `~/.ssh` or `~/.docker`.
 *
 * abra talks to a server through a Docker context whose endpoint is `ssh://<user>@<host>:<port>`
 * (`abra server add <host>` takes user and port from the SSH config of `$HOME`; Co-op Cloud's
 * docs tell operators to put their servers in `~/.ssh/config`). Docker's SSH connection helper
 * (docker/cli `cli/connhelper/ssh`) then runs `ssh -l <user> -p <port> -- <host> docker system
 * dial-stdio` with the `ssh` it finds on PATH, passing no `-F`; OpenSSH reads `~/.ssh/config` of
 * the passwd home directory, not `$HOME`. So each run gets:
 *
 * - a HOME of its own whose `.ssh/config` is the run's client config (abra's parser reads it;
 *   Docker keeps the context abra creates in its `.docker`, so no context outlives the run), and
 * - an `ssh` first on PATH that runs the real ssh with `-F` that same file, so the connection
 *   Docker opens uses the run key, the pinned known_hosts and StrictHostKeyChecking.
 *
 * The file's `Host` line names both `target` and the machine's address, so `abra server add
 * <address>` matches it.
 */
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The per-run HOME, next to the run's ABRA_DIR. */
export function abraHomeOf(abraDir: string): string {
  return `${abraDir}-home`;
}

/**
 * Writes the per-run HOME (`.ssh/config`, `bin/ssh`) and returns the env abra and docker get:
 * HOME and PATH. Throws when no `ssh` is on PATH, which abra could not do without either.
 */
export function prepareAbraSsh(
  abraDir: string,
  sshConfigPath: string,
  env: NodeJS.ProcessEnv,
): { HOME: string; PATH: string } {
  const home = abraHomeOf(abraDir);
  const sshDir = join(home, '.ssh');
  const bin = join(home, 'bin');
  mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  mkdirSync(bin, { recursive: true, mode: 0o700 });
  const config = join(sshDir, 'config');
  writeFileSync(config, readFileSync(sshConfigPath, 'utf8'), { mode: 0o600 });
  const path = env.PATH ?? '';
  const ssh = findOnPath('ssh', path, bin);
  if (ssh === undefined) {
    throw new Error('no ssh on PATH: abra reaches a server over OpenSSH; install openssh-client');
  }
  writeFileSync(
    join(bin, 'ssh'),
    `#!/bin/sh\n# recipe-ci: the run's SSH config for every ssh abra and docker start.\nexec ${shellQuote(ssh)} -F ${shellQuote(config)} "$@"\n`,
    { mode: 0o700 },
  );
  return { HOME: home, PATH: `${bin}${delimiter}${path}` };
}

export function removeAbraHome(abraDir: string): void {
  rmSync(abraHomeOf(abraDir), { recursive: true, force: true });
}

/** The first `name` on `path`, never our own shim in `skip`. */
function findOnPath(name: string, path: string, skip: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '' || dir === skip) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
