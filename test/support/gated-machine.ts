/**
 * A lab guest handed on as a workflow hands a machine to recipe-suite: provision (the `ssh`
 * provider) names it and the key, readiness gates it and pins its host key. Both run as the
 * committed bundles, wired output to input as the reusable workflow wires them.
 */
import assert from 'node:assert/strict';
import { FakeActionsEnv } from './fake-actions-env.ts';

/** recipe-suite's machine inputs: `host`, `user`, `private-key-path` and `known-hosts`. */
export type MachineInputs = Record<'host' | 'user' | 'private-key-path' | 'known-hosts', string>;

/** Provision `host` with the key at `privateKeyPath`, gate it, and hand on the machine. */
export async function gatedMachine(host: string, privateKeyPath: string): Promise<MachineInputs> {
  const provision = await new FakeActionsEnv().run('provision', 'main', {
    provider: 'ssh',
    host,
    'private-key-path': privateKeyPath,
  });
  assert.equal(provision.code, 0, provision.stdout);
  const readiness = await new FakeActionsEnv().run('readiness', 'main', {
    hosts: provision.outputs.hosts ?? '',
    user: provision.outputs.user ?? '',
    'private-key-path': provision.outputs['private-key-path'] ?? '',
    timeout: '60s',
    interval: '250ms',
  });
  assert.equal(readiness.code, 0, readiness.stdout);
  return {
    host: provision.outputs.hosts ?? '',
    user: provision.outputs.user ?? '',
    'private-key-path': provision.outputs['private-key-path'] ?? '',
    'known-hosts': readiness.outputs['known-hosts'] ?? '',
  };
}
