/**
 * One simulated machine: a network namespace with its own address, a private mount namespace in
 * which /etc/ssh, /root, /var and /run are the guest's own directories, a real sshd, and the real
 * cloud-init CLI reading files the lab writes. Every change is applied for real and timed, and the
 * guest knows the moment it became truly ready (see `readySince`).
 *
 * Guests share the host's pid namespace: `ps` in a guest lists the host's processes too, so tests
 * that look for a guest's processes filter by network namespace (`pgrep --nslist net --ns $$`).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { CloudInitFlavor, CloudInitPhase } from './cloud-init.ts';
import {
  assertPhaseSupported,
  cloudInitVersion,
  flavorMountLines,
  isSettled,
  writeCloudInitPhase,
} from './cloud-init.ts';
import { pidsInCgroup } from './cgroups.ts';
import type { Guard } from './guard.ts';
import { GuestDocker } from './guest-docker.ts';
import { isListening } from './listening.ts';
import type { Subnet } from './network.ts';
import { setBlackhole } from './network.ts';
import { namespaceName } from './names.ts';
import { isRunning, pidsInNamespace, signal } from './processes.ts';
import type { ExecResult } from './run.ts';
import { run, shellQuote, sleep } from './run.ts';
import {
  fingerprintOf,
  generateKey,
  GUEST_SSHD_CONFIG,
  moveKey,
  renderSshdConfig,
  spawnSshd,
} from './sshd.ts';
import { spawnTarpit } from './tarpit.ts';

/** How a guest starts. */
export interface GuestOptions {
  /** Which cloud-init the guest has. Default `bookworm`. */
  readonly cloudInit?: CloudInitFlavor;
  /** Start sshd (with host key A) right away. Default true. */
  readonly sshd?: boolean;
  /** Authorise the lab's client key right away. Default false: publickey is denied. */
  readonly authorized?: boolean;
  /** cloud-init's starting phase. Default `not-run`. */
  readonly cloudInitPhase?: CloudInitPhase;
  /** Give the guest its own Docker engine, swarm and `proxy` network (see startDocker). */
  readonly docker?: boolean;
}

/** What answers on the guest's port 22. */
export type Listener = 'sshd' | 'tarpit' | 'none';

/** The guest's current condition, as last applied. */
export interface GuestState {
  readonly listener: Listener;
  /** Inbound port-22 traffic is dropped in the guest's namespace. */
  readonly blackholed: boolean;
  /** The lab's client key is in root's authorized_keys. */
  readonly authorized: boolean;
  readonly cloudInit: CloudInitPhase | 'absent';
}

/** Times (ms since the epoch) at which a bounce took sshd down and brought it back. */
export interface BounceTimes {
  readonly downAt: number;
  readonly upAt: number;
}

export interface BounceOptions {
  /** How long nothing listens between the old sshd's end and the new one's start. */
  readonly gapMs: number;
  /** Also end established sessions (a reboot), instead of only the listener (a restart). */
  readonly dropSessions?: boolean;
  /** Come back with a new host key. Default true: the case the readiness gate must survive. */
  readonly newHostKey?: boolean;
}

/** What a guest needs from its lab. */
export interface GuestContext {
  readonly guard: Guard;
  readonly labDir: string;
  readonly subnet: Subnet;
  readonly clientPublicKey: string;
}

const PORT = 22;
const START_TIMEOUT_MS = 15_000;
const GUEST_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

/** Resolve once `stream` has printed `marker`; reject if the process ends first. */
function waitForLine(child: ChildProcess, stream: Readable, marker: string, what: string) {
  return new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      reject(new Error(`${what} did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${String(code ?? sig)}) before it was ready`));
    });
  });
}

/** Wait for a child of ours to end, SIGKILLing it after `timeoutMs`. */
async function waitExit(child: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref(); // keep the event loop alive while we wait for it
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  child.unref();
}

export class Guest {
  /** 1-based position in the lab; the address is the subnet's .(index + 1). */
  readonly index: number;
  /** The guest's network namespace, `rcilab-<lab>-<index>`. */
  readonly namespace: string;
  readonly address: string;
  readonly port = PORT;
  readonly flavor: CloudInitFlavor;
  /** The guest's directory in the lab; `root/` inside it is what the guest sees as /etc/ssh etc. */
  readonly dir: string;

  readonly #ctx: GuestContext;
  readonly #root: string;
  readonly #cloudInitVersion: string | undefined;
  #holder: ChildProcess | undefined;
  #sshd: ChildProcess | undefined;
  #tarpit: ChildProcess | undefined;
  #docker: GuestDocker | undefined;
  #state: GuestState;
  #readySince: number | undefined;
  #hostKeys: { fingerprint: string; publicKey: string }[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(ctx: GuestContext, index: number, flavor: CloudInitFlavor) {
    this.#ctx = ctx;
    this.index = index;
    this.namespace = namespaceName(ctx.guard.labId, index);
    this.address = ctx.subnet.guestAddress(index);
    this.flavor = flavor;
    this.dir = join(ctx.labDir, `g${index}`);
    this.#root = join(this.dir, 'root');
    this.#cloudInitVersion = cloudInitVersion(flavor);
    this.#state = {
      listener: 'none',
      blackholed: false,
      authorized: false,
      cloudInit: flavor === 'absent' ? 'absent' : { status: 'not-run' },
    };
  }

  /**
   * Bring up guest `index`, whose namespace and veth already exist (see network.ts): lay out its
   * directories, start the process that holds its mount namespace, then apply `options`.
   */
  static async start(ctx: GuestContext, index: number, options: GuestOptions): Promise<Guest> {
    const flavor = options.cloudInit ?? 'bookworm';
    if (options.cloudInitPhase) assertPhaseSupported(flavor, options.cloudInitPhase);
    const guest = new Guest(ctx, index, flavor);
    ctx.guard.claimAddress(guest.address);
    await guest.#layOut();
    await guest.#startHolder();
    if (options.cloudInitPhase) await guest.setCloudInit(options.cloudInitPhase);
    if (options.authorized) await guest.authorize();
    if (options.sshd ?? true) await guest.sshdUp();
    if (options.docker) await guest.startDocker();
    return guest;
  }

  /** The guest's condition as last applied. */
  get state(): GuestState {
    return this.#state;
  }

  /**
   * Since when (ms since the epoch) the guest has been truly ready — sshd listening and reachable,
   * the client key authorised, cloud-init finished (or absent) — or undefined while it is not.
   * Any later change that breaks readiness (a bounce) clears it; it is set again when restored.
   */
  get readySince(): number | undefined {
    return this.#readySince;
  }

  /** Fingerprint of the host key sshd serves (or will serve on its next start), `SHA256:…`. */
  hostKeyFingerprint(): string {
    return this.#currentKey().fingerprint;
  }

  /** The current host public key line, `ssh-ed25519 AAAA…`. */
  hostPublicKey(): string {
    return this.#currentKey().publicKey;
  }

  /** Every host key this guest has had, oldest first (A, B, …). */
  hostKeyHistory(): readonly string[] {
    return this.#hostKeys.map((k) => k.fingerprint);
  }

  /** The pid whose namespaces are the guest's; sshd and exec enter them through it. */
  get holderPid(): number {
    const pid = this.#holder?.pid;
    if (pid === undefined) throw new Error(`guest ${this.namespace} is not running`);
    return pid;
  }

  /**
   * Run a command inside the guest (its network and mount namespaces, as root) — for assertions
   * about what the guest itself sees. A string runs through /bin/sh; an array is run as is.
   */
  async exec(command: string | readonly string[], options: { timeoutMs?: number } = {}) {
    this.#ctx.guard.assertNamespace(this.namespace);
    const argv = typeof command === 'string' ? ['/bin/sh', '-c', command] : [...command];
    const result: ExecResult = await run(
      'nsenter',
      ['-t', String(this.holderPid), '-m', '-n', '--', ...argv],
      {
        env: { ...GUEST_ENV, HOME: '/root', LANG: 'C.UTF-8' },
        timeoutMs: options.timeoutMs ?? 30_000,
      },
    );
    return result;
  }

  /** sshd's own log inside the guest (/var/log/sshd.log), for diagnostics. */
  async sshdLog(): Promise<string> {
    return readFile(join(this.#root, 'var/log/sshd.log'), 'utf8').catch(() => '');
  }

  /** The guest's Docker engine while it runs (see startDocker). */
  get docker(): GuestDocker | undefined {
    return this.#docker;
  }

  /**
   * Start the guest's own Docker engine, as the coop-cloud-server template leaves a server: dockerd
   * in the guest's namespaces (socket /run/docker.sock, data root /var/lib/docker), a single-node
   * swarm advertising the guest's address, the `proxy` overlay network, and the busybox image.
   * `docker -H ssh://root@<address>` then reaches it through sshd (lab.dockerSshEnv); the returned
   * engine's `host` is its socket seen from the host. Resolves once all of that is in place.
   */
  startDocker(): Promise<GuestDocker> {
    return this.#serial(async () => {
      if (this.#docker !== undefined) return this.#docker;
      this.#ctx.guard.assertNamespace(this.namespace);
      this.#docker = await GuestDocker.start({
        namespace: this.namespace,
        address: this.address,
        holderPid: this.holderPid,
        root: this.#root,
        logs: join(this.dir, 'logs'),
      });
      return this.#docker;
    });
  }

  /**
   * Stop the guest's engine and remove everything it made (processes, containers, cgroups, its
   * mounts in the guest, /var/lib/docker and the rest); the guest itself stays up. Throws, after
   * removing all it can, if something could not be removed.
   */
  stopDocker(): Promise<void> {
    return this.#serial(() => {
      const leftovers = this.stopDockerSync();
      if (leftovers.length === 0) return Promise.resolve();
      return Promise.reject(new Error(`${this.namespace} left: ${leftovers.join('; ')}`));
    });
  }

  /** stopDocker() now, whatever else is queued (for the lab's close). Returns what was left. */
  stopDockerSync(): string[] {
    const engine = this.#docker;
    this.#docker = undefined;
    return engine?.stopSync() ?? [];
  }

  /** Start sshd with the current host key; resolves (with the time) once it is listening. */
  sshdUp(): Promise<number> {
    return this.#serial(() => this.#sshdUp());
  }

  /**
   * Stop sshd. By default only the listener ends and established sessions live on, as with
   * `systemctl restart ssh`; with `dropSessions` every sshd process of the guest is killed.
   */
  sshdDown(options: { dropSessions?: boolean } = {}): Promise<number> {
    return this.#serial(() => this.#sshdDown(options.dropSessions ?? false));
  }

  /**
   * sshd goes down and comes back after `gapMs`, normally with a NEW host key — what cloud-init
   * does early in boot, and the reason a banner seen early proves nothing.
   */
  bounce(options: BounceOptions): Promise<BounceTimes> {
    return this.#serial(async () => {
      const staged = join(this.dir, 'keys/next');
      if (options.newHostKey ?? true) await generateKey(staged);
      const downAt = await this.#sshdDown(options.dropSessions ?? false);
      if (options.newHostKey ?? true) await this.#installHostKey(staged);
      await sleep(Math.max(0, downAt + options.gapMs - Date.now()));
      const upAt = await this.#sshdUp();
      return { downAt, upAt };
    });
  }

  /** Restart sshd at once with a new host key (for "the pinned key is refused" tests). */
  changeHostKey(options: { dropSessions?: boolean } = {}): Promise<BounceTimes> {
    return this.bounce({ gapMs: 0, dropSessions: options.dropSessions ?? false });
  }

  /** Install the lab's client key for root: publickey logins start to work. */
  authorize(): Promise<number> {
    return this.#serial(async () => {
      const path = join(this.#root, 'root/.ssh/authorized_keys');
      await writeFile(`${path}.tmp`, `${this.#ctx.clientPublicKey.trim()}\n`, { mode: 0o600 });
      await rename(`${path}.tmp`, path);
      return this.#apply({ authorized: true });
    });
  }

  /** Remove the client key again: publickey is denied. */
  deauthorize(): Promise<number> {
    return this.#serial(async () => {
      await rm(join(this.#root, 'root/.ssh/authorized_keys'), { force: true });
      return this.#apply({ authorized: false });
    });
  }

  /** Rewrite the guest's cloud-init files so the real CLI reports `phase`. */
  setCloudInit(phase: CloudInitPhase): Promise<number> {
    return this.#serial(async () => {
      await writeCloudInitPhase(
        {
          root: this.#root,
          flavor: this.flavor,
          version: this.#cloudInitVersion,
          instanceId: `iid-${this.namespace}`,
        },
        phase,
      );
      return this.#apply({ cloudInit: this.flavor === 'absent' ? 'absent' : phase });
    });
  }

  /** Silently drop every packet to port 22 (on) or stop doing so (off). */
  blackhole(on = true): Promise<number> {
    return this.#serial(async () => {
      await setBlackhole(this.#ctx.guard, this.namespace, on);
      return this.#apply({ blackholed: on });
    });
  }

  /** Replace sshd by a tarpit: TCP connects, no banner ever comes. */
  tarpit(): Promise<number> {
    return this.#serial(async () => {
      await this.#sshdDown(true);
      const fd = openSync(join(this.dir, 'logs/tarpit.log'), 'a');
      try {
        this.#tarpit = spawnTarpit(this.namespace, this.address, PORT, fd);
      } finally {
        closeSync(fd);
      }
      const at = await this.#waitListening(this.#tarpit, 'tarpit');
      return this.#apply({ listener: 'tarpit' }, at);
    });
  }

  /** The namespace stays up but nothing listens: connections are refused. */
  nothingListening(): Promise<number> {
    return this.#serial(() => this.#sshdDown(true));
  }

  // ---- internals -------------------------------------------------------------------------

  /** Run state changes one at a time, in call order, whoever calls. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #currentKey() {
    const key = this.#hostKeys.at(-1);
    if (key === undefined) throw new Error(`guest ${this.namespace} has no host key yet`);
    return key;
  }

  /** Record a change and recompute readiness at the moment it took effect. */
  #apply(change: Partial<GuestState>, at = Date.now()): number {
    this.#state = { ...this.#state, ...change };
    const s = this.#state;
    const cloudInitDone = s.cloudInit === 'absent' || isSettled(s.cloudInit);
    const ready = s.listener === 'sshd' && !s.blackholed && s.authorized && cloudInitDone;
    if (!ready) this.#readySince = undefined;
    else this.#readySince ??= at;
    return at;
  }

  async #layOut(): Promise<void> {
    const r = this.#root;
    for (const dir of ['keys', 'logs']) await mkdir(join(this.dir, dir), { recursive: true });
    for (const dir of ['etc/ssh', 'var/log', 'var/lib', 'run/sshd', 'run/lock']) {
      await mkdir(join(r, dir), { recursive: true, mode: 0o755 });
    }
    await mkdir(join(r, 'root/.ssh'), { recursive: true, mode: 0o700 });
    await chmod(join(r, 'root'), 0o700);
    await mkdir(join(r, 'var/tmp'), { recursive: true });
    await chmod(join(r, 'var/tmp'), 0o1777);
    await symlink('/run', join(r, 'var/run'));
    await symlink('/run/lock', join(r, 'var/lock'));
    if (this.flavor !== 'absent') {
      await mkdir(join(r, 'var/lib/cloud'), { recursive: true });
      await mkdir(join(r, 'run/cloud-init'), { recursive: true });
    }
    await writeFile(join(r, GUEST_SSHD_CONFIG), renderSshdConfig(this.address, PORT));
    const staged = join(this.dir, 'keys/next');
    await generateKey(staged);
    await this.#installHostKey(staged);
  }

  async #installHostKey(staged: string): Promise<void> {
    const key = join(this.#root, 'etc/ssh/ssh_host_ed25519_key');
    await moveKey(staged, key);
    this.#hostKeys.push({
      fingerprint: await fingerprintOf(`${key}.pub`),
      publicKey: (await readFile(`${key}.pub`, 'utf8')).trim(),
    });
  }

  /**
   * The holder: `ip netns exec` puts it in the guest's network namespace, `unshare -m` gives it a
   * private mount namespace where the guest's directories are bound over the host's. It then
   * sleeps; sshd, the tarpit and exec enter its namespaces, so restarts keep the same guest.
   * /run is bound last: the lab's own directory may live under the host's /run.
   */
  async #startHolder(): Promise<void> {
    const r = this.#root;
    const q = shellQuote;
    const script = [
      'set -e',
      'ip link set lo up',
      `ip addr add ${this.address}/24 dev eth0`,
      'ip link set eth0 up',
      ...flavorMountLines(this.flavor, join(this.dir, 'overlay')),
      `mount --bind ${q(join(r, 'etc/ssh'))} /etc/ssh`,
      `mount --bind ${q(join(r, 'root'))} /root`,
      `mount --bind ${q(join(r, 'var'))} /var`,
      `mount --bind ${q(join(r, 'run'))} /run`,
      'echo ready',
      'exec sleep infinity </dev/null >/dev/null 2>&1',
    ].join('\n');
    this.#ctx.guard.assertNamespace(this.namespace);
    const fd = openSync(join(this.dir, 'logs/holder.log'), 'a');
    let holder: ChildProcess;
    try {
      const inNamespaces = ['netns', 'exec', this.namespace, 'unshare', '-m', '--propagation'];
      // Its own process group, like sshd: a Ctrl-C to the driver leaves the guest up for cleanup.
      holder = spawn('ip', [...inNamespaces, 'private', '/bin/sh', '-c', script], {
        stdio: ['ignore', 'pipe', fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    this.#holder = holder;
    const stdout = holder.stdout;
    if (stdout === null) throw new Error('holder has no stdout');
    try {
      await waitForLine(holder, stdout, 'ready', `guest ${this.namespace}`);
    } catch (error) {
      const log = await readFile(join(this.dir, 'logs/holder.log'), 'utf8').catch(() => '');
      throw new Error(`${(error as Error).message}\n${log}`);
    } finally {
      stdout.destroy();
      holder.unref();
    }
  }

  /** Poll until `child` listens on the guest's port; return when it first was seen doing so. */
  async #waitListening(child: ChildProcess, what: string): Promise<number> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (await isListening(this.holderPid, this.address, PORT)) return Date.now();
      const exited = child.exitCode !== null || child.signalCode !== null;
      if (exited || Date.now() > deadline) {
        const log = await this.sshdLog();
        throw new Error(
          `${what} in ${this.namespace} ${exited ? 'exited' : 'did not listen in time'}\n${log}`,
        );
      }
      await sleep(5);
    }
  }

  async #sshdUp(): Promise<number> {
    if (this.#state.listener === 'sshd') return Date.now();
    if (this.#state.listener === 'tarpit') await this.#sshdDown(false);
    const fd = openSync(join(this.dir, 'logs/sshd.out'), 'a');
    try {
      this.#sshd = spawnSshd(this.holderPid, fd);
    } finally {
      closeSync(fd);
    }
    const at = await this.#waitListening(this.#sshd, 'sshd');
    return this.#apply({ listener: 'sshd' }, at);
  }

  async #sshdDown(dropSessions: boolean): Promise<number> {
    for (const child of [this.#sshd, this.#tarpit]) {
      if (child === undefined) continue;
      child.kill(dropSessions ? 'SIGKILL' : 'SIGTERM');
      await waitExit(child);
    }
    this.#sshd = undefined;
    this.#tarpit = undefined;
    if (dropSessions) await this.#killSessions();
    return this.#apply({ listener: 'none' });
  }

  /**
   * Kill every process of the guest but its holder and its Docker engine: sessions, their
   * commands, stray sshd. (A real reboot would restart the engine; the lab keeps it running.)
   */
  async #killSessions(): Promise<void> {
    this.#ctx.guard.assertNamespace(this.namespace);
    const keep = this.holderPid;
    for (let round = 0; round < 100; round++) {
      const engine = new Set(this.#docker === undefined ? [] : pidsInCgroup(this.namespace));
      const pids = pidsInNamespace(this.namespace).filter(
        (p) => p !== keep && !engine.has(p) && isRunning(p),
      );
      if (pids.length === 0) return;
      for (const pid of pids) signal(pid, 'SIGKILL');
      await sleep(10);
    }
    throw new Error(`processes in ${this.namespace} survived SIGKILL`);
  }
}
