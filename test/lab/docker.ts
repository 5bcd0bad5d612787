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
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { cleanUpOnExit, forgetOnExit } from './cleanup.ts';
import { run, type ExecResult } from './run.ts';

const SYSTEM_SOCKET = '/var/run/docker.sock';
const BUSYBOX = '/bin/busybox';
/** The image every fixture runs: Debian's static busybox as the whole root file system. */
export const BUSYBOX_IMAGE = 'recipe-ci-busybox:lab';
const APPLETS = [
  'sh',
  'httpd',
  'echo',
  'cat',
  'sleep',
  'mkdir',
  'ls',
  'test',
  'true',
  'false',
  'wget',
  'grep',
  'rm',
];
const KINDS = ['service', 'secret', 'volume', 'network'] as const;
type Kind = (typeof KINDS)[number];

/** Why Docker tests cannot run on this machine, or undefined when they can. */
export function dockerUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the Docker tests need root (dockerd)';
  const has = (file: string) => spawnSync('sh', ['-c', `command -v ${file}`]).status === 0;
  if (!has('docker')) return 'no docker CLI: apt-get install docker.io';
  if (!has('dockerd') && !answers(process.env.DOCKER_HOST ?? `unix://${SYSTEM_SOCKET}`))
    return 'no dockerd and no running engine: apt-get install docker.io';
  if (!existsSync(BUSYBOX))
    return `no ${BUSYBOX} for the local image: apt-get install busybox-static`;
  const linked = spawnSync('ldd', [BUSYBOX], { encoding: 'utf8' });
  if (linked.status === 0 && !/not a dynamic executable/.test(linked.stdout + linked.stderr))
    return `${BUSYBOX} is not static: apt-get install busybox-static`;
  return undefined;
}

function answers(host: string): boolean {
  const info = spawnSync('docker', ['-H', host, 'info', '--format', '{{.ServerVersion}}'], {
    timeout: 10_000,
  });
  return info.status === 0;
}

export class DockerLab {
  private readonly before = new Map<Kind | 'stack', Set<string>>();
  private swarmMadeHere = false;
  private imported = false;
  private readonly tagged = new Set<string>();

  private constructor(
    /** The DOCKER_HOST every docker call of the tests (and of the code under test) uses. */
    readonly host: string,
    private readonly daemon: { pid: number; root: string; hadGwbridge: boolean } | undefined,
  ) {}

  /** The env for processes that talk to this engine. */
  get env(): { DOCKER_HOST: string } {
    return { DOCKER_HOST: this.host };
  }

  /** Whether this lab started its own engine (so its swarm state is its own too). */
  get privateEngine(): boolean {
    return this.daemon !== undefined;
  }

  static async start(): Promise<DockerLab> {
    const why = dockerUnavailable();
    if (why !== undefined) throw new Error(why);
    const given = process.env.DOCKER_HOST ?? `unix://${SYSTEM_SOCKET}`;
    const lab = answers(given) ? new DockerLab(given, undefined) : await DockerLab.startDaemon();
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
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
      ],
      { stdio: ['ignore', 'ignore', 'ignore'], detached: true },
    );
    child.unref();
    const pid = child.pid ?? 0;
    const lab = new DockerLab(host, { pid, root, hadGwbridge });
    cleanUpOnExit(`dockerd-${String(pid)}`, () => {
      lab.stopDaemonSync();
    });
    for (let i = 0; i < 120 && !answers(host); i++) await new Promise((r) => setTimeout(r, 250));
    if (!answers(host)) {
      lab.stopDaemonSync();
      throw new Error(`dockerd did not answer on ${host} within 30 s`);
    }
    return lab;
  }

  /** Runs `docker` against this engine. */
  docker(args: readonly string[], options: { input?: string } = {}): Promise<ExecResult> {
    return run('docker', ['-H', this.host, ...args], { ...options, timeoutMs: 120_000 });
  }

  /** Like docker(), but a failure throws with what docker said. */
  async must(args: readonly string[], input?: string): Promise<string> {
    const result = await this.docker(args, input === undefined ? {} : { input });
    if (result.code !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout;
  }

  async swarmState(): Promise<string> {
    return (await this.must(['info', '--format', '{{.Swarm.LocalNodeState}}'])).trim();
  }

  /** A single-node swarm, made only if the engine is in none. */
  async ensureSwarm(): Promise<void> {
    if ((await this.swarmState()) === 'active') return;
    await this.must(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    this.swarmMadeHere = true;
  }

  /**
   * The busybox image, imported once per lab (synchronously: tar and import are quick), and
   * also tagged as each of `tags` (e.g. recipe-ci-busybox:1.0, the image of a recipe release).
   */
  busybox(...tags: string[]): string {
    if (!this.imported) this.importBusybox();
    for (const tag of tags) {
      if (this.tagged.has(tag)) continue;
      const made = spawnSync('docker', ['-H', this.host, 'tag', BUSYBOX_IMAGE, tag], {
        encoding: 'utf8',
      });
      if (made.status !== 0) throw new Error(`docker tag ${tag}: ${made.stderr}`);
      this.tagged.add(tag);
    }
    return BUSYBOX_IMAGE;
  }

  private importBusybox(): void {
    const rootfs = mkdtempSync('/var/tmp/recipe-ci-busybox-');
    try {
      mkdirSync(join(rootfs, 'bin'));
      mkdirSync(join(rootfs, 'tmp'));
      copyFileSync(BUSYBOX, join(rootfs, 'bin', 'busybox'));
      for (const applet of APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));
      const tar = spawnSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
      const imported = spawnSync(
        'docker',
        ['-H', this.host, 'import', '--change', 'ENV PATH=/bin', '-', BUSYBOX_IMAGE],
        { input: tar.stdout, encoding: 'utf8' },
      );
      if (imported.status !== 0) throw new Error(`docker import: ${imported.stderr}`);
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
    this.imported = true;
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
    for (const tag of this.tagged) await this.docker(['image', 'rm', tag]);
    if (this.imported) await this.docker(['image', 'rm', BUSYBOX_IMAGE]);
    if (this.swarmMadeHere) await this.docker(['swarm', 'leave', '--force']);
  }

  private stopDaemonSync(): void {
    const daemon = this.daemon;
    if (daemon === undefined) return;
    forgetOnExit(`dockerd-${String(daemon.pid)}`);
    // Containers first (busybox as PID 1 ignores SIGTERM, so a graceful stop would wait out its
    // grace period), then the swarm, which takes its ingress and overlay sandboxes down cleanly.
    const docker = (...args: string[]) =>
      spawnSync('docker', ['-H', this.host, ...args], { encoding: 'utf8', timeout: 60_000 });
    const containers = docker('ps', '-aq').stdout.split('\n').filter(Boolean);
    if (containers.length > 0) docker('rm', '-f', ...containers);
    docker('swarm', 'leave', '--force');
    try {
      process.kill(daemon.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    // dockerd stops its containers and containerd first; give it that, then insist.
    for (let i = 0; i < 300 && alive(daemon.pid); i++) spawnSync('sleep', ['0.1']);
    if (alive(daemon.pid)) process.kill(daemon.pid, 'SIGKILL');
    // A shim of a container the engine could not stop in time outlives it; it is ours to end.
    spawnSync('pkill', ['-KILL', '-f', `containerd-shim.*${daemon.root}`]);
    // Network namespaces (nsfs) and overlay mounts a killed engine may leave under its root.
    for (const mount of mountsUnder(daemon.root)) spawnSync('umount', ['-l', mount]);
    if (!daemon.hadGwbridge) spawnSync('ip', ['link', 'del', 'docker_gwbridge']);
    rmSync(daemon.root, { recursive: true, force: true });
  }
}

/** Mount points under `dir`, deepest first. */
function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/** Running, not exited: our own child stays a zombie until the (blocked) event loop reaps it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
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
