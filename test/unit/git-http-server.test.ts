/**
 * The engines' loopback forge (test/engines/git-http-server.ts): a clone works, and a backend
 * that cannot start, answers a status that is not one, stops reading the body or outlives its
 * client costs that one request a 500 or its backend — never the server.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startGitHttpServer, type GitHttpServer } from '../engines/git-http-server.ts';
import { gone, killQuietly } from '../support/processes.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A GET or POST on `url`; resolves with the status and body. */
function fetchText(url: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body ? 'POST' : 'GET' }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Each request's backend is this shell script, `$1` a file it may write to. */
async function withBackend(
  script: string,
  use: (server: GitHttpServer, file: string) => Promise<void>,
): Promise<void> {
  const file = join(tempDir('recipe-ci-git-http-'), 'out');
  const server = await startGitHttpServer('/nonexistent', {
    backend: ['sh', '-c', script, 'sh', file],
  });
  try {
    await use(server, file);
  } finally {
    await server.close();
  }
}

describe('the loopback git server', () => {
  let root = '';
  let server: GitHttpServer;
  before(async () => {
    root = tempDir('recipe-ci-git-http-root-');
    const repo = join(root, 'ci', 'notes');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    execFileSync('git', [
      ...['-C', repo, '-c', 'user.name=ci', '-c', 'user.email=ci@example.test'],
      ...['commit', '-q', '--allow-empty', '-m', 'first'],
    ]);
    server = await startGitHttpServer(root);
  });
  after(() => server.close());

  it('serves a clone', async () => {
    const clone = join(tempDir('recipe-ci-git-http-clone-'), 'notes');
    // Not execFileSync: the server answers from this process's event loop.
    await promisify(execFile)('git', ['clone', '-q', `${server.url}/ci/notes`, clone]);
    assert.ok(existsSync(join(clone, '.git')));
  });

  it('refuses a push', async () => {
    const answer = await fetchText(`${server.url}/ci/notes/info/refs?service=git-receive-pack`);
    assert.equal(answer.status, 403);
  });
});

describe('a backend that goes wrong costs one request, not the server', () => {
  it('a backend that cannot start: 500, and the next request is served', async () => {
    const server = await startGitHttpServer('/nonexistent', { backend: ['/nonexistent/backend'] });
    try {
      const answer = await fetchText(`${server.url}/ci/notes/info/refs`);
      assert.equal(answer.status, 500);
      assert.match(answer.text, /ENOENT/);
      assert.equal((await fetchText(`${server.url}/ci/notes/info/refs`)).status, 500);
    } finally {
      await server.close();
    }
  });

  it('a status that is not a number: 500', async () => {
    await withBackend(`printf 'Status: nonsense\\r\\n\\r\\nbody'`, async (server) => {
      const answer = await fetchText(`${server.url}/x`);
      assert.equal(answer.status, 500);
      assert.match(answer.text, /nonsense|status/i);
    });
  });

  it('a backend that stops reading the body: its answer, no crash', async () => {
    await withBackend(`printf 'Status: 200 OK\\r\\n\\r\\nok'`, async (server) => {
      // Larger than a pipe holds: the backend is gone before the body is written.
      const body = Buffer.alloc(8 << 20, 'x');
      const first = await fetchText(`${server.url}/x`, body).catch(() => undefined);
      if (first) assert.equal(first.status, 200);
      assert.deepEqual(await fetchText(`${server.url}/x`), { status: 200, text: 'ok' });
    });
  });

  it('a client that leaves early: the backend and what it started are ended', async () => {
    // Both pids are written before the answer starts, so the client's leaving cannot race them.
    const script = `sleep 30 & echo $$ > "$1"; echo $! >> "$1"; printf 'Status: 200 OK\\r\\n\\r\\nstart'; wait`;
    await withBackend(script, async (server, file) => {
      await new Promise<void>((resolve, reject) => {
        const req = request(`${server.url}/x`, (response) => {
          response.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => undefined);
        req.on('timeout', () => reject(new Error('no answer')));
        req.end();
      });
      const pids = readFileSync(file, 'utf8').trim().split('\n').map(Number);
      try {
        assert.equal(pids.length, 2, `pids: ${pids.join(' ')}`);
        for (const pid of pids) assert.ok(await gone(pid, 3000), `process ${String(pid)} ended`);
      } finally {
        for (const pid of pids) killQuietly(pid);
      }
    });
  });
});
