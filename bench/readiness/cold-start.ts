/**
 * Cold start: how long the packaged action (`node dist/readiness/main.js`, as the runner starts
 * it) takes from spawn to its first TCP connection attempt, against a loopback listener we own,
 * as a ratio to `node -e 0` from spawn to exit. The two are interleaved so that a burst of load
 * from elsewhere hits both alike; medians of `runs` each.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { FakeActionsEnv } from '../../test/support/fake-actions-env.ts';
import { median } from './stats.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(REPO, 'dist/readiness/main.js');

export interface ColdStartResult {
  runs: number;
  actionMs: number[];
  nodeMs: number[];
  medianActionMs: number;
  medianNodeMs: number;
  ratio: number;
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      resolve({ server, port: address.port });
    });
  });
}

/** Spawn → first accepted connection; the action is then killed (it would retry for a while). */
async function actionOnce(env: NodeJS.ProcessEnv, server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [MAIN], { env, cwd: REPO, stdio: 'ignore' });
    server.once('connection', () => {
      const elapsed = ms(start);
      child.kill('SIGKILL');
      child.once('exit', () => resolve(elapsed));
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === null)
        reject(new Error(`the action exited (${String(code)}) before connecting`));
    });
  });
}

function nodeOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(ms(start)));
  });
}

export async function measureColdStart(runs: number): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ci-bench-'));
  const { server, port } = await listen();
  try {
    const keyPath = join(dir, 'id_ed25519');
    writeFileSync(keyPath, ssh2.utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
    const fake = new FakeActionsEnv();
    const env = fake.env('readiness', {
      hosts: `127.0.0.1:${port}`,
      'private-key-path': keyPath,
      timeout: '30s',
    });
    const actionMs: number[] = [];
    const nodeMs: number[] = [];
    // One unmeasured round of each warms the page cache, as on a runner that has the action.
    await actionOnce(env, server);
    await nodeOnce();
    for (let i = 0; i < runs; i++) {
      actionMs.push(await actionOnce(env, server));
      nodeMs.push(await nodeOnce());
    }
    rmSync(fake.dir, { recursive: true, force: true });
    const medianActionMs = median(actionMs);
    const medianNodeMs = median(nodeMs);
    return {
      runs,
      actionMs: actionMs.map((v) => Math.round(v * 10) / 10),
      nodeMs: nodeMs.map((v) => Math.round(v * 10) / 10),
      medianActionMs: Math.round(medianActionMs * 10) / 10,
      medianNodeMs: Math.round(medianNodeMs * 10) / 10,
      ratio: Math.round((medianActionMs / medianNodeMs) * 100) / 100,
    };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
