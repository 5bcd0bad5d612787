/**
 * Finding and ending processes by the network namespace they live in — the same test
 * `ip netns pids` makes — so that cleanup catches every sshd, session, tarpit and holder of a
 * guest, including sessions that outlived the sshd that forked them.
 */
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

/** Send a signal, ignoring a process that is already gone. */
export function signal(pid: number, sig: NodeJS.Signals): void {
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
