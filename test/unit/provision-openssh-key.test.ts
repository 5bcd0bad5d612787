import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { generateEd25519 } from '../../src/provision/openssh-key.ts';
import { tempDir } from '../support/temp-dir.ts';

test('every generated key loads in ssh2 and signs; its public line matches (many keys, so the 1-in-256 zero byte comes up)', () => {
  for (let i = 0; i < 1000; i++) {
    const key = generateEd25519(`run-${String(i)}`);
    const parsed = ssh2.utils.parseKey(key.private);
    assert.ok(
      !(parsed instanceof Error),
      `key ${String(i)}: ${parsed instanceof Error ? parsed.message : ''}`,
    );
    assert.equal(
      `${parsed.type} ${parsed.getPublicSSH().toString('base64')} run-${String(i)}`,
      key.public,
    );
    const signature = parsed.sign(Buffer.from('x'));
    assert.ok(parsed.verify(Buffer.from('x'), signature));
  }
});

test('OpenSSH reads it and derives the same public key', () => {
  const key = generateEd25519('recipe-ci-test');
  const path = join(tempDir('recipe-ci-keytest-'), 'id');
  writeFileSync(path, key.private, { mode: 0o600 });
  assert.equal(execFileSync('ssh-keygen', ['-y', '-f', path]).toString().trim(), key.public);
});
