/**
 * The machine handed from provision and readiness to the deploy step: its address, the run's
 * key and the host key readiness pinned. A recipe's commands reach it with the system `ssh`
 * (`ssh -F "$RECIPE_CI_SSH_CONFIG" target …`, scp, rsync), so this writes an OpenSSH client
 * config that trusts only the pinned key, and checks, before anything is deployed, that the
 * machine still shows that key.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshFailure } from './failure.ts';
import { openSshSession, type ConnectOptions, type SshSession } from './session.ts';

/** The alias every recipe command uses: `ssh -F "$RECIPE_CI_SSH_CONFIG" target`. */
export const SSH_ALIAS = 'target';

export interface MachineAccess {
  host: string;
  port: number;
  user: string;
  privateKeyPath: string;
  knownHostsPath: string;
}

/** One pinned host key: the known_hosts key text and its SHA256 fingerprint. */
export interface PinnedKey {
  keyText: string;
  fingerprint: string;
}

/** How known_hosts names a host: OpenSSH writes `[host]:port` for any port but 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${String(port)}`;
}

/**
 * The keys a known_hosts text pins for one host (plain names only: readiness writes no hashed
 * `|1|` entries, and a `@revoked` or `@cert-authority` line pins nothing here).
 */
export function pinnedKeysFor(knownHosts: string, host: string, port: number): PinnedKey[] {
  const name = knownHostsName(host, port);
  const keys: PinnedKey[] = [];
  for (const raw of knownHosts.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('@')) continue;
    const [names = '', type = '', blob = ''] = line.split(/\s+/);
    if (!names.split(',').includes(name) || blob === '') continue;
    const fingerprint = `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
    keys.push({ keyText: `${type} ${blob}`, fingerprint });
  }
  return keys;
}

/** A value for an OpenSSH config line, quoted so a path with spaces stays one argument. */
function configValue(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The client config: one `Host target <address>` entry with the run key only (IdentitiesOnly, so an agent
 * or ~/.ssh keys are never offered) and the pinned file only (StrictHostKeyChecking yes, no
 * global file), and BatchMode so a problem is an error, never a prompt that hangs the job.
 */
export function sshClientConfig(access: MachineAccess): string {
  const lines = [
    '# Written by recipe-ci for one run: the provisioned machine with its pinned host key.',
    // Both names: `ssh target` for recipe commands, the address for `abra server add <address>`.
    `Host ${SSH_ALIAS} ${configValue(access.host)}`,
    `  HostName ${configValue(access.host)}`,
    `  Port ${String(access.port)}`,
    `  User ${configValue(access.user)}`,
    `  IdentityFile ${configValue(access.privateKeyPath)}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${configValue(access.knownHostsPath)}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  PasswordAuthentication no',
    '  ConnectTimeout 20',
    '  ServerAliveInterval 15',
  ];
  return `${lines.join('\n')}\n`;
}

/** Write the config into `dir` (the run's own folder) and return its path. */
export function writeSshClientConfig(dir: string, access: MachineAccess): string {
  const path = join(dir, 'ssh_config');
  writeFileSync(path, sshClientConfig(access), { mode: 0o600 });
  return path;
}

/** The machine shows a host key other than the one readiness pinned. */
export class HostKeyChangedError extends Error {
  override readonly name = 'HostKeyChangedError';
}

type Connect = (options: ConnectOptions) => Promise<SshSession>;

/**
 * Connect once with the run key and accept only the pinned keys. A different key stops the run
 * here, before any deploy, with both fingerprints: the machine was replaced or someone is in
 * between, and a deploy would hand the app's secrets to it.
 */
export async function checkPinnedHostKey(
  access: MachineAccess,
  pinned: PinnedKey[],
  privateKey: string,
  options: { timeoutMs: number; signal?: AbortSignal; connect?: Connect },
): Promise<string> {
  const allowed = new Set(pinned.map((k) => k.fingerprint));
  let offered: string | undefined;
  const connect = options.connect ?? openSshSession;
  try {
    const session = await connect({
      target: { host: access.host, port: access.port, user: access.user },
      privateKey,
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      acceptHostKey: (fingerprint) => {
        offered = fingerprint;
        return allowed.has(fingerprint);
      },
    });
    session.close();
    return session.hostKey;
  } catch (error) {
    if (offered !== undefined && !allowed.has(offered)) {
      throw new HostKeyChangedError(
        `${knownHostsName(access.host, access.port)} shows host key ${offered}, not the pinned ${[...allowed].join(' or ')} from known-hosts; ` +
          'nothing was deployed. The machine changed after readiness: re-run readiness, or find out who answers on that address.',
      );
    }
    const why = error instanceof SshFailure ? `${error.kind}: ${error.message}` : String(error);
    throw new Error(
      `cannot reach ${access.user}@${knownHostsName(access.host, access.port)} with the run key (${why}); nothing was deployed`,
    );
  }
}
