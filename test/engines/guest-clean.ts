/** What a recipe's run may leave on a guest-lab guest, checked after an engine's run. */
import assert from 'node:assert/strict';
import type { Guest } from '../lab/index.ts';

/** The example recipe's apps folder is gone and nothing but sshd listens on the guest. */
export async function assertGuestClean(guest: Guest): Promise<void> {
  assert.notEqual((await guest.exec('test -e ~root/recipe-ci-apps')).code, 0, 'app folder removed');
  const listening = await guest.exec(['ss', '-Htln']);
  const ports = listening.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[3] ?? '')
    .filter((address) => !address.endsWith(':22'));
  assert.deepEqual(ports, [], 'nothing of the app listens on the guest');
}
