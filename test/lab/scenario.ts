/**
 * Scenario timelines: what happens to a guest, and when, while the code under test watches it.
 * Each event is applied for real at its offset and the moment it took effect is recorded, so a
 * benchmark can compare what a readiness gate concluded with `readyAt`, the moment the guest
 * truly became ready.
 */
import type { CloudInitPhase } from './cloud-init.ts';
import { assertPhaseSupported } from './cloud-init.ts';
import type { BounceTimes, Guest } from './guest.ts';
import { sleep } from './run.ts';

/** One change to a guest. */
export type ScenarioStep =
  | { readonly kind: 'sshdUp' }
  | { readonly kind: 'sshdDown'; readonly dropSessions?: boolean }
  | {
      readonly kind: 'bounce';
      readonly gapMs: number;
      readonly dropSessions?: boolean;
      readonly newHostKey?: boolean;
    }
  | { readonly kind: 'changeHostKey'; readonly dropSessions?: boolean }
  | { readonly kind: 'authorize' }
  | { readonly kind: 'deauthorize' }
  | { readonly kind: 'cloudInit'; readonly phase: CloudInitPhase }
  | { readonly kind: 'blackhole'; readonly on?: boolean }
  | { readonly kind: 'tarpit' }
  | { readonly kind: 'nothingListening' };

/** A step and its offset in ms from the scenario's start. */
export type ScenarioEvent = ScenarioStep & { readonly at: number };

/** What happened to one event. Times are ms since the epoch. */
export interface EventRecord {
  readonly event: ScenarioEvent;
  /** When it was due (start + at). */
  readonly scheduledAt: number;
  /** When it was applied: later than scheduled if the previous event was still going on. */
  readonly startedAt: number;
  /** When it was in force (for a bounce: when sshd went down; see `bounce` for the return). */
  readonly tookEffectAt: number;
  readonly bounce?: BounceTimes;
  /** Whether the guest was truly ready once this event had been applied. */
  readonly readyAfter: boolean;
}

/** The outcome of a whole scenario. */
export interface ScenarioResult {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly records: readonly EventRecord[];
  /** When the guest became ready for good (see Guest.readySince), or undefined: it never did. */
  readonly readyAt: number | undefined;
}

function check(guest: Guest, events: readonly ScenarioEvent[]): ScenarioEvent[] {
  for (const event of events) {
    if (!Number.isFinite(event.at) || event.at < 0) {
      throw new Error(`scenario event ${event.kind}: 'at' must be a number of ms >= 0`);
    }
    if (event.kind === 'cloudInit') assertPhaseSupported(guest.flavor, event.phase);
    if (event.kind === 'bounce' && !(event.gapMs >= 0)) {
      throw new Error(`scenario bounce: gapMs must be >= 0, not ${event.gapMs}`);
    }
  }
  return [...events].sort((a, b) => a.at - b.at); // stable: equal offsets keep their order
}

async function apply(guest: Guest, step: ScenarioStep): Promise<number | BounceTimes> {
  switch (step.kind) {
    case 'sshdUp':
      return guest.sshdUp();
    case 'sshdDown':
      return guest.sshdDown({ dropSessions: step.dropSessions ?? false });
    case 'bounce':
      return guest.bounce(step);
    case 'changeHostKey':
      return guest.changeHostKey({ dropSessions: step.dropSessions ?? false });
    case 'authorize':
      return guest.authorize();
    case 'deauthorize':
      return guest.deauthorize();
    case 'cloudInit':
      return guest.setCloudInit(step.phase);
    case 'blackhole':
      return guest.blackhole(step.on ?? true);
    case 'tarpit':
      return guest.tarpit();
    case 'nothingListening':
      return guest.nothingListening();
  }
}

/**
 * A scenario being played against a guest. Events run one after another in offset order; an
 * event due while the previous one is still in progress (a bounce's gap) waits for it.
 */
export class ScenarioRun {
  readonly startedAt: number;
  readonly records: EventRecord[] = [];
  /** Settles when every event has been applied (or the run was stopped); rejects on failure. */
  readonly finished: Promise<ScenarioResult>;
  #stopped = false;
  #wake: (() => void) | undefined;

  constructor(
    readonly guest: Guest,
    events: readonly ScenarioEvent[],
  ) {
    const ordered = check(guest, events);
    this.startedAt = Date.now();
    this.finished = this.#play(ordered);
  }

  /**
   * When the guest became ready and stayed so (its readySince). Final once `finished` settles;
   * while the scenario runs it may still be cleared by a later event.
   */
  get readyAt(): number | undefined {
    return this.guest.readySince;
  }

  /** Apply no further events (the one in progress completes). */
  stop(): void {
    this.#stopped = true;
    this.#wake?.();
  }

  async #play(events: readonly ScenarioEvent[]): Promise<ScenarioResult> {
    for (const event of events) {
      const scheduledAt = this.startedAt + event.at;
      const wait = scheduledAt - Date.now();
      if (wait > 0 && !this.#stopped) {
        await Promise.race([sleep(wait), new Promise<void>((r) => (this.#wake = r))]);
      }
      if (this.#stopped) break;
      const startedAt = Date.now();
      const outcome = await apply(this.guest, event);
      const readyAfter = this.guest.readySince !== undefined;
      this.records.push(
        typeof outcome === 'number'
          ? { event, scheduledAt, startedAt, tookEffectAt: outcome, readyAfter }
          : {
              event,
              scheduledAt,
              startedAt,
              tookEffectAt: outcome.downAt,
              bounce: outcome,
              readyAfter,
            },
      );
    }
    return {
      startedAt: this.startedAt,
      endedAt: Date.now(),
      records: this.records,
      readyAt: this.guest.readySince,
    };
  }
}

/** Start playing `events` against `guest` now. */
export function playScenario(guest: Guest, events: readonly ScenarioEvent[]): ScenarioRun {
  return new ScenarioRun(guest, events);
}

/** Options of the typical cloud boot; all times are ms from the start. */
export interface CloudBootOptions {
  /** When root's authorized_keys is written. Default 300. */
  readonly authorizeAt?: number;
  /** When sshd is restarted with a new host key. Default 600. */
  readonly bounceAt?: number;
  /** How long sshd is down in the bounce. Default 300. */
  readonly gapMs?: number;
  /** Whether the bounce ends established sessions. Default true (sshd is killed outright). */
  readonly dropSessions?: boolean;
  /** When cloud-init finishes. Default 1500. */
  readonly doneAt?: number;
  /** How cloud-init finishes. Default done. */
  readonly outcome?: CloudInitPhase;
}

/**
 * Ready-made timelines. The guest should start with `sshd: false` so that the timeline's first
 * event is what brings sshd up.
 */
export const timelines = {
  /**
   * The flake this project exists to end: sshd answers with host key A at once while
   * cloud-init runs; the key is authorised at t1; sshd is bounced and comes back with key B;
   * cloud-init finishes at t2. A gate that trusts the early banner passes far too early.
   */
  cloudBoot(options: CloudBootOptions = {}): ScenarioEvent[] {
    const bounceAt = options.bounceAt ?? 600;
    return [
      { at: 0, kind: 'sshdUp' },
      { at: 0, kind: 'cloudInit', phase: { status: 'running' } },
      { at: options.authorizeAt ?? 300, kind: 'authorize' },
      {
        at: bounceAt,
        kind: 'bounce',
        gapMs: options.gapMs ?? 300,
        dropSessions: options.dropSessions ?? true,
      },
      {
        at: options.doneAt ?? 1500,
        kind: 'cloudInit',
        phase: options.outcome ?? { status: 'done' },
      },
    ];
  },

  /** As cloudBoot, but sshd bounces twice, each time with a new host key. */
  doubleBounce(options: { firstAt?: number; secondAt?: number; gapMs?: number } = {}) {
    const gapMs = options.gapMs ?? 200;
    return [
      { at: 0, kind: 'sshdUp' },
      { at: 0, kind: 'cloudInit', phase: { status: 'running' } },
      { at: 0, kind: 'authorize' },
      { at: options.firstAt ?? 300, kind: 'bounce', gapMs, dropSessions: true },
      { at: options.secondAt ?? 900, kind: 'bounce', gapMs, dropSessions: true },
      { at: (options.secondAt ?? 900) + gapMs + 100, kind: 'cloudInit', phase: { status: 'done' } },
    ] satisfies ScenarioEvent[];
  },

  /** A ready guest whose host key changes at `at` (after a gate may have pinned the old one). */
  hostKeyChange(at = 500): ScenarioEvent[] {
    return [
      { at: 0, kind: 'sshdUp' },
      { at: 0, kind: 'authorize' },
      { at: 0, kind: 'cloudInit', phase: { status: 'done' } },
      { at, kind: 'changeHostKey' },
    ];
  },

  /** cloud-init starts and never finishes; sshd is otherwise fine. */
  cloudInitNeverFinishes(): ScenarioEvent[] {
    return [
      { at: 0, kind: 'sshdUp' },
      { at: 0, kind: 'authorize' },
      { at: 0, kind: 'cloudInit', phase: { status: 'running' } },
    ];
  },

  /** The machine never boots: nothing listens (refused) or packets vanish (timeouts). */
  neverBoots(how: 'nothing' | 'blackhole' | 'tarpit'): ScenarioEvent[] {
    if (how === 'nothing') return [{ at: 0, kind: 'nothingListening' }];
    if (how === 'tarpit') return [{ at: 0, kind: 'tarpit' }];
    return [{ at: 0, kind: 'blackhole' }];
  },
};
