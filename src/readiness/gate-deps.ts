/**
 * The gate's side effects for real: ssh2 sessions with one key, the wall clock, and a sleep that
 * a cancellation ends early. The sleep drops its abort listener when it ends, so a long wait
 * over many hosts does not pile listeners onto the one signal.
 */
import { openSshSession } from '../ssh/session.ts';
import type { GateDeps } from './gate.ts';

export function realGateDeps(privateKey: string | Buffer): GateDeps {
  return {
    connect: (target, options) => openSshSession({ target, privateKey, ...options }),
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
      }),
    random: () => Math.random(),
  };
}
