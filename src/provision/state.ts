/**
 * What main hands to post, by name, in one place. Only references: the machine's name and id,
 * the key file's path. Never the key or the token — post reads the token from its inputs again.
 */
import type { StateStore } from '../platform/state.ts';
import type { MachineRef } from './provider.ts';

export const ProvisionState = {
  machine: 'machine',
  keyPath: 'key-path',
} as const;

export function saveMachineRef(state: StateStore, ref: MachineRef): void {
  state.setJson(ProvisionState.machine, ref);
}

export function loadMachineRef(state: StateStore): MachineRef | undefined {
  const value = state.getJson(ProvisionState.machine) as MachineRef | undefined;
  return value !== undefined && typeof value.name === 'string' ? value : undefined;
}
