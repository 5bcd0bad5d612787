/**
 * The gate's side effects for real: ssh2 sessions with one key (parsed once for all of them),
 * the wall clock, and the abortable sleep that drops its listener when it ends.
 */
import { abortableSleep } from '../shared/sleep.ts';
import { openSshSession, preparsePrivateKey } from '../ssh/session.ts';
import type { GateDeps } from './gate.ts';

export function realGateDeps(text: string | Buffer): GateDeps {
  const privateKey = preparsePrivateKey(text);
  return {
    connect: (target, options) => openSshSession({ target, privateKey, ...options }),
    now: () => Date.now(),
    sleep: abortableSleep,
    random: () => Math.random(),
  };
}
