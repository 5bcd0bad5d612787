import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { SshFailure } from '../../src/ssh/failure.ts';
import {
  checkPinnedHostKey,
  HostKeyChangedError,
  pinnedKeysFor,
  writeSshClientConfig,
  type MachineAccess,
} from '../../src/ssh/machine-access.ts';
import type { ConnectOptions, SshSession } from '../../src/ssh/session.ts';
import { tempDir } from '../support/temp-dir.ts';

const blob = (): string => randomBytes(51).toString('base64');
const fingerprint = (b64: string): string =>
  `SHA256:${createHash('sha256').update(Buffer.from(b64, 'base64')).digest('base64').replace(/=+$/, '')}`;

test('pinnedKeysFor: the host by its known_hosts name, [host]:port off port 22', () => {
  const a = blob();
  const b = blob();
  const text = [
    '# readiness',
    `10.0.0.2 ssh-ed25519 ${a}`,
    `[10.0.0.3]:2222 ssh-ed25519 ${b}`,
    `10.0.0.4,10.0.0.2 ecdsa-sha2-nistp256 ${b}`,
    `@revoked 10.0.0.2 ssh-ed25519 ${b}`,
  ].join('\n');
  assert.deepEqual(
    pinnedKeysFor(text, '10.0.0.2', 22).map((k) => k.fingerprint),
    [fingerprint(a), fingerprint(b)],
  );
  assert.deepEqual(pinnedKeysFor(text, '10.0.0.3', 22), []);
  assert.equal(pinnedKeysFor(text, '10.0.0.3', 2222)[0]?.keyText, `ssh-ed25519 ${b}`);
});

test('the written config is what OpenSSH itself reads for "target" (ssh -G)', () => {
  const dir = tempDir('recipe-ci-ssh-config-');
  const access: MachineAccess = {
    host: '10.0.0.2',
    port: 2222,
    user: 'deploy',
    privateKeyPath: join(dir, 'run key'),
    knownHostsPath: join(dir, 'known_hosts'),
  };
  const config = writeSshClientConfig(dir, access);
  const run = spawnSync('ssh', ['-G', '-F', config, 'target'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const seen = new Map(
    run.stdout.split('\n').map((line) => [line.split(' ')[0], line.slice(line.indexOf(' ') + 1)]),
  );
  assert.equal(seen.get('hostname'), '10.0.0.2');
  assert.equal(seen.get('port'), '2222');
  assert.equal(seen.get('user'), 'deploy');
  assert.equal(seen.get('identityfile'), access.privateKeyPath);
  assert.equal(seen.get('identitiesonly'), 'yes');
  assert.equal(seen.get('userknownhostsfile'), access.knownHostsPath);
  assert.equal(seen.get('globalknownhostsfile'), '/dev/null');
  assert.equal(seen.get('stricthostkeychecking'), 'true');
  assert.equal(seen.get('batchmode'), 'yes');
});

function fakeConnect(offered: string, onAccepted?: () => void) {
  return (options: ConnectOptions): Promise<SshSession> => {
    if (options.acceptHostKey?.(offered) === false) {
      return Promise.reject(
        new SshFailure('host-key-mismatch', `host key ${offered} is not the pinned one`),
      );
    }
    onAccepted?.();
    return Promise.resolve({
      hostKey: offered,
      hostKeyText: '',
      isOpen: true,
      exec: () => Promise.reject(new Error('not used')),
      close: () => undefined,
    });
  };
}

const ACCESS: MachineAccess = {
  host: '10.0.0.2',
  port: 22,
  user: 'root',
  privateKeyPath: '/k',
  knownHostsPath: '/kh',
};

test('checkPinnedHostKey: the pinned key passes; another key names the host and both prints', async () => {
  const pinned = [{ keyText: 'ssh-ed25519 AAAA', fingerprint: 'SHA256:pinned' }];
  let closedOk = false;
  assert.equal(
    await checkPinnedHostKey(ACCESS, pinned, 'key', {
      timeoutMs: 1000,
      connect: fakeConnect('SHA256:pinned', () => (closedOk = true)),
    }),
    'SHA256:pinned',
  );
  assert.ok(closedOk);
  await assert.rejects(
    checkPinnedHostKey(ACCESS, pinned, 'key', {
      timeoutMs: 1000,
      connect: fakeConnect('SHA256:other'),
    }),
    (error: unknown) =>
      error instanceof HostKeyChangedError &&
      /^10\.0\.0\.2 shows host key SHA256:other, not the pinned SHA256:pinned/.test(
        error.message,
      ) &&
      /nothing was deployed/.test(error.message),
  );
});

test('checkPinnedHostKey: an unreachable machine is said as such, not as a key change', async () => {
  const refused = (): Promise<SshSession> =>
    Promise.reject(new SshFailure('refused', 'connection refused'));
  await assert.rejects(
    checkPinnedHostKey(ACCESS, [], 'key', { timeoutMs: 1000, connect: refused }),
    (error: unknown) =>
      !(error instanceof HostKeyChangedError) &&
      /cannot reach root@10\.0\.0\.2 with the run key \(refused: connection refused\)/.test(
        (error as Error).message,
      ),
  );
});
