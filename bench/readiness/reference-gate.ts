/**
 * A reference of the best gate we found in the wild (an Ansible task file), rebuilt with the
 * system `ssh` client: an authenticated `ssh … /bin/true` probe with BatchMode, 5 s apart, until
 * one succeeds; then `cloud-init status --wait` capped at 600 s, any exit code accepted, run once
 * more if the ssh carrying it died (exit 255, as when sshd's restart cuts the session). Ansible's
 * `until`/`delay` sleeps between attempts, so the 5 s run from one attempt's end to the next.
 */
import { spawn } from 'node:child_process';

export const REFERENCE_PROBE_DELAY_MS = 5000;
export const REFERENCE_WAIT_CAP_MS = 600_000;

export interface ReferenceGateResult {
  ready: boolean;
  /** Date.now() when it passed (or gave up). */
  at: number;
  probes: number;
  /** Exit codes of the `cloud-init status --wait` runs (null: killed at the cap). */
  waitExits: (number | null)[];
}

export interface ReferenceTarget {
  host: string;
  port: number;
  user: string;
  keyPath: string;
}

function sshArgs(target: ReferenceTarget, command: string): string[] {
  return [
    '-i',
    target.keyPath,
    '-p',
    String(target.port),
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'ConnectTimeout=5',
    '-o',
    'LogLevel=ERROR',
    `${target.user}@${target.host}`,
    command,
  ];
}

/** Run `ssh … command`; resolves with its exit code, or null if killed after `capMs`. */
export function runSsh(
  target: ReferenceTarget,
  command: string,
  capMs: number,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('ssh', sshArgs(target, command), { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), capMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(255);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export async function referenceGate(
  target: ReferenceTarget,
  options: { timeoutMs: number },
): Promise<ReferenceGateResult> {
  const deadline = Date.now() + options.timeoutMs;
  let probes = 0;
  for (;;) {
    probes++;
    if ((await runSsh(target, '/bin/true', 30_000)) === 0) break;
    if (Date.now() + REFERENCE_PROBE_DELAY_MS > deadline) {
      return { ready: false, at: Date.now(), probes, waitExits: [] };
    }
    await new Promise((r) => setTimeout(r, REFERENCE_PROBE_DELAY_MS));
  }
  const waitExits: (number | null)[] = [];
  waitExits.push(await runSsh(target, 'cloud-init status --wait', REFERENCE_WAIT_CAP_MS));
  if (waitExits[0] === 255) {
    waitExits.push(await runSsh(target, 'cloud-init status --wait', REFERENCE_WAIT_CAP_MS));
  }
  return { ready: true, at: Date.now(), probes, waitExits };
}
