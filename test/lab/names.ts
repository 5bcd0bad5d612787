/**
 * Every object the lab creates on the host carries the lab's id in its name, so that cleanup and
 * the sweep of dead labs can tell exactly which namespaces and links belong to which lab — and
 * leave everything else alone.
 */
import { randomBytes } from 'node:crypto';

/** Common prefix of every lab namespace and link name. */
export const PREFIX = 'rcilab';

/** Where labs keep their state by default: one directory per lab, gone at reboot. */
export const DEFAULT_ROOT = '/run/recipe-ci-lab';

/** Where test/lab/setup.sh unpacks Debian trixie's cloud-init. */
export const TRIXIE_DIR = '/opt/recipe-ci-lab/cloud-init-trixie';

const LAB_ID = /^[0-9a-f]{4}$/;

/** A fresh random lab id: 4 hex digits keep link names within Linux's 15 characters. */
export function newLabId(): string {
  return randomBytes(2).toString('hex');
}

export function isLabId(value: string): boolean {
  return LAB_ID.test(value);
}

/** `rcilab-<lab>-<n>`: the network namespace of guest n. */
export function namespaceName(labId: string, index: number): string {
  return `${PREFIX}-${labId}-${index}`;
}

/** `rcilab<lab>`: the host-side bridge holding the lab's .1 address. */
export function bridgeName(labId: string): string {
  return `${PREFIX}${labId}`;
}

/** `rcilab<lab>v<n>`: the host end of guest n's veth pair (the guest end is its `eth0`). */
export function vethName(labId: string, index: number): string {
  return `${PREFIX}${labId}v${index}`;
}

/** The lab id a namespace name belongs to, or undefined when it is not a lab namespace. */
export function labIdOfNamespace(name: string): string | undefined {
  const match = /^rcilab-([0-9a-f]{4})-\d+$/.exec(name);
  return match?.[1];
}

/** The lab id a link name belongs to, or undefined when it is not a lab link. */
export function labIdOfLink(name: string): string | undefined {
  const match = /^rcilab([0-9a-f]{4})(v\d+)?$/.exec(name);
  return match?.[1];
}
