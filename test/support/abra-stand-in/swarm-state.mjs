// The state the abra and docker stand-ins share: one "server" (a Docker Swarm with services,
// secrets and volumes; volumes are folders, so data written into them is real), the backups
// abra's backup bot would keep, and a log of every call the tests read. Not abra, not Docker:
// a recording stand-in built from their documented behaviour, for tests that cannot run either.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export const stateDir = process.env.ABRA_STAND_IN_STATE ?? '';
if (stateDir === '') {
  process.stderr.write('stand-in: ABRA_STAND_IN_STATE is not set\n');
  process.exit(70);
}
mkdirSync(stateDir, { recursive: true });
const file = join(stateDir, 'swarm.json');
const lock = join(stateDir, 'lock');

let held = false;
// A stand-in that fails (process.exit) while holding the lock must not leave it behind.
process.on('exit', () => {
  if (held) rmSync(lock, { recursive: true, force: true });
});

/** Run `fn` on the swarm state under a lock (two runs may call at once) and save it. */
export function withSwarm(fn) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      held = true;
      break;
    } catch {
      if (i > 2000) throw new Error('stand-in: swarm state lock held too long');
      Atomics.wait(sleeper, 0, 0, 5);
    }
  }
  try {
    const swarm = existsSync(file)
      ? JSON.parse(readFileSync(file, 'utf8'))
      : { services: [], secrets: [], volumes: [] };
    const result = fn(swarm);
    writeFileSync(file, JSON.stringify(swarm, null, 1));
    return result;
  } finally {
    rmSync(lock, { recursive: true, force: true });
    held = false;
  }
}

export function volumeDir(name) {
  return join(stateDir, 'volumes', name);
}

/** One line of JSON per call, for the tests. */
export function record(entry) {
  const log = process.env.ABRA_STAND_IN_LOG;
  if (log) appendFileSync(log, `${JSON.stringify({ ...entry, cwd: process.cwd() })}\n`);
}

/** Whether the test asked this command to fail (ABRA_STAND_IN_FAIL="app deploy,replicas"). */
export function told(what) {
  return (process.env.ABRA_STAND_IN_FAIL ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes(what);
}

export function stackName(domain) {
  return domain.replace(/\./g, '_').slice(0, 45);
}

/** Go's default rendering of a time.Time, as `docker service inspect` prints CreatedAt. */
export function goTime(iso) {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, (_, f = '') => `${f} +0000 UTC`);
}
