/**
 * A lab: one private subnet, a bridge, a client key, and the guests a test starts in it. A lab
 * cleans up after itself on close(), on process exit and on SIGINT/SIGTERM/SIGHUP, and when a lab
 * starts it sweeps what earlier labs left behind if their owner died.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanUpOnExit, forgetOnExit, sweepDeadLabs, teardownSync } from './cleanup.ts';
import type { ClientKey, DockerSshEnv, SshOptions, Target } from './client.ts';
import { dockerSshEnv, keyscan, probe, ssh, sshArgs, spawnSsh } from './client.ts';
import { Guard } from './guard.ts';
import type { GuestOptions } from './guest.ts';
import { Guest } from './guest.ts';
import { DEFAULT_ROOT, bridgeName, labIdOfLink, labIdOfNamespace, newLabId } from './names.ts';
import {
  Subnet,
  assertSubnetFree,
  createBridge,
  createGuestLinks,
  deleteLinkSync,
  existingLinks,
  existingNamespaces,
  pickFreeSubnet,
} from './network.ts';
import type { OwnerRecord } from './owner.ts';
import { currentOwner } from './owner.ts';
import { assertLabCanRun } from './preflight.ts';
import type { TcpProbeOptions } from './probe.ts';
import type { ScenarioEvent, ScenarioRun } from './scenario.ts';
import { playScenario } from './scenario.ts';
import { generateKey } from './sshd.ts';

export interface LabOptions {
  /** Directory for the labs' state. Default /run/recipe-ci-lab (or $RECIPE_CI_LAB_ROOT). */
  readonly root?: string;
  /** Use this /24 (e.g. `10.241.7.0/24`); refused if it overlaps anything on the host. */
  readonly subnet?: string;
  /** Guests to start with the lab: a count (default options) or one options object per guest. */
  readonly guests?: number | readonly GuestOptions[];
  /**
   * The caller handles SIGINT/SIGTERM itself and still needs the guests while it cleans up (the
   * demo's post steps tear the app off a guest): a signal then leaves the lab up, and it is torn
   * down when the caller closes it or the process exits.
   */
  readonly keepOnSignal?: boolean;
  /** Where the lab reports what it swept. Default: stderr. */
  readonly log?: (message: string) => void;
}

/** How many guests start at the same time: enough to keep 2 cores busy, not more. */
const START_CONCURRENCY = 8;

/** The lab's directory must stay visible to the guests while their mounts are made. */
function checkRoot(root: string): void {
  if (!root.startsWith('/') || /^\/(var|root|etc|usr)(\/|$)/.test(root)) {
    throw new Error(`lab root ${root} must be absolute and outside /var, /root, /etc and /usr`);
  }
}

export class Lab {
  /** The lab's 4-hex-digit id; it is in every name the lab creates. */
  readonly id: string;
  /** The lab's directory: owner.json, the client key, one directory per guest. */
  readonly dir: string;
  readonly subnet: Subnet;
  readonly bridge: string;
  /** What this lab created; everything it touches is checked against it. */
  readonly guard: Guard;
  readonly clientKey: ClientKey;
  readonly #guests: Guest[] = [];
  /** Guest indexes are reserved before any await, so concurrent addGuest calls never collide. */
  #reservedGuests = 0;
  readonly #runs = new Set<ScenarioRun>();
  #closed = false;

  private constructor(id: string, dir: string, subnet: Subnet, guard: Guard, clientKey: ClientKey) {
    this.id = id;
    this.dir = dir;
    this.subnet = subnet;
    this.bridge = bridgeName(id);
    this.guard = guard;
    this.clientKey = clientKey;
  }

  /**
   * Start a lab. Needs root (see preflight.ts). Sweeps dead labs under the same root first.
   * On failure, everything it created so far is removed before the error is thrown.
   */
  static async start(options: LabOptions = {}): Promise<Lab> {
    assertLabCanRun();
    const log = options.log ?? ((m: string) => process.stderr.write(`guest lab: ${m}\n`));
    const root = options.root ?? process.env.RECIPE_CI_LAB_ROOT ?? DEFAULT_ROOT;
    checkRoot(root);
    await mkdir(root, { recursive: true, mode: 0o700 });
    sweepDeadLabs(root, log);

    const { id, dir } = await claimLabDir(root);
    const guard = new Guard(id);
    cleanUpOnExit(id, () => void teardownSync(guard, dir), options.keepOnSignal);
    try {
      const owner = currentOwner();
      await writeFile(join(dir, 'owner.json'), JSON.stringify(owner));
      const subnet = await setUpNetwork(guard, options.subnet);
      await writeFile(
        join(dir, 'owner.json'),
        JSON.stringify({ ...owner, subnet: subnet.cidr } satisfies OwnerRecord),
      );
      const clientKey = await makeClientKey(join(dir, 'client'), id);
      const lab = new Lab(id, dir, subnet, guard, clientKey);
      const guests = options.guests ?? 0;
      await lab.addGuests(
        typeof guests === 'number' ? Array<GuestOptions>(guests).fill({}) : guests,
      );
      return lab;
    } catch (error) {
      const leftovers = teardownSync(guard, dir);
      forgetOnExit(id);
      if (leftovers.length) log(`after a failed start, could not remove: ${leftovers.join('; ')}`);
      throw error;
    }
  }

  /** The guests, in the order they were added (guest i has index i + 1). */
  get guests(): readonly Guest[] {
    return this.#guests;
  }

  /** The host's address on the lab subnet (.1), where guests see connections come from. */
  get hostAddress(): string {
    return this.subnet.hostAddress;
  }

  /** Start one more guest. */
  async addGuest(options: GuestOptions = {}): Promise<Guest> {
    const [guest] = await this.addGuests([options]);
    if (guest === undefined) throw new Error('no guest started');
    return guest;
  }

  /** Start several guests concurrently; resolves when all are up as their options ask. */
  async addGuests(options: readonly GuestOptions[]): Promise<Guest[]> {
    this.#assertOpen();
    if (options.length === 0) return [];
    const first = this.#reservedGuests + 1;
    this.#reservedGuests += options.length;
    const indexes = options.map((_, i) => first + i);
    await createGuestLinks(this.guard, indexes);
    const started = new Map<number, Guest>();
    const failures: unknown[] = [];
    let next = 0;
    const context = {
      guard: this.guard,
      labDir: this.dir,
      subnet: this.subnet,
      clientPublicKey: this.clientKey.publicKey,
    };
    // Each worker starts guests one by one; a failure does not stop the others, so that when
    // this returns nothing is still being started behind the caller's back.
    const worker = async () => {
      while (next < options.length) {
        const i = next++;
        try {
          started.set(i, await Guest.start(context, indexes[i] ?? 0, options[i] ?? {}));
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, options.length) }, worker));
    const guests = [...started.entries()].sort(([a], [b]) => a - b).map(([, guest]) => guest);
    this.#guests.push(...guests);
    if (failures.length > 0) throw failures[0];
    return guests;
  }

  /** Play a scenario timeline against one of this lab's guests (see scenario.ts). */
  play(guest: Guest, events: readonly ScenarioEvent[]): ScenarioRun {
    this.#assertOpen();
    this.guard.assertNamespace(guest.namespace);
    const run = playScenario(guest, events);
    this.#runs.add(run);
    void run.finished.catch(() => undefined).finally(() => this.#runs.delete(run));
    return run;
  }

  /** `ssh` arguments for a root login with the lab key (see client.ts). */
  sshArgs(target: Target, command: string, options?: SshOptions): string[] {
    return sshArgs(this, target, command, options);
  }

  /** Run a command on a guest with the plain OpenSSH client. */
  ssh(target: Target, command: string, options?: SshOptions) {
    return ssh(this, target, command, options);
  }

  /** Start a long-running SSH session on a guest; the caller ends it. */
  spawnSsh(target: Target, command: string, options?: SshOptions): ChildProcess {
    return spawnSsh(this, target, command, options);
  }

  /**
   * The env under which the host's `docker` talks to a guest's engine over SSH, as from a user's
   * machine: `DOCKER_HOST=ssh://root@<address>`, the lab key and only the guest's current host
   * key (see client.ts). Call it again after the guest's host key changed.
   */
  dockerSshEnv(guest: Guest): Promise<DockerSshEnv> {
    return dockerSshEnv(this, guest, join(this.dir, 'client', `docker-ssh-g${guest.index}`));
  }

  /** The host key a guest presents over the network (ssh-keyscan). */
  keyscan(target: Target, timeoutSec?: number) {
    return keyscan(this, target, timeoutSec);
  }

  /** One raw TCP connection attempt to a guest. */
  probe(target: Target, options: TcpProbeOptions) {
    return probe(this, target, options);
  }

  /**
   * Remove everything the lab created: guests' Docker engines, processes, namespaces, links,
   * directory. Safe to call twice. Throws, after removing all it can, if something could not be
   * removed.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    for (const run of this.#runs) run.stop();
    // Engines first, the careful way (containers, swarm leave, SIGTERM); teardown would kill them.
    const leftovers = this.#guests.flatMap((guest) => guest.stopDockerSync());
    leftovers.push(...teardownSync(this.guard, this.dir));
    forgetOnExit(this.id);
    if (leftovers.length > 0) {
      return Promise.reject(new Error(`guest lab ${this.id} left: ${leftovers.join('; ')}`));
    }
    return Promise.resolve();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`guest lab ${this.id} is closed`);
  }
}

/** Start a lab (see Lab.start). */
export function startLab(options: LabOptions = {}): Promise<Lab> {
  return Lab.start(options);
}

/**
 * Create `<root>/<id>` for a fresh id; mkdir without `recursive` fails if another lab has it. An
 * id that any namespace or link on the host already carries is skipped: the lab must own every
 * name with its id.
 */
async function claimLabDir(root: string): Promise<{ id: string; dir: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const id = newLabId();
    const dir = join(root, id);
    const taken =
      existingNamespaces().some((n) => labIdOfNamespace(n) === id) ||
      existingLinks().some((l) => labIdOfLink(l) === id);
    if (taken) continue;
    try {
      await mkdir(dir, { mode: 0o700 });
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free lab id under ${root}`);
}

/** Choose (or check) the subnet and create the bridge; retry if another lab took it meanwhile. */
async function setUpNetwork(guard: Guard, wanted: string | undefined): Promise<Subnet> {
  for (let attempt = 0; attempt < 5; attempt++) {
    let cidr: string;
    if (wanted === undefined) {
      cidr = await pickFreeSubnet();
    } else {
      await assertSubnetFree(wanted);
      cidr = wanted;
    }
    const subnet = new Subnet(cidr);
    if ((await createBridge(guard, subnet)) === 'ok') return subnet;
    deleteLinkSync(guard, bridgeName(guard.labId));
    if (wanted !== undefined) throw new Error(`subnet ${wanted} was taken while the lab started`);
  }
  throw new Error('could not find a subnet no other lab took at the same time');
}

async function makeClientKey(dir: string, labId: string): Promise<ClientKey> {
  await mkdir(dir, { mode: 0o700 });
  const privateKeyPath = join(dir, 'id_ed25519');
  await generateKey(privateKeyPath, `recipe-ci-lab-${labId}`);
  const publicKeyPath = `${privateKeyPath}.pub`;
  const publicKey = (await readFile(publicKeyPath, 'utf8')).trim();
  return { privateKeyPath, publicKeyPath, publicKey };
}
