/**
 * The lab's network: one private /24 that the lab chose and checked is free on this host, a bridge
 * on the host holding its .1 address, and per guest a network namespace joined to the bridge by a
 * veth pair (the guest end is its `eth0`). Firewall state (the blackhole) lives inside the guest's
 * own namespace, so the host's rules are never changed.
 */
import { randomInt } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Guard } from './guard.ts';
import { bridgeName, namespaceName, vethName } from './names.ts';
import { runChecked, runSync } from './run.ts';

/** An IPv4 network as address/prefix length. */
interface Cidr {
  readonly base: number;
  readonly bits: number;
}

function parseAddress(text: string): number {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${text}`);
  }
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function parseCidr(text: string): Cidr {
  const [address = '', bits = '32'] = text.split('/');
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`bad CIDR ${text}`);
  return { base: parseAddress(address), bits: prefix };
}

function overlaps(a: Cidr, b: Cidr): boolean {
  const size = 2 ** (32 - Math.min(a.bits, b.bits));
  return Math.floor(a.base / size) === Math.floor(b.base / size);
}

interface RouteJson {
  dst?: string;
  dev?: string;
}
interface AddrJson {
  ifname?: string;
  addr_info?: { family?: string; local?: string; prefixlen?: number }[];
}

/** Every IPv4 network this host already routes or holds an address in (the default route aside). */
async function occupiedNetworks(): Promise<{ cidr: Cidr; text: string; dev: string }[]> {
  const routes = JSON.parse(
    await runChecked('ip', ['-j', '-4', 'route', 'show', 'table', 'all']),
  ) as RouteJson[];
  const addrs = JSON.parse(await runChecked('ip', ['-j', '-4', 'addr', 'show'])) as AddrJson[];
  const found: { cidr: Cidr; text: string; dev: string }[] = [];
  for (const route of routes) {
    if (!route.dst || route.dst === 'default') continue;
    found.push({ cidr: parseCidr(route.dst), text: route.dst, dev: route.dev ?? '?' });
  }
  for (const link of addrs) {
    for (const info of link.addr_info ?? []) {
      if (info.family !== 'inet' || !info.local) continue;
      const text = `${info.local}/${info.prefixlen ?? 32}`;
      found.push({ cidr: parseCidr(text), text, dev: link.ifname ?? '?' });
    }
  }
  return found;
}

/** Raised when the wanted subnet overlaps a network the host already uses. */
export class SubnetInUseError extends Error {
  constructor(subnet: string, clash: string, dev: string) {
    super(
      `refusing subnet ${subnet}: it overlaps ${clash} on ${dev}, which the lab did not create`,
    );
    this.name = 'SubnetInUseError';
  }
}

/** A /24 the lab owns: `.1` is the host's bridge, guests count up from `.2`. */
export class Subnet {
  readonly #base: number;

  constructor(readonly cidr: string) {
    const parsed = parseCidr(cidr);
    if (parsed.bits !== 24 || parsed.base % 256 !== 0) {
      throw new Error(`the lab needs a /24 such as 10.241.7.0/24, not ${cidr}`);
    }
    this.#base = parsed.base;
  }

  get hostAddress(): string {
    return formatAddress(this.#base + 1);
  }

  /** Address of guest `index` (1-based). */
  guestAddress(index: number): string {
    if (!Number.isInteger(index) || index < 1 || index > 253) {
      throw new Error(`a lab holds guests 1..253, not ${index}`);
    }
    return formatAddress(this.#base + 1 + index);
  }
}

/** Fail unless `cidr` is free: no route or address on the host overlaps it. */
export async function assertSubnetFree(cidr: string): Promise<void> {
  const wanted = parseCidr(cidr);
  for (const used of await occupiedNetworks()) {
    if (overlaps(wanted, used.cidr)) throw new SubnetInUseError(cidr, used.text, used.dev);
  }
}

/** A random 10.240.0.0–10.254.255.0 /24 that overlaps nothing on the host. */
export async function pickFreeSubnet(): Promise<string> {
  const used = await occupiedNetworks();
  for (let attempt = 0; attempt < 200; attempt++) {
    const cidr = `10.${randomInt(240, 255)}.${randomInt(0, 256)}.0/24`;
    const wanted = parseCidr(cidr);
    if (!used.some((u) => overlaps(wanted, u.cidr))) return cidr;
  }
  throw new Error('no free /24 in 10.240.0.0–10.254.255.0: the host uses them all');
}

/**
 * Create the lab's bridge with the subnet's .1 address. If another lab claimed the same subnet at
 * the same moment, both see two routes for it; the caller then removes its bridge and retries.
 */
export async function createBridge(guard: Guard, subnet: Subnet): Promise<'ok' | 'clash'> {
  const bridge = bridgeName(guard.labId);
  guard.claimLink(bridge);
  await runChecked('ip', ['link', 'add', bridge, 'type', 'bridge']);
  await runChecked('ip', ['addr', 'add', `${subnet.hostAddress}/24`, 'dev', bridge]);
  await runChecked('ip', ['link', 'set', bridge, 'up']);
  const routes = JSON.parse(
    await runChecked('ip', ['-j', '-4', 'route', 'show', 'table', 'all']),
  ) as RouteJson[];
  const wanted = parseCidr(subnet.cidr);
  const others = routes.filter(
    (r) => r.dst && r.dst !== 'default' && r.dev !== bridge && overlaps(parseCidr(r.dst), wanted),
  );
  return others.length === 0 ? 'ok' : 'clash';
}

/** Delete one of the lab's links (bridge or veth); quietly nothing if it is already gone. */
export function deleteLinkSync(guard: Guard, name: string): void {
  guard.assertLink(name);
  if (existingLinks().includes(name)) runSync('ip', ['link', 'del', name]);
}

/** Names of the network interfaces on the host. */
export function existingLinks(): string[] {
  return readdirSync('/sys/class/net');
}

/** Names of the named network namespaces (`ip netns list`). */
export function existingNamespaces(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}

/**
 * Create the namespaces and veth pairs of guests `indexes` in one `ip -batch` call: many guests
 * start quickly, and the guest end of each pair is born inside its namespace as `eth0`.
 */
export async function createGuestLinks(guard: Guard, indexes: readonly number[]): Promise<void> {
  const bridge = bridgeName(guard.labId);
  guard.assertLink(bridge);
  const lines: string[] = [];
  for (const index of indexes) {
    const ns = namespaceName(guard.labId, index);
    const veth = vethName(guard.labId, index);
    guard.claimNamespace(ns);
    guard.claimLink(veth);
    lines.push(
      `netns add ${ns}`,
      `link add ${veth} type veth peer name eth0 netns ${ns}`,
      `link set ${veth} master ${bridge} up`,
    );
  }
  await runChecked('ip', ['-batch', '-'], { input: `${lines.join('\n')}\n` });
}

/** Delete a guest namespace (its processes must be gone already); nothing if it is gone. */
export function deleteNamespaceSync(guard: Guard, name: string): void {
  guard.assertNamespace(name);
  if (existingNamespaces().includes(name)) runSync('ip', ['netns', 'delete', name]);
}

const BLACKHOLE_TABLE = 'rcilab_blackhole';

/**
 * Drop every TCP segment to port 22 inside the guest's namespace — SYNs included — so a client's
 * connect neither succeeds nor is refused: it times out, as with a filtered or dead host.
 */
export async function setBlackhole(guard: Guard, namespace: string, on: boolean): Promise<void> {
  guard.assertNamespace(namespace);
  // Declaring the table first makes the removal succeed whether or not it exists.
  const script = on
    ? `table inet ${BLACKHOLE_TABLE} {\n` +
      `  chain input {\n` +
      `    type filter hook input priority filter; policy accept;\n` +
      `    tcp dport 22 drop\n` +
      `  }\n}\n`
    : `table inet ${BLACKHOLE_TABLE}\ndelete table inet ${BLACKHOLE_TABLE}\n`;
  await runChecked('nsenter', [`--net=/run/netns/${namespace}`, '--', 'nft', '-f', '-'], {
    input: script,
  });
}
