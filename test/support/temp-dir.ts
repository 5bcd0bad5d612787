/**
 * Temporary folders for tests, removed when the test process exits. `node --test` runs each test
 * file in its own process, so a folder lives as long as its file's tests: it can be made at module
 * level, in a `before` hook or in a test and shared by later tests, and a failing assertion cannot
 * skip its removal. A process killed by a signal leaves its folders behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh folder `<tmpdir>/<prefix>XXXXXX`, removed with everything in it at exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.length === 0) process.once('exit', removeAll);
  made.push(dir);
  return dir;
}

function removeAll(): void {
  for (const dir of made.splice(0)) {
    try {
      // Retries: a process a test started may still be writing into it as we exit.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    } catch (error) {
      process.stderr.write(`could not remove ${dir}: ${String(error)}\n`);
    }
  }
}
