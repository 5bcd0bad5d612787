/**
 * Finding and ending processes by the network namespace they live in — the same test
 * `ip netns pids` makes — so that cleanup catches every sshd, session, tarpit and holder of a
 * guest, including sessions that outlived the sshd that forked them.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { sleepSync } from './run.ts';

/** Identity of a namespace file: device and inode, as `stat` reports them. */
function nsIdentity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** Pids of the live processes whose network namespace is /run/netns/<name>. */
export function pidsInNamespace(name: string): number[] {
  const target = nsIdentity(`/run/netns/${name}`);
  if (target === undefined) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // A zombie has no namespaces left, so it is (rightly) not counted.
    if (nsIdentity(`/proc/${entry}/ns/net`) === target) pids.push(Number(entry));
  }
  return pids;
}

/**
 * The pid of a child just spawned. One that did not start has none: that throws here (its
 * 'error' event, which follows, is taken so it cannot crash the process), rather than going on
 * with a pid of 0, which kill(2) reads as our own process group.
 */
export function spawnedPid(child: ChildProcess, what: string): number {
  const pid = child.pid;
  if (pid !== undefined && pid > 0) return pid;
  child.once('error', () => undefined);
  throw new Error(`${what} did not start`);
}

/** The command name of a process (`comm`), or undefined once it is gone. */
export function processName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat). With the pid it
 * identifies a process for good: a reused pid has another start time.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True while the process exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Send a signal to one process, ignoring one that is already gone. Only a real pid is signalled:
 * to kill(2), 0 is our own process group and a negative number a whole group (-1 every process),
 * so a pid that never was (a spawn that failed, read as 0) must not get that far.
 */
export function signal(pid: number, sig: NodeJS.Signals): void {
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILL every process in the namespace and wait (up to `timeoutMs`) until none is left;
 * returns the pids that survived.
 */
export function killNamespaceSync(name: string, timeoutMs = 5000): number[] {
  const deadline = Date.now() + timeoutMs;
  let pids = pidsInNamespace(name);
  while (pids.length > 0 && Date.now() < deadline) {
    for (const pid of pids) signal(pid, 'SIGKILL');
    sleepSync(10);
    pids = pidsInNamespace(name).filter(isRunning);
  }
  return pids;
}
