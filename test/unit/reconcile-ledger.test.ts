import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileLedger } from '../../src/reconcile/ledger.ts';
import { tempDir } from '../support/temp-dir.ts';

const APP = { recipe: 'keycloak', domain: 'sso.example.test' };

function ledgerFile(): string {
  return join(tempDir('recipe-ci-ledger-'), 'ledger.json');
}

describe('reconcile ledger: the rejected release', () => {
  it('is written, read back by a fresh store, and cleared', async () => {
    const path = ledgerFile();
    const rejected = { version: '1.1.0+1.1', at: '2025-01-02T03:04:05.000Z', reason: 'HTTP 502' };
    await fileLedger(path, APP).update({ lastGood: '1.0.0+1.0', rejected });
    const again = fileLedger(path, APP);
    assert.deepEqual((await again.read()).rejected, rejected);
    await again.update({ rejected: undefined });
    const text = readFileSync(path, 'utf8');
    assert.doesNotMatch(text, /rejected/);
    assert.equal((await fileLedger(path, APP).read()).lastGood, '1.0.0+1.0');
  });

  it('an update that changes nothing (the same rejection) does not rewrite the file', async () => {
    const path = ledgerFile();
    const rejected = { version: '1.1.0+1.1', at: '2025-01-02T03:04:05.000Z', reason: 'HTTP 502' };
    await fileLedger(path, APP).update({ lastGood: '1.0.0+1.0', rejected });
    const before = readFileSync(path, 'utf8');
    const mtime = statSync(path).mtimeMs;
    await fileLedger(path, APP).update({ lastGood: '1.0.0+1.0', rejected: { ...rejected } });
    assert.equal(readFileSync(path, 'utf8'), before);
    assert.equal(statSync(path).mtimeMs, mtime);
  });

  it('a hand-edited rejection without a version is no rejection; older files have none', async () => {
    const path = ledgerFile();
    const base = { version: 1, ...APP, lastGood: '1.0.0+1.0', port: 4000 };
    writeFileSync(path, JSON.stringify({ ...base, rejected: { reason: 'x' } }));
    assert.equal((await fileLedger(path, APP).read()).rejected, undefined);
    writeFileSync(path, JSON.stringify(base));
    assert.equal((await fileLedger(path, APP).read()).rejected, undefined);
    writeFileSync(path, JSON.stringify({ ...base, rejected: { version: '1.1.0+1.1' } }));
    assert.deepEqual((await fileLedger(path, APP).read()).rejected, {
      version: '1.1.0+1.1',
      at: '',
      reason: '',
    });
  });
});
