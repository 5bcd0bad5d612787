/**
 * Randomised boot timelines for the benchmark. Each one is a short cloud boot: sshd starts in the
 * first second or two with host key A, the client key is authorised, sshd bounces (usually with
 * key B), and cloud-init finishes after the bounce began — cloud-init's own restart of sshd is
 * why a finished cloud-init never precedes the bounce. The gates start at a moment chosen so
 * that the bounce falls before, during or after their first probe, in equal shares.
 */
import type { ScenarioEvent } from '../../test/lab/index.ts';
import type { Rng } from './prng.ts';

/** Where the bounce falls relative to the gates' first probe. */
export type BouncePlacement = 'after-first-probe' | 'during-first-probe' | 'before-first-probe';

export const PLACEMENTS: readonly BouncePlacement[] = [
  'after-first-probe',
  'during-first-probe',
  'before-first-probe',
];

export interface BenchTimeline {
  index: number;
  placement: BouncePlacement;
  /** All offsets are ms from the scenario's start. */
  sshdAt: number;
  authorizeAt: number;
  bounceAt: number;
  gapMs: number;
  dropSessions: boolean;
  newHostKey: boolean;
  doneAt: number;
  /** When the three gates start probing. */
  gateAt: number;
  events: ScenarioEvent[];
}

const round = (ms: number): number => Math.round(ms);

/** One random timeline; `placement` is drawn too unless given. */
export function randomTimeline(
  rng: Rng,
  index: number,
  placement: BouncePlacement = rng.pick(PLACEMENTS),
): BenchTimeline {
  const sshdAt = round(rng.between(0, 1500));
  const authorizeAt = round(Math.max(0, sshdAt + rng.between(-200, 400)));
  const bounceAt = round(Math.max(authorizeAt, sshdAt) + rng.between(300, 1200));
  const gapMs = round(rng.between(50, 1000));
  const dropSessions = rng.chance(0.5);
  const newHostKey = rng.chance(0.85);
  const upAt = bounceAt + gapMs;
  let doneAt: number;
  let gateAt: number;
  switch (placement) {
    case 'after-first-probe':
      // The first probe meets no sshd yet, or sshd with key A; the bounce comes later.
      gateAt = round(rng.between(0, bounceAt - 100));
      doneAt = round(bounceAt + rng.between(50, gapMs + 1500));
      break;
    case 'during-first-probe':
      gateAt = round(rng.between(bounceAt, upAt));
      doneAt = round(Math.max(gateAt + 50, bounceAt + rng.between(50, gapMs + 1500)));
      break;
    case 'before-first-probe':
      // The bounce is over when the gates start, but cloud-init is still running.
      doneAt = round(upAt + rng.between(300, 1800));
      gateAt = round(rng.between(upAt + 20, doneAt - 200));
      break;
  }
  const events: ScenarioEvent[] = [
    { at: 0, kind: 'cloudInit', phase: { status: 'running' } },
    { at: sshdAt, kind: 'sshdUp' },
    { at: authorizeAt, kind: 'authorize' },
    { at: bounceAt, kind: 'bounce', gapMs, dropSessions, newHostKey },
    { at: doneAt, kind: 'cloudInit', phase: { status: 'done' } },
  ];
  return {
    index,
    placement,
    sshdAt,
    authorizeAt,
    bounceAt,
    gapMs,
    dropSessions,
    newHostKey,
    doneAt,
    gateAt,
    events,
  };
}

/** `count` timelines, the placements cycled so that each gets a third. */
export function randomTimelines(rng: Rng, count: number): BenchTimeline[] {
  return Array.from({ length: count }, (_, i) =>
    randomTimeline(rng, i, PLACEMENTS[i % PLACEMENTS.length]),
  );
}

/**
 * The simple timeline of the scale run: sshd at once, a bounce, cloud-init done at 1.5 s. Guests
 * without cloud-init get sshd only at 0.9 s, when the bounce would have ended: with nothing to
 * wait for, no gate can tell an sshd about to bounce from the last one.
 */
export function scaleTimeline(withCloudInit = true): ScenarioEvent[] {
  const bounce: ScenarioEvent = {
    at: 600,
    kind: 'bounce',
    gapMs: 300,
    dropSessions: true,
    newHostKey: true,
  };
  if (!withCloudInit) {
    return [
      { at: 0, kind: 'authorize' },
      { at: 900, kind: 'sshdUp' },
    ];
  }
  return [
    { at: 0, kind: 'cloudInit', phase: { status: 'running' } },
    { at: 0, kind: 'sshdUp' },
    { at: 0, kind: 'authorize' },
    bounce,
    { at: 1500, kind: 'cloudInit', phase: { status: 'done' } },
  ];
}
