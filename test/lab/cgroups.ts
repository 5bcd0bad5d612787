/**
 * The cgroups of a guest's Docker engine. Guests share the host's pid namespace and cgroup tree,
 * and a container lives in network and mount namespaces of its own, so neither the guest's network
 * namespace nor its holder finds it; its cgroup does. Each engine gets one tree named like its
 * guest's network namespace (`rcilab-<lab>-<n>`) at the top of every hierarchy: the engine's own
 * processes (dockerd, containerd, shims, docker-proxy) in `engine/` of one hierarchy, its
 * containers in `<container id>/` (dockerd's `--cgroup-parent`). Killing what is in that tree and
 * removing it ends the engine for sure, from close(), an exit handler or the sweep of a dead lab.
 *
 * Inside a guest /sys is a sysfs of the guest's own (`ip netns exec` mounts one, so that
 * /sys/class/net shows the guest's interfaces), without the host's cgroup mounts; an engine needs
 * them, so the guest mounts the same hierarchies again (cgroupMountScript).
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning, signal } from './processes.ts';
import { shellQuote, sleepSync } from './run.ts';

const CGROUP_ROOT = '/sys/fs/cgroup';

interface Mount {
  readonly type: string;
  readonly point: string;
  readonly options: string;
}

/** The host's mounts at and under /sys/fs/cgroup (this process is in the host's mount namespace). */
function cgroupMounts(): Mount[] {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .map(([, point = '', type = '', options = '']) => ({ type, point, options }))
    .filter(
      ({ point, type }) =>
        (point === CGROUP_ROOT || point.startsWith(`${CGROUP_ROOT}/`)) &&
        ['cgroup', 'cgroup2', 'tmpfs'].includes(type),
    );
}

/** The mount points of the host's cgroup hierarchies (v1 controllers, the v2 tree). */
function hierarchies(): string[] {
  return cgroupMounts()
    .filter((m) => m.type !== 'tmpfs')
    .map((m) => m.point);
}

/**
 * The hierarchy that holds an engine's own processes: the v2 tree where there is one (on a hybrid
 * host, /sys/fs/cgroup/unified), else the first v1 hierarchy that every process is in.
 */
function trackingHierarchy(): string {
  const mounts = cgroupMounts();
  const chosen =
    mounts.find((m) => m.type === 'cgroup2') ??
    mounts.find((m) => m.type === 'cgroup' && /(^|,)(name=systemd|pids)(,|$)/.test(m.options)) ??
    mounts.find((m) => m.type === 'cgroup');
  if (chosen === undefined) throw new Error(`no cgroup hierarchy is mounted under ${CGROUP_ROOT}`);
  return chosen.point;
}

/**
 * Make the cgroup that will hold the engine `name`'s own processes; return its cgroup.procs, which
 * the engine's starter writes its pid into before it execs dockerd. The path is the same inside a
 * guest that ran cgroupMountScript.
 */
export function makeEngineCgroup(name: string): string {
  const dir = join(trackingHierarchy(), name, 'engine');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'cgroup.procs');
}

/**
 * Shell lines that mount, in a guest whose /sys is a fresh sysfs, the host's cgroup hierarchies at
 * the same places (a v1 hierarchy mounted again is the same hierarchy), with the host's symlinks
 * (`cpu -> cpu,cpuacct`). They do nothing where /sys/fs/cgroup is already a mount point.
 */
export function cgroupMountScript(): string[] {
  const q = shellQuote;
  const mounts = cgroupMounts();
  const lines: string[] = [];
  let readOnly = false;
  for (const mount of mounts) {
    const options = mount.options.split(',');
    if (mount.type === 'tmpfs') {
      // Made read-only, as systemd leaves it, only once its mount points are in place.
      readOnly = options.includes('ro');
      const writable = options.filter((o) => o !== 'ro' && o !== 'rw').join(',');
      lines.push(`mount -t tmpfs -o ${q(writable || 'mode=755')} tmpfs ${q(mount.point)}`);
      continue;
    }
    lines.push(
      `mkdir -p ${q(mount.point)}`,
      `mount -t ${mount.type} -o ${q(mount.options)} ${mount.type} ${q(mount.point)}`,
    );
  }
  if (mounts.some((m) => m.type === 'tmpfs' && m.point === CGROUP_ROOT)) {
    for (const entry of readdirSync(CGROUP_ROOT)) {
      const path = join(CGROUP_ROOT, entry);
      if (lstatSync(path).isSymbolicLink()) lines.push(`ln -s ${q(readlinkSync(path))} ${q(path)}`);
    }
  }
  if (readOnly) lines.push(`mount -o remount,ro ${CGROUP_ROOT}`);
  if (lines.length === 0) return [];
  return [`if ! mountpoint -q ${CGROUP_ROOT}; then`, ...lines.map((l) => `  ${l}`), 'fi'];
}

/** `<hierarchy>/<name>` and every cgroup below it, deepest first, in every hierarchy. */
function treeDirs(name: string): string[] {
  const dirs: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) walk(join(dir, entry.name));
    dirs.push(dir);
  };
  for (const hierarchy of hierarchies()) walk(join(hierarchy, name));
  return dirs;
}

/** The pids in the cgroup tree `name`, in any hierarchy. */
export function pidsInCgroup(name: string): number[] {
  const pids = new Set<number>();
  for (const dir of treeDirs(name)) {
    let procs = '';
    try {
      procs = readFileSync(join(dir, 'cgroup.procs'), 'utf8');
    } catch {
      continue;
    }
    for (const pid of procs.split('\n').filter(Boolean)) pids.add(Number(pid));
  }
  return [...pids].filter(isRunning);
}

/** Whether the cgroup tree `name` exists in any hierarchy. */
export function cgroupExists(name: string): boolean {
  return treeDirs(name).length > 0;
}

/** Names at the top of any hierarchy (the sweep of dead labs looks for its own among them). */
export function topCgroups(): string[] {
  const names = new Set<string>();
  for (const hierarchy of hierarchies()) {
    try {
      for (const entry of readdirSync(hierarchy, { withFileTypes: true }))
        if (entry.isDirectory()) names.add(entry.name);
    } catch {
      // a hierarchy unmounted meanwhile
    }
  }
  return [...names];
}

/**
 * SIGKILL every process in the cgroup tree `name` until none is left, then remove the tree from
 * every hierarchy. Returns what could not be removed (empty when all is gone).
 */
export function removeCgroupSync(name: string, timeoutMs = 5000): string[] {
  const deadline = Date.now() + timeoutMs;
  let pids = pidsInCgroup(name);
  while (pids.length > 0 && Date.now() < deadline) {
    for (const pid of pids) signal(pid, 'SIGKILL');
    sleepSync(10);
    pids = pidsInCgroup(name);
  }
  const leftovers = pids.map((pid) => `process ${pid} in cgroup ${name}`);
  // A killed task leaves its cgroup a moment after it is gone: retry a busy directory.
  for (const dir of treeDirs(name)) {
    for (let attempt = 0; ; attempt++) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') break;
        if (code !== 'EBUSY' || attempt >= 100) {
          leftovers.push(`cgroup ${dir}: ${code ?? String(error)}`);
          break;
        }
        sleepSync(10);
      }
    }
  }
  return leftovers;
}
