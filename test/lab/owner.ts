/**
 * Who owns a lab: the process that started it, recorded in the lab's state directory before any
 * namespace or link exists. A later lab sweeps only what belongs to an owner that is provably dead.
 */
import { readFileSync } from 'node:fs';
import { isRunning, processStartTime } from './processes.ts';

/** Contents of `<root>/<lab id>/owner.json`. */
export interface OwnerRecord {
  readonly pid: number;
  /** Start time of the pid, so a reused pid is not mistaken for the owner. */
  readonly pidStartTime: string;
  /** The kernel's boot id: after a reboot every earlier owner is dead. */
  readonly bootId: string;
  readonly createdAt: string;
  readonly subnet?: string;
}

function bootId(): string {
  return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
}

/** The record describing the current process. */
export function currentOwner(): OwnerRecord {
  const pidStartTime = processStartTime(process.pid);
  if (pidStartTime === undefined) throw new Error('cannot read /proc/self/stat');
  return {
    pid: process.pid,
    pidStartTime,
    bootId: bootId(),
    createdAt: new Date().toISOString(),
  };
}

/** Read an owner record; undefined when missing or unreadable. */
export function readOwner(path: string): OwnerRecord | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      'pid' in value &&
      typeof value.pid === 'number' &&
      'pidStartTime' in value &&
      typeof value.pidStartTime === 'string' &&
      'bootId' in value &&
      typeof value.bootId === 'string'
    ) {
      return value as OwnerRecord;
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** True while the recorded owner process is still running. */
export function ownerAlive(owner: OwnerRecord): boolean {
  return (
    owner.bootId === bootId() &&
    isRunning(owner.pid) &&
    processStartTime(owner.pid) === owner.pidStartTime
  );
}
