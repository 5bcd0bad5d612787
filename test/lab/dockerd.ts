/**
 * A `dockerd` the lab started itself (a private engine on the host, or a guest's engine): the flags
 * that keep it off the host's firewall, waiting until it answers, and stopping it so that its
 * containers do not outlive it. What is left after the process (shims, mounts, cgroups, data) is
 * the caller's to remove: only it knows where its engine lived.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isRunning, signal } from './processes.ts';
import { run, sleep, sleepSync } from './run.ts';

/**
 * No iptables or ip6tables rules: the engine must not change a firewall it shares with the host
 * (and the tests publish ports without the NAT rules Docker would add).
 */
export const NO_FIREWALL = ['--iptables=false', '--ip6tables=false'];

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;

/** Whether an engine answers at `host` (synchronously, for skip decisions). */
export function answersSync(host: string): boolean {
  const info = spawnSync('docker', ['-H', host, 'info', '--format', '{{.ServerVersion}}'], {
    timeout: 10_000,
  });
  return info.status === 0;
}

/** Whether an engine answers at `host`. */
export async function answers(host: string): Promise<boolean> {
  const info = await run('docker', ['-H', host, 'info', '--format', '{{.ServerVersion}}'], {
    timeoutMs: 10_000,
  });
  return info.code === 0;
}

/**
 * Resolve once the dockerd with `pid` answers at `host`; throw if it exits first or does not
 * answer within a minute (an engine on two busy cores takes a few seconds).
 */
export async function waitUntilAnswers(host: string, pid: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (await answers(host)) return;
    if (!isRunning(pid)) throw new Error(`dockerd (pid ${pid}) exited before it answered`);
    if (Date.now() > deadline)
      throw new Error(`dockerd did not answer on ${host} within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

/**
 * Stop the dockerd with `pid` that serves `host`. Containers go first (busybox as PID 1 ignores
 * SIGTERM, so a graceful stop would wait out each one's grace period), then the swarm, which takes
 * its ingress and overlay sandboxes down cleanly, then the containers the swarm started meanwhile;
 * then SIGTERM, and SIGKILL if dockerd is still there after 30 s. Synchronous: it also runs from
 * exit handlers.
 */
export function stopDockerdSync(host: string, pid: number): void {
  const docker = (...args: string[]) =>
    spawnSync('docker', ['-H', host, ...args], { encoding: 'utf8', timeout: 60_000 });
  const removeContainers = () => {
    const containers = docker('ps', '-aq').stdout.split('\n').filter(Boolean);
    if (containers.length > 0) docker('rm', '-f', ...containers);
  };
  if (isRunning(pid)) {
    removeContainers();
    docker('swarm', 'leave', '--force');
    removeContainers();
  }
  signal(pid, 'SIGTERM');
  // dockerd stops its containers and containerd first; give it that, then insist.
  for (let waited = 0; waited < STOP_GRACE_MS && isRunning(pid); waited += 100) sleepSync(100);
  if (isRunning(pid)) signal(pid, 'SIGKILL');
  for (let waited = 0; waited < 5000 && isRunning(pid); waited += 10) sleepSync(10);
}

/** Mount points under `dir` in the mount table `mounts` (default: ours), deepest first. */
export function mountsUnder(dir: string, mounts = '/proc/self/mounts'): string[] {
  let table: string;
  try {
    table = readFileSync(mounts, 'utf8');
  } catch {
    return [];
  }
  return table
    .split('\n')
    .map((line) => unescapeMountPoint(line.split(' ')[1] ?? ''))
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/** /proc/*\/mounts writes space, tab, newline and backslash in octal. */
function unescapeMountPoint(point: string): string {
  return point.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}
