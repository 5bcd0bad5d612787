/**
 * A guest's own Docker engine: what the coop-cloud-server template (src/provision/
 * server-templates.ts) makes of a real VM — Debian's dockerd, a single-node swarm advertising the
 * machine's address, the attachable `proxy` overlay network — plus the busybox image, since no
 * registry is reachable here.
 *
 * dockerd runs in the guest's network and mount namespaces, so inside the guest the engine lives
 * where a real server has it: socket /run/docker.sock, data root /var/lib/docker, exec root
 * /run/docker, pidfile /run/docker.pid, all in the guest's own directories; /etc/docker is a tmpfs
 * of the guest's own, so the engine neither reads a daemon.json of the host nor shares its
 * key.json. Docker's SSH connection helper (`docker -H ssh://root@<guest>`, which runs `docker
 * system dial-stdio` on the far side) therefore reaches it through the guest's real sshd, as on a
 * server; the host also reaches it through the socket file directly (the guest's /run is a
 * directory of the lab) to set it up and to check on it.
 *
 * It stays off the host: no iptables rules (its network namespace is the guest's anyway), and its
 * processes and containers in a cgroup tree named like the guest's namespace (cgroups.ts), which
 * close(), the exit handlers and the sweep of dead labs kill and remove.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { busyboxMissing } from './busybox-image.ts';
import { cgroupMountScript, makeEngineCgroup, removeCgroupSync } from './cgroups.ts';
import { mountsUnder, NO_FIREWALL, stopDockerdSync, waitUntilAnswers } from './dockerd.ts';
import { EngineClient } from './engine-client.ts';
import { assertLabCanRun, LabUnavailableError } from './preflight.ts';
import { isRunning, spawnedPid } from './processes.ts';
import { runSync, shellQuote } from './run.ts';

/** Inside the guest, where a Debian server's engine lives. */
export const GUEST_DOCKER_SOCKET = '/run/docker.sock';
const DATA_ROOT = '/var/lib/docker';
const EXEC_ROOT = '/run/docker';
const PIDFILE = '/run/docker.pid';
const CONFIG_DIR = '/etc/docker';
/** What the engine leaves in the guest's own directories, removed when it stops. */
const ENGINE_PATHS = [DATA_ROOT, EXEC_ROOT, PIDFILE, GUEST_DOCKER_SOCKET, '/run/containerd'];
/** Where the engine makes mounts inside the guest (and where the guest mounts for it). */
const ENGINE_MOUNTS = [DATA_ROOT, EXEC_ROOT, '/run/containerd', CONFIG_DIR, '/sys/fs/cgroup'];
const DOCKERD = '/usr/sbin/dockerd';
const GUEST_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

/** The name of the overlay network the coop-cloud-server template creates for recipes. */
export const PROXY_NETWORK = 'proxy';

/** Why a guest cannot have an engine on this machine, or undefined when it can. */
export function guestDockerUnavailable(): string | undefined {
  try {
    assertLabCanRun();
  } catch (error) {
    if (error instanceof LabUnavailableError) return error.message;
    throw error;
  }
  if (!existsSync(DOCKERD)) return `no ${DOCKERD}: apt-get install docker.io`;
  if (spawnSync('sh', ['-c', 'command -v docker']).status !== 0)
    return 'no docker CLI: apt-get install docker.io';
  // docker.io ships it; the guest mounts its own over it, and cannot make it without touching /etc.
  if (!existsSync(CONFIG_DIR)) return `no ${CONFIG_DIR}: apt-get install docker.io`;
  return busyboxMissing();
}

/** Where one guest is, as its engine needs it. */
export interface GuestDockerPlace {
  /** The guest's network namespace; also the name of its engine's cgroup tree. */
  readonly namespace: string;
  readonly address: string;
  /** The process whose network and mount namespaces are the guest's. */
  readonly holderPid: number;
  /** The host directory the guest sees as /etc/ssh, /root, /var and /run (its `root/`). */
  readonly root: string;
  /** The host directory for the guest's logs (dockerd.log goes there). */
  readonly logs: string;
}

export class GuestDocker extends EngineClient {
  readonly #place: GuestDockerPlace;
  #stopped = false;

  private constructor(
    place: GuestDockerPlace,
    /** dockerd's pid (the host's pid namespace is the guest's too). */
    readonly pid: number,
  ) {
    super(`unix://${join(place.root, GUEST_DOCKER_SOCKET)}`);
    this.#place = place;
  }

  /** The cgroup tree that holds the engine's processes and containers. */
  get cgroup(): string {
    return this.#place.namespace;
  }

  /** dockerd's own log (its stdout and stderr), for diagnostics. */
  get log(): string {
    try {
      return readFileSync(join(this.#place.logs, 'dockerd.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /**
   * Start the guest's engine and make it what the coop-cloud-server template makes: `docker
   * swarm init --advertise-addr <address>`, then `docker network create --driver overlay --scope
   * swarm --attachable proxy`; then import the busybox image. On failure everything it started is
   * stopped again before the error (with dockerd's last lines) is thrown.
   */
  static async start(place: GuestDockerPlace): Promise<GuestDocker> {
    const why = guestDockerUnavailable();
    if (why !== undefined) throw new Error(why);
    const procs = makeEngineCgroup(place.namespace);
    const script = [
      'set -e',
      ...cgroupMountScript(),
      `mountpoint -q ${CONFIG_DIR} || mount -t tmpfs -o mode=755 tmpfs ${CONFIG_DIR}`,
      // In its cgroup before dockerd starts containerd, so that every process it starts is there.
      `echo $$ > ${shellQuote(procs)}`,
      `exec ${[DOCKERD, ...dockerdArgs(place.namespace)].map(shellQuote).join(' ')}`,
    ].join('\n');
    const fd = openSync(join(place.logs, 'dockerd.log'), 'a');
    let pid: number;
    try {
      // nsenter and sh exec: the child is dockerd. Its own process group, like sshd's.
      const child = spawn(
        'nsenter',
        ['-t', String(place.holderPid), '-m', '-n', '--', '/bin/sh', '-c', script],
        { stdio: ['ignore', fd, fd], detached: true, env: { ...GUEST_ENV, HOME: '/root' } },
      );
      child.unref();
      pid = spawnedPid(child, `the Docker engine in ${place.namespace}`);
    } catch (error) {
      removeCgroupSync(place.namespace);
      throw error;
    } finally {
      closeSync(fd);
    }
    const engine = new GuestDocker(place, pid);
    try {
      await waitUntilAnswers(engine.host, pid);
      await engine.must(['swarm', 'init', '--advertise-addr', place.address]);
      await engine.must([
        ...['network', 'create', '--driver', 'overlay', '--scope', 'swarm'],
        ...['--attachable', PROXY_NETWORK],
      ]);
      engine.busybox();
    } catch (error) {
      const log = engine.log.split('\n').slice(-15).join('\n');
      const leftovers = engine.stopSync();
      const left = leftovers.length > 0 ? `\nleft: ${leftovers.join('; ')}` : '';
      throw new Error(
        `Docker engine in ${place.namespace}: ${(error as Error).message}\n${log}${left}`,
      );
    }
    return engine;
  }

  /**
   * Stop the engine and remove what it made: containers, the swarm, dockerd (SIGTERM, then
   * SIGKILL), every process left in its cgroup tree (shims, docker-proxy, containers) and the
   * tree, the mounts it and the guest made for it inside the guest, and its data in the guest's
   * directories. Synchronous (it also runs while a lab closes); safe to call twice. Returns what
   * could not be removed.
   */
  stopSync(): string[] {
    if (this.#stopped) return [];
    this.#stopped = true;
    const place = this.#place;
    stopDockerdSync(this.host, this.pid);
    const leftovers = removeCgroupSync(place.namespace);
    if (isRunning(place.holderPid)) {
      const table = `/proc/${place.holderPid}/mounts`;
      const points = ENGINE_MOUNTS.flatMap((dir) => mountsUnder(dir, table)).sort(
        (a, b) => b.length - a.length,
      );
      if (points.length > 0) {
        const umount = runSync('nsenter', [
          ...['-t', String(place.holderPid), '-m', '--', 'umount', '-l'],
          ...points,
        ]);
        if (umount.code !== 0) leftovers.push(`mounts in ${place.namespace}: ${umount.stderr}`);
      }
    }
    for (const path of ENGINE_PATHS) {
      try {
        rmSync(join(place.root, path), { recursive: true, force: true });
      } catch (error) {
        leftovers.push(`${path} of ${place.namespace}: ${(error as Error).message}`);
      }
    }
    return leftovers;
  }
}

/** dockerd's flags: a Debian server's paths, inside the guest; off the host's firewall. */
function dockerdArgs(cgroup: string): string[] {
  return [
    ...['--host', `unix://${GUEST_DOCKER_SOCKET}`],
    ...['--data-root', DATA_ROOT, '--exec-root', EXEC_ROOT, '--pidfile', PIDFILE],
    ...NO_FIREWALL,
    // Containers under /<guest's namespace>/<id>, apart from other guests' and the host's; the
    // cgroupfs driver, because that path is what the lab removes, whatever the host's init.
    ...['--cgroup-parent', `/${cgroup}`, '--exec-opt', 'native.cgroupdriver=cgroupfs'],
  ];
}
