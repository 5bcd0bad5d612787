/**
 * The lab's Docker side: a real Docker engine (Debian's docker.io) with a single-node swarm, for
 * tests of what our code asks of Docker and abra. It uses an engine that already answers
 * (DOCKER_HOST, or /var/run/docker.sock), or starts a private `dockerd` of its own — its own
 * socket, data root and exec root, no iptables and no default bridge, so it neither changes the
 * host's firewall nor disturbs the guest lab's namespaces. There is no registry here: images are
 * made locally (Debian's static busybox, `docker import`ed) and serve HTTP with `busybox httpd`.
 *
 * On close it removes exactly what it and the tests made — the objects that were not there when
 * it started (stacks, services, secrets, volumes, networks, the images it imported) — leaves a
 * swarm it did not create, and stops and deletes a private engine. A test process that dies
 * still stops the private engine (cleanUpOnExit).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { busyboxMissing } from './busybox-image.ts';
import { cleanUpOnExit, forgetOnExit } from './cleanup.ts';
import {
  answers,
  answersSync,
  mountsUnder,
  NO_FIREWALL,
  stopDockerdSync,
  waitUntilAnswers,
} from './dockerd.ts';
import { EngineClient } from './engine-client.ts';
import { spawnedPid } from './processes.ts';

const SYSTEM_SOCKET = '/var/run/docker.sock';
const KINDS = ['service', 'secret', 'volume', 'network'] as const;
type Kind = (typeof KINDS)[number];

/** Why Docker tests cannot run on this machine, or undefined when they can. */
export function dockerUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the Docker tests need root (dockerd)';
  const has = (file: string) => spawnSync('sh', ['-c', `command -v ${file}`]).status === 0;
  if (!has('docker')) return 'no docker CLI: apt-get install docker.io';
  if (!has('dockerd') && !answersSync(process.env.DOCKER_HOST ?? `unix://${SYSTEM_SOCKET}`))
    return 'no dockerd and no running engine: apt-get install docker.io';
  return busyboxMissing();
}

export class DockerLab extends EngineClient {
  private readonly before = new Map<Kind | 'stack', Set<string>>();
  private swarmMadeHere = false;

  private constructor(
    host: string,
    private readonly daemon: { pid: number; root: string; hadGwbridge: boolean } | undefined,
  ) {
    super(host);
  }

  /** Whether this lab started its own engine (so its swarm state is its own too). */
  get privateEngine(): boolean {
    return this.daemon !== undefined;
  }

  static async start(): Promise<DockerLab> {
    const why = dockerUnavailable();
    if (why !== undefined) throw new Error(why);
    const given = process.env.DOCKER_HOST ?? `unix://${SYSTEM_SOCKET}`;
    const lab = (await answers(given))
      ? new DockerLab(given, undefined)
      : await DockerLab.startDaemon();
    await lab.remember();
    return lab;
  }

  private static async startDaemon(): Promise<DockerLab> {
    const root = mkdtempSync('/var/tmp/recipe-ci-dockerd-');
    const host = `unix://${join(root, 'docker.sock')}`;
    const hadGwbridge = spawnSync('ip', ['link', 'show', 'docker_gwbridge']).status === 0;
    const child = spawn(
      'dockerd',
      [
        '--host',
        host,
        '--data-root',
        join(root, 'data'),
        '--exec-root',
        join(root, 'exec'),
        '--pidfile',
        join(root, 'dockerd.pid'),
        ...NO_FIREWALL,
        // On the host's own network a default bridge would be one more interface next to the
        // host's; a guest's engine has the guest's network to itself and keeps it.
        '--bridge=none',
      ],
      { stdio: ['ignore', 'ignore', 'ignore'], detached: true },
    );
    child.unref();
    let pid: number;
    try {
      pid = spawnedPid(child, `dockerd for ${host}`);
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
    const lab = new DockerLab(host, { pid, root, hadGwbridge });
    cleanUpOnExit(`dockerd-${String(pid)}`, () => {
      lab.stopDaemonSync();
    });
    try {
      await waitUntilAnswers(host, pid);
    } catch (error) {
      lab.stopDaemonSync();
      throw error;
    }
    return lab;
  }

  /** A single-node swarm, made only if the engine is in none. */
  async ensureSwarm(): Promise<void> {
    if ((await this.swarmState()) === 'active') return;
    await this.must(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    this.swarmMadeHere = true;
  }

  /** Names of `kind` on the engine now. */
  async names(kind: Kind | 'stack', swarm?: boolean): Promise<Set<string>> {
    // Stacks, services and secrets exist only in a swarm; outside one docker refuses to list them.
    const inSwarm = swarm ?? (await this.swarmState()) === 'active';
    if (kind !== 'volume' && kind !== 'network' && !inSwarm) return new Set();
    return lines(await this.must([kind, 'ls', '--format', '{{.Name}}']));
  }

  /** Every kind's names, asking for the swarm state once. */
  private async allNames(): Promise<Map<Kind | 'stack', Set<string>>> {
    const swarm = (await this.swarmState()) === 'active';
    const all = new Map<Kind | 'stack', Set<string>>();
    for (const kind of ['stack', ...KINDS] as const) all.set(kind, await this.names(kind, swarm));
    return all;
  }

  private async remember(): Promise<void> {
    for (const [kind, names] of await this.allNames()) this.before.set(kind, names);
  }

  /** What the tests made that is still there, by kind (what close() would remove). */
  async leftovers(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const [kind, names] of await this.allNames()) {
      const made = [...names].filter((n) => !this.before.get(kind)?.has(n));
      if (made.length > 0) out[kind] = made;
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.daemon !== undefined) {
      // A private engine goes whole: whatever the tests made goes with its data root.
      this.stopDaemonSync();
      return;
    }
    const made = await this.leftovers();
    for (const stack of made.stack ?? []) await this.docker(['stack', 'rm', stack]);
    for (const service of made.service ?? []) await this.docker(['service', 'rm', service]);
    // Tasks take a moment to go; volumes and networks in use cannot be removed before.
    for (
      let i = 0;
      i < 40 && (await this.names('service')).size > (this.before.get('service')?.size ?? 0);
      i++
    )
      await new Promise((r) => setTimeout(r, 250));
    for (const secret of made.secret ?? []) await this.docker(['secret', 'rm', secret]);
    for (const network of made.network ?? []) await this.docker(['network', 'rm', network]);
    for (let i = 0; i < 20; i++) {
      const volumes = (await this.leftovers()).volume ?? [];
      if (volumes.length === 0) break;
      await this.docker(['volume', 'rm', ...volumes]);
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const image of this.images) await this.docker(['image', 'rm', image]);
    if (this.swarmMadeHere) await this.docker(['swarm', 'leave', '--force']);
  }

  private stopDaemonSync(): void {
    const daemon = this.daemon;
    if (daemon === undefined) return;
    forgetOnExit(`dockerd-${String(daemon.pid)}`);
    stopDockerdSync(this.host, daemon.pid);
    // A shim of a container the engine could not stop in time outlives it; it is ours to end.
    spawnSync('pkill', ['-KILL', '-f', `containerd-shim.*${daemon.root}`]);
    // Network namespaces (nsfs) and overlay mounts a killed engine may leave under its root.
    for (const mount of mountsUnder(daemon.root)) spawnSync('umount', ['-l', mount]);
    if (!daemon.hadGwbridge) spawnSync('ip', ['link', 'del', 'docker_gwbridge']);
    rmSync(daemon.root, { recursive: true, force: true });
  }
}

function lines(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}
