/**
 * A fake host behind the gate's injectable deps (GateDeps): a fake clock whose sleep only moves
 * time on, and an SSH connector whose sessions answer the gate's three commands — the cloud-init
 * look (cloud-init-look.ts), `cloud-init status` (CLOUD_INIT_PROBE) and the settle `true` — from
 * a scripted world. No root, no network, no real time: a 20 s gate runs in milliseconds.
 */
import type { GateDeps } from '../../src/readiness/gate.ts';
import { SshFailure, type SshFailureKind } from '../../src/ssh/failure.ts';
import type { ExecResult, SshSession, SshTarget } from '../../src/ssh/session.ts';

export type FakeCloudInit =
  'absent' | 'disabled' | 'not-started' | 'running' | 'done' | 'degraded' | 'error';

/** What the host is at one moment. */
export interface HostState {
  /** `up`: sshd accepts and authenticates; otherwise how a connect fails. */
  ssh: 'up' | Exclude<SshFailureKind, 'aborted'>;
  hostKey: string;
  cloudInit: FakeCloudInit;
  /** sshd's generation: a session lives while the host is up in the generation it opened in. */
  boot: number;
  /** Sessions opened now authenticate, then their first command fails (sshd going away). */
  dropOnExec?: boolean;
}

/** The world as a function of the fake clock (ms since the gate began) and the connect count. */
export type World = (elapsedMs: number, connectNo: number) => HostState;

export interface Phase {
  /** When this phase begins, in ms since the gate began. */
  at: number;
  ssh?: HostState['ssh'];
  hostKey?: string;
  cloudInit?: FakeCloudInit;
}

/**
 * A world of phases, each changing some of the state from `at` on. sshd's generation goes up
 * each time it comes back up, so sessions from before an outage are dead after it.
 */
export function phases(list: readonly Phase[]): World {
  const states: { at: number; state: HostState }[] = [];
  let state: HostState = { ssh: 'up', hostKey: 'SHA256:key-A', cloudInit: 'running', boot: 0 };
  for (const phase of list) {
    const next: HostState = { ...state, ...definedOnly(phase) };
    if (next.ssh === 'up' && state.ssh !== 'up') next.boot = state.boot + 1;
    states.push({ at: phase.at, state: next });
    state = next;
  }
  return (elapsed) => {
    let current: HostState = states[0]?.state ?? state;
    for (const entry of states) if (entry.at <= elapsed) current = entry.state;
    return current;
  };
}

function definedOnly(phase: Phase): Partial<HostState> {
  const out: Partial<HostState> = {};
  if (phase.ssh !== undefined) out.ssh = phase.ssh;
  if (phase.hostKey !== undefined) out.hostKey = phase.hostKey;
  if (phase.cloudInit !== undefined) out.cloudInit = phase.cloudInit;
  return out;
}

export interface ConnectRecord {
  atMs: number;
  result: 'up' | HostState['ssh'];
  hostKey: string | undefined;
}

export interface ExecRecord {
  atMs: number;
  kind: 'look' | 'full' | 'true' | 'other';
  command: string;
}

/** How long things take on the fake host. */
const CONNECT_MS = 10;
const FULL_PROBE_MS = 300;
const SHORT_EXEC_MS = 5;

export class FakeHost {
  nowMs = 1_000_000;
  readonly startMs = this.nowMs;
  readonly connects: ConnectRecord[] = [];
  readonly execs: ExecRecord[] = [];
  /** Every sleep the gate asked for, in ms, in order, with the clock when it began. */
  readonly sleeps: { atMs: number; ms: number }[] = [];
  /** The fake `random()`: 0 means no jitter (every backoff delay is its nominal value). */
  randomValue = 0;

  constructor(private readonly world: World) {}

  get elapsed(): number {
    return this.nowMs - this.startMs;
  }

  /** The host now, as connection number `connectNo` (by default the next one) sees it. */
  state(connectNo = this.connects.length): HostState {
    return this.world(this.elapsed, connectNo);
  }

  /** The deps, typed against the real GateDeps. */
  deps(): GateDeps {
    return {
      connect: (target, options) => this.connect(target, options.signal),
      now: () => this.nowMs,
      sleep: (ms, signal) => this.sleep(ms, signal),
      random: () => this.randomValue,
    };
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new SshFailure('aborted', 'cancelled'));
    this.sleeps.push({ atMs: this.elapsed, ms });
    this.nowMs += ms;
    return Promise.resolve();
  }

  private connect(_target: SshTarget, signal: AbortSignal): Promise<SshSession> {
    if (signal.aborted) return Promise.reject(new SshFailure('aborted', 'cancelled'));
    if (this.connects.length > 100_000) throw new Error('the gate never stops connecting');
    this.nowMs += CONNECT_MS;
    const connectNo = this.connects.length;
    const state = this.state(connectNo);
    this.connects.push({
      atMs: this.elapsed,
      result: state.ssh,
      hostKey: state.ssh === 'up' ? state.hostKey : undefined,
    });
    if (state.ssh === 'refused') {
      // What the socket throws, so that classifySshError is on the path too.
      const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return Promise.reject(error);
    }
    if (state.ssh !== 'up') return Promise.reject(new SshFailure(state.ssh, `fake ${state.ssh}`));
    return Promise.resolve(this.session(state, connectNo));
  }

  private session(opened: HostState, connectNo: number): SshSession {
    let closed = false;
    const alive = (): boolean => {
      const now = this.state(connectNo);
      return !closed && now.ssh === 'up' && now.boot === opened.boot;
    };
    return {
      hostKey: opened.hostKey,
      hostKeyText: `ssh-ed25519 ${opened.hostKey}`,
      get isOpen() {
        return alive();
      },
      exec: (command) => {
        const kind = commandKind(command);
        this.execs.push({ atMs: this.elapsed, kind, command });
        if (opened.dropOnExec === true) closed = true;
        if (!alive()) {
          return Promise.reject(
            new SshFailure('reset', 'the connection closed before the command ran'),
          );
        }
        if (kind === 'look') return Promise.resolve(this.look(command, connectNo, alive));
        if (kind === 'full') {
          this.nowMs += FULL_PROBE_MS;
          if (!alive()) return Promise.resolve({ code: null, stdout: '', stderr: '' });
          return Promise.resolve(fullProbeAnswer(this.state(connectNo).cloudInit));
        }
        this.nowMs += SHORT_EXEC_MS;
        if (!alive()) return Promise.reject(new SshFailure('reset', 'connection reset'));
        return Promise.resolve({ code: 0, stdout: '', stderr: '' });
      },
      close: () => {
        closed = true;
      },
    };
  }

  /** The look's loop as the host would run it: a round every interval until it can decide. */
  private look(command: string, connectNo: number, alive: () => boolean): ExecResult {
    const rounds = Number(/^n=(\d+)$/m.exec(command)?.[1] ?? '1');
    const intervalMs = Math.round(Number(/sleep (\d+\.\d+)/.exec(command)?.[1] ?? '1') * 1000);
    for (let round = 1; ; round++) {
      this.nowMs += SHORT_EXEC_MS;
      if (!alive()) return { code: null, stdout: '', stderr: '' };
      const state = this.state(connectNo).cloudInit;
      const answer = lookAnswer(state);
      if (answer !== undefined) return { code: 0, stdout: answer, stderr: '' };
      if (round >= rounds) return { code: 0, stdout: `__ci=${state}\n`, stderr: '' };
      this.nowMs += intervalMs - SHORT_EXEC_MS;
    }
  }
}

function commandKind(command: string): ExecRecord['kind'] {
  if (command.includes('__ci=')) return 'look';
  if (command.startsWith('cloud-init status --format json')) return 'full';
  if (command === 'true') return 'true';
  return 'other';
}

const CLEAN_STATUS_JSON = JSON.stringify({
  v1: {
    stage: null,
    init: { errors: [], start: 1, finished: 2 },
    modules_final: { errors: [], start: 3, finished: 4 },
  },
});

const ERROR_STATUS_JSON = JSON.stringify({
  v1: { stage: null, modules_final: { errors: ['boom'], start: 3, finished: 4 } },
});

/** What the look prints when it decides; undefined when it would loop on (not yet). */
function lookAnswer(state: FakeCloudInit): string | undefined {
  switch (state) {
    case 'absent':
      return '__ci=absent\n';
    case 'disabled':
      return '__ci=disabled by /etc/cloud/cloud-init.disabled\n';
    case 'done':
      return `__ci=finished\n${CLEAN_STATUS_JSON}\n__ci_end\n`;
    case 'error':
    case 'degraded':
      // result.json with errors in status.json: the look leaves it to `cloud-init status`.
      return `__ci=finished\n${ERROR_STATUS_JSON}\n__ci_end\n`;
    case 'running':
    case 'not-started':
      return undefined;
  }
}

/** What CLOUD_INIT_PROBE prints for each state (22.x/23.4+ `cloud-init status --format json`). */
function fullProbeAnswer(state: FakeCloudInit): ExecResult {
  const json = (body: object, rc: number): ExecResult => ({
    code: 0,
    stdout: `${JSON.stringify(body)}\n__rc=${String(rc)}\n`,
    stderr: '',
  });
  switch (state) {
    case 'absent':
      return { code: 0, stdout: 'sh: 1: cloud-init: not found\n__rc=127\n', stderr: '' };
    case 'disabled':
      return json({ status: 'disabled', detail: 'Cloud-init disabled' }, 0);
    case 'not-started':
      return json({ status: 'not started', detail: '' }, 0);
    case 'running':
      return json({ status: 'running', detail: 'Running in stage: init' }, 0);
    case 'done':
      return json({ status: 'done', extended_status: 'done', detail: 'DataSourceNone' }, 0);
    case 'degraded':
      return json(
        {
          status: 'done',
          extended_status: 'degraded done',
          recoverable_errors: { WARNING: ['a deprecated key'] },
          detail: 'DataSourceNone',
        },
        2,
      );
    case 'error':
      return json({ status: 'error', errors: ['boom'], detail: 'DataSourceNone' }, 1);
  }
}
