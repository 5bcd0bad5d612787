/**
 * Provision's outputs feed readiness directly. In the guest lab (real sshd and cloud-init CLI in
 * a network namespace), a `command` provider plays a cloud that installs the run's generated key
 * on a guest; the bundled readiness action then gates the guest with nothing but provision's
 * outputs. The `ssh` provider does the same with an existing server's key. Needs root.
 */
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeActionsEnv, type StepResult } from '../support/fake-actions-env.ts';
import { sshArgs } from '../lab/client.ts';
import type { Guest, Lab } from '../lab/index.ts';
import { startLab } from '../lab/index.ts';
import { tempDir } from '../support/temp-dir.ts';

let lab: Lab;
let guest: Guest;
before(async () => {
  lab = await startLab();
  guest = await lab.addGuest({ authorized: true, cloudInitPhase: { status: 'done' } });
});
after(async () => {
  await lab.close();
});

async function step(
  action: 'provision' | 'readiness',
  phase: 'main' | 'post',
  inputs: Record<string, string>,
  state: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<StepResult> {
  return new FakeActionsEnv().run(action, phase, inputs, { state, env });
}

/** Readiness fed with provision's outputs, exactly as a workflow would wire them. */
function readinessInputs(outputs: Record<string, string>): Record<string, string> {
  return {
    hosts: outputs.hosts ?? '',
    user: outputs.user ?? '',
    'private-key-path': outputs['private-key-path'] ?? '',
    timeout: '60s',
    interval: '250ms',
    settle: '2',
  };
}

/** The lab's own ssh command line for the guest, as a shell word list. */
function sshCommand(remote: string): string {
  const args = sshArgs({ guard: lab.guard, clientKey: lab.clientKey }, guest, remote);
  return ['ssh', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}

describe('provision outputs gate in readiness (guest lab)', () => {
  it('command provider: the generated key reaches the guest, readiness passes, post revokes it', async () => {
    const dir = tempDir('recipe-ci-labcloud-');
    const create = join(dir, 'create.sh');
    writeFileSync(
      create,
      `#!/bin/sh
set -eu
printf '%s\\n' "$RECIPE_CI_PUBLIC_KEY" | ${sshCommand('cat >> /root/.ssh/authorized_keys')}
${sshCommand('cat > /root/user-data.yaml')} < "$RECIPE_CI_USER_DATA_FILE"
echo '{"id":"guest-1","hosts":["${guest.address}"],"user":"root"}'
`,
    );
    const destroy = join(dir, 'destroy.sh');
    writeFileSync(
      destroy,
      `#!/bin/sh
set -eu
printf '%s\\n' "$RECIPE_CI_NAME" | ${sshCommand('read n; grep -v -F "$n" /root/.ssh/authorized_keys > /root/.ssh/k; mv /root/.ssh/k /root/.ssh/authorized_keys')}
`,
    );
    chmodSync(create, 0o755);
    chmodSync(destroy, 0o755);
    const inputs = {
      provider: 'command',
      'create-command': create,
      'destroy-command': destroy,
    };
    const main = await step('provision', 'main', inputs);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs.hosts, guest.address);

    const ready = await step('readiness', 'main', readinessInputs(main.outputs));
    assert.equal(ready.code, 0, ready.stdout);
    assert.equal(ready.outputs['ready-hosts'], guest.address);
    const userData = await guest.exec('cat /root/user-data.yaml');
    assert.match(userData.stdout, /^#cloud-config\nssh_authorized_keys:\n {2}- "ssh-ed25519 /);

    const post = await step('provision', 'post', inputs, main.state);
    assert.equal(post.code, 0, post.stdout);
    const keys = await guest.exec('cat /root/.ssh/authorized_keys');
    assert.doesNotMatch(keys.stdout, /recipe-ci-local-/, 'the run key was revoked');
  });

  it('ssh provider: an existing server and its key, handed on unchanged', async () => {
    const main = await step('provision', 'main', {
      provider: 'ssh',
      host: guest.address,
      'private-key-path': lab.clientKey.privateKeyPath,
    });
    assert.equal(main.code, 0, main.stdout);
    assert.equal(main.outputs['private-key-path'], lab.clientKey.privateKeyPath);
    const ready = await step('readiness', 'main', readinessInputs(main.outputs));
    assert.equal(ready.code, 0, ready.stdout);
    assert.equal(ready.outputs['ready-hosts'], guest.address);
  });
});
