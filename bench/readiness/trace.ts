/**
 * Real gate dependencies that also log every connection and remote command with its start and
 * duration. The gate's own timeline keeps only state changes; to explain a slow detection we
 * need the polls in between (which quick probe first saw the finish, how long `cloud-init
 * status` took, how long each settle connection took).
 */
import type { GateDeps } from '../../src/readiness/gate.ts';
import type { SshSession } from '../../src/ssh/session.ts';

export interface TraceEntry {
  /** ms since the epoch when the call started. */
  at: number;
  ms: number;
  /** `quick-probe` is the cheap cloud-init look (older traces: the one-shot file check). */
  what: 'connect' | 'quick-probe' | 'full-probe' | 'settle-exec' | 'exec';
  ok: boolean;
  note?: string;
}

function kindOf(command: string): TraceEntry['what'] {
  if (command.includes('__ci=')) return 'quick-probe';
  if (command.startsWith('if [ -e /run/cloud-init/result.json')) return 'quick-probe';
  if (command.startsWith('cloud-init status')) return 'full-probe';
  if (command === 'true') return 'settle-exec';
  return 'exec';
}

export function tracedDeps(inner: GateDeps, log: TraceEntry[]): GateDeps {
  return {
    ...inner,
    connect: async (target, options) => {
      const at = Date.now();
      try {
        const session = await inner.connect(target, options);
        log.push({ at, ms: Date.now() - at, what: 'connect', ok: true });
        return traced(session, log);
      } catch (error) {
        const note = error instanceof Error ? error.message : String(error);
        log.push({ at, ms: Date.now() - at, what: 'connect', ok: false, note });
        throw error;
      }
    },
  };
}

function traced(session: SshSession, log: TraceEntry[]): SshSession {
  return {
    get hostKey() {
      return session.hostKey;
    },
    get hostKeyText() {
      return session.hostKeyText;
    },
    get isOpen() {
      return session.isOpen;
    },
    close: () => session.close(),
    exec: async (command, timeoutMs) => {
      const at = Date.now();
      const what = kindOf(command);
      try {
        const result = await session.exec(command, timeoutMs);
        const note =
          what === 'quick-probe' && /__finished|__ci=finished/.test(result.stdout)
            ? 'finished'
            : undefined;
        log.push({ at, ms: Date.now() - at, what, ok: true, ...(note ? { note } : {}) });
        return result;
      } catch (error) {
        const note = error instanceof Error ? error.message : String(error);
        log.push({ at, ms: Date.now() - at, what, ok: false, note });
        throw error;
      }
    },
  };
}
