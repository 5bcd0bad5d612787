/** What a host went through, in order, with times relative to the gate's start. */

export type Stage = 'connect' | 'cloud-init' | 'settle' | 'http' | 'ready';

export interface TimelineEvent {
  atMs: number;
  stage: Stage;
  event: string;
}

export class Timeline {
  readonly events: TimelineEvent[] = [];
  private last = '';

  constructor(private readonly elapsed: () => number) {}

  /** Record an event; the same event repeated back to back (a refusal every second) is kept once. */
  add(stage: Stage, event: string): void {
    const key = `${stage}:${event}`;
    if (key === this.last) return;
    this.last = key;
    this.events.push({ atMs: this.elapsed(), stage, event });
  }
}
