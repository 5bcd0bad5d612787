/**
 * The one interface every provider implements, and the records that cross the main → post
 * boundary. A MachineRef is what state keeps: enough to find and destroy the machine again, and
 * never a secret (state files sit on the runner's disk).
 */
import type { Logger } from '../platform/runner.ts';

export const PROVIDERS = ['hcloud', 'ssh', 'local', 'command'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** What post needs to destroy a machine; saved to state as soon as anything exists. */
export interface MachineRef {
  /** The run's name for it (known before the first API call, so a lost id can be found again). */
  name: string;
  /** The provider's identifier, once known. */
  id?: string;
  /** Provider-specific handles (an SSH key resource, a swarm we initialised). */
  extra?: Record<string, string>;
}

/** A machine ready to hand to readiness. */
export interface Machine extends MachineRef {
  id: string;
  hosts: string[];
  user: string;
  ipv4?: string;
  ipv6?: string;
  /** Anything more the provider reported that later steps may want (never secrets). */
  details?: Record<string, unknown>;
}

export interface CreateRequest {
  name: string;
  labels: Record<string, string>;
  user: string;
  /** The public half of the run's key, `ssh-ed25519 AAAA… comment`, when there is a key. */
  publicKey?: string;
  privateKeyPath?: string;
  /** Rendered cloud-init user-data, already validated. */
  userData?: string;
  /** Called whenever something new exists, before any long wait, so state always holds it. */
  remember: (ref: MachineRef) => void;
  signal: AbortSignal;
  log: Logger;
}

/** Something this suite made that the janitor found. */
export interface Leftover {
  kind: string;
  id: string;
  name: string;
  /** Creation time (ms since the epoch) from our label, not from the API. */
  createdAt: number;
}

export interface Provider {
  readonly name: ProviderName;
  create(request: CreateRequest): Promise<Machine>;
  /** The machine as the provider sees it now; undefined when it is gone. */
  describe(ref: MachineRef): Promise<Machine | undefined>;
  /** Destroy what the ref names; `gone` when there was nothing left to destroy. */
  destroy(ref: MachineRef, signal: AbortSignal): Promise<'destroyed' | 'gone'>;
  /** Everything carrying our labels under this prefix; never anything unlabelled. */
  listOwnLeftovers(prefix: string): Promise<Leftover[]>;
  destroyLeftover(leftover: Leftover, signal: AbortSignal): Promise<void>;
  /** The command a person runs to remove the machine by hand. */
  removeByHand(ref: MachineRef): string;
}
