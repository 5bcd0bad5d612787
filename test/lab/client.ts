/**
 * Looking at guests from OUTSIDE, the way a user's machine would: the plain OpenSSH client,
 * ssh-keyscan, a raw TCP socket, and the docker CLI over SSH. Every helper first asks the lab's
 * guard, so a test can never point them at an address the lab did not create.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Guard } from './guard.ts';
import type { TcpProbeOptions, TcpProbeResult } from './probe.ts';
import { tcpProbe } from './probe.ts';
import type { ExecResult } from './run.ts';
import { run, runChecked, shellQuote } from './run.ts';

/** The key pair the lab generated for tests to log in with. */
export interface ClientKey {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  /** The `ssh-ed25519 AAAA… comment` line. */
  readonly publicKey: string;
}

/** Something with an address and a port: a Guest, or a plain object for a refused-address test. */
export interface Target {
  readonly address: string;
  readonly port: number;
}

export interface SshOptions {
  /** ssh's ConnectTimeout, in seconds. Default 3. */
  readonly connectTimeoutSec?: number;
  /** Kill the client after this long. Default 20 s. */
  readonly timeoutMs?: number;
  /** More `-o` options, e.g. `['StrictHostKeyChecking=yes', 'UserKnownHostsFile=/tmp/kh']`. */
  readonly options?: readonly string[];
}

/** The client and its options, as a context for the helpers. */
export interface ClientContext {
  readonly guard: Guard;
  readonly clientKey: ClientKey;
}

/**
 * `ssh` arguments for a non-interactive root login with the lab key. ssh keeps the first value it
 * is given for an option, so `options` come first and override these defaults.
 */
export function sshArgs(
  ctx: ClientContext,
  target: Target,
  command: string,
  options: SshOptions = {},
): string[] {
  ctx.guard.assertAddress(target.address);
  const extra = (options.options ?? []).flatMap((o) => ['-o', o]);
  return [
    ...extra,
    '-i',
    ctx.clientKey.privateKeyPath,
    '-p',
    String(target.port),
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    `ConnectTimeout=${options.connectTimeoutSec ?? 3}`,
    '-o',
    'LogLevel=ERROR',
    `root@${target.address}`,
    command,
  ];
}

/** Run `command` on the guest over SSH and wait for the client to end. */
export async function ssh(
  ctx: ClientContext,
  target: Target,
  command: string,
  options: SshOptions = {},
): Promise<ExecResult> {
  return run('ssh', sshArgs(ctx, target, command, options), {
    timeoutMs: options.timeoutMs ?? 20_000,
  });
}

/** Start an SSH session that keeps running (e.g. `sleep 60`); the caller owns the process. */
export function spawnSsh(
  ctx: ClientContext,
  target: Target,
  command: string,
  options: SshOptions = {},
): ChildProcess {
  return spawn('ssh', sshArgs(ctx, target, command, options), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The host key a guest presents, as ssh-keyscan sees it; undefined if none was obtained. */
export async function keyscan(
  ctx: ClientContext,
  target: Target,
  timeoutSec = 3,
): Promise<{ publicKey: string; fingerprint: string } | undefined> {
  ctx.guard.assertAddress(target.address);
  const scan = await run('ssh-keyscan', [
    '-t',
    'ed25519',
    '-T',
    String(timeoutSec),
    '-p',
    String(target.port),
    target.address,
  ]);
  const line = scan.stdout.split('\n').find((l) => l.includes(' ssh-ed25519 '));
  if (line === undefined) return undefined;
  const publicKey = line.slice(line.indexOf('ssh-ed25519'));
  const printed = await runChecked('ssh-keygen', ['-l', '-E', 'sha256', '-f', '-'], {
    input: `${line}\n`,
  });
  const fingerprint = printed.split(' ')[1] ?? '';
  return { publicKey, fingerprint };
}

/** What the host's `docker` needs to reach a guest's engine over SSH (see dockerSshEnv). */
export interface DockerSshEnv {
  /** `ssh://root@<address>`: Docker's SSH connection helper. */
  readonly DOCKER_HOST: string;
  /** A directory whose `ssh` adds `-F <the guest's client config>`, then the caller's PATH. */
  readonly PATH: string;
  /** The CLI's own config directory, so the host user's ~/.docker plays no part. */
  readonly DOCKER_CONFIG: string;
}

/** A guest as dockerSshEnv needs it. */
export interface SshTarget extends Target {
  hostPublicKey(): string;
}

/**
 * Write, in `dir`, what a user's machine has to run `docker -H ssh://root@<guest>`: an OpenSSH
 * client config for the guest (the lab key, root, StrictHostKeyChecking with a known_hosts that
 * pins only the guest's current host key), and an `ssh` that uses it. Docker's SSH connection
 * helper runs `ssh … -- <address> docker system dial-stdio` with the `ssh` it finds on PATH and no
 * `-F`, and OpenSSH reads the passwd home's ~/.ssh/config, not $HOME's — so the wrapper is the way
 * in without touching root's own ~/.ssh (the same way src/deploy/abra-ssh.ts gives abra a run's
 * config).
 */
export async function dockerSshEnv(
  ctx: ClientContext,
  guest: SshTarget,
  dir: string,
): Promise<DockerSshEnv> {
  ctx.guard.assertAddress(guest.address);
  const bin = join(dir, 'bin');
  const dockerConfig = join(dir, 'docker');
  for (const d of [bin, dockerConfig]) await mkdir(d, { recursive: true, mode: 0o700 });
  const knownHosts = join(dir, 'known_hosts');
  const name = guest.port === 22 ? guest.address : `[${guest.address}]:${guest.port}`;
  await writeFile(knownHosts, `${name} ${guest.hostPublicKey()}\n`, { mode: 0o600 });
  const config = join(dir, 'ssh_config');
  await writeFile(
    config,
    [
      `Host ${guest.address}`,
      '  User root',
      `  Port ${guest.port}`,
      `  IdentityFile ${ctx.clientKey.privateKeyPath}`,
      '  IdentitiesOnly yes',
      '  BatchMode yes',
      '  StrictHostKeyChecking yes',
      `  UserKnownHostsFile ${knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  LogLevel ERROR',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const ssh = join(bin, 'ssh');
  await writeFile(
    ssh,
    `#!/bin/sh\nexec ${shellQuote(await realSsh(bin))} -F ${shellQuote(config)} "$@"\n`,
    { mode: 0o700 },
  );
  return {
    DOCKER_HOST: `ssh://root@${guest.address}`,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    DOCKER_CONFIG: dockerConfig,
  };
}

/** The OpenSSH client on PATH, never the wrapper in `skip`. */
async function realSsh(skip: string): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir === skip) continue;
    try {
      await access(join(dir, 'ssh'), constants.X_OK);
      return join(dir, 'ssh');
    } catch {
      // not here
    }
  }
  throw new Error('no ssh on PATH: install openssh-client');
}

/** One raw TCP connection attempt (see probe.ts). */
export async function probe(
  ctx: ClientContext,
  target: Target,
  options: TcpProbeOptions,
): Promise<TcpProbeResult> {
  ctx.guard.assertAddress(target.address);
  return tcpProbe(target.address, target.port, options);
}
