/**
 * The guest's real OpenSSH server: its configuration, its host keys, and starting it inside the
 * guest's namespaces. Paths here are the guest's own (/etc/ssh, /root, /run, /var/log): the guest's
 * mount namespace maps them to its directory in the lab.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { runChecked } from './run.ts';

export const SSHD = '/usr/sbin/sshd';

/** Inside the guest. */
export const GUEST_SSHD_CONFIG = '/etc/ssh/sshd_config';
export const GUEST_HOST_KEY = '/etc/ssh/ssh_host_ed25519_key';
export const GUEST_AUTHORIZED_KEYS = '/root/.ssh/authorized_keys';
export const GUEST_SSHD_LOG = '/var/log/sshd.log';

/**
 * A minimal, explicit sshd_config: root may log in with a key only, as on a freshly provisioned
 * cloud image. No Banner: what a client sees first is the SSH identification string.
 */
export function renderSshdConfig(address: string, port: number): string {
  return [
    `ListenAddress ${address}:${port}`,
    `HostKey ${GUEST_HOST_KEY}`,
    'PidFile /run/sshd.pid',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    `AuthorizedKeysFile ${GUEST_AUTHORIZED_KEYS}`,
    'StrictModes yes',
    'UseDNS no',
    'PrintMotd no',
    'LogLevel VERBOSE',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

/** An ed25519 key pair written by ssh-keygen at `path` and `path.pub`. */
export async function generateKey(path: string, comment = ''): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.pub`, { force: true });
  await runChecked('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

/** Move a key pair (private and .pub) to a new path, replacing what is there. */
export async function moveKey(from: string, to: string): Promise<void> {
  await rename(`${from}.pub`, `${to}.pub`);
  await rename(from, to);
}

/** The key's fingerprint exactly as `ssh-keygen -lf` prints it: `SHA256:…`. */
export async function fingerprintOf(publicKeyPath: string): Promise<string> {
  const out = await runChecked('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  const fingerprint = out.split(' ')[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen output: ${out}`);
  return fingerprint;
}

/**
 * Start sshd in the foreground inside the namespaces held by `holderPid`. nsenter execs sshd, so
 * the returned process is the listener itself; its sessions are children it forks. Output goes
 * to `logFd` so sshd never depends on a pipe to this process.
 */
export function spawnSshd(holderPid: number, logFd: number): ChildProcess {
  const child = spawn(
    'nsenter',
    [
      '-t',
      String(holderPid),
      '-m',
      '-n',
      '--',
      SSHD,
      '-D',
      '-f',
      GUEST_SSHD_CONFIG,
      '-E',
      GUEST_SSHD_LOG,
    ],
    // Its own process group: a Ctrl-C to the driver must not take the guest down before the
    // driver's cleanup has used it (the lab's cleanup kills it by namespace).
    { stdio: ['ignore', logFd, logFd], detached: true },
  );
  child.unref();
  return child;
}
