/**
 * Why an SSH attempt failed, in the words a readiness report needs. Each kind is a different
 * stage of a booting machine: nothing routes yet (timeout), the port is closed (refused), sshd
 * is restarting (reset/closed), it answers TCP but never speaks (no-banner), keys are not yet
 * installed (auth-denied), or the host is not the one pinned (host-key-mismatch).
 */

export type SshFailureKind =
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'reset'
  | 'no-banner'
  | 'handshake'
  | 'auth-denied'
  | 'host-key-mismatch'
  | 'dns'
  | 'aborted'
  | 'other';

export class SshFailure extends Error {
  override readonly name = 'SshFailure';
  constructor(
    readonly kind: SshFailureKind,
    message: string,
  ) {
    super(message);
  }
}

interface NodeishError {
  code?: unknown;
  level?: unknown;
  message: string;
}

/** Classify what ssh2 or the socket threw. */
export function classifySshError(error: unknown): SshFailure {
  if (error instanceof SshFailure) return error;
  const e: NodeishError = error instanceof Error ? error : { message: String(error) };
  const code = typeof e.code === 'string' ? e.code : '';
  const level = typeof e.level === 'string' ? e.level : '';
  if (code === 'ECONNREFUSED') return new SshFailure('refused', 'connection refused');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new SshFailure('reset', 'connection reset');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new SshFailure('unreachable', `no route to host (${code})`);
  }
  if (code === 'ETIMEDOUT') return new SshFailure('timeout', 'connect timed out');
  if (level === 'client-dns' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SshFailure('dns', `name not resolved: ${e.message}`);
  }
  if (level === 'client-authentication') {
    return new SshFailure('auth-denied', 'publickey authentication denied');
  }
  if (/Host denied \(verification failed\)/.test(e.message)) {
    return new SshFailure('host-key-mismatch', 'host key differs from the pinned one');
  }
  if (level === 'client-timeout') return new SshFailure('timeout', e.message);
  if (level === 'protocol' || level === 'handshake' || /handshake|kex/i.test(e.message)) {
    return new SshFailure('handshake', `handshake failed: ${e.message}`);
  }
  if (/No response from server|Connection lost/i.test(e.message)) {
    return new SshFailure('reset', e.message);
  }
  return new SshFailure('other', e.message);
}
